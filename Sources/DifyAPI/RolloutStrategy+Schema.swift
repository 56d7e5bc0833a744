import KubeCore

extension RolloutStrategy {
    /// The schema of `spec.strategy`.
    static var schema: SchemaNode {
        .object(
            description: "How a new model revision replaces the running one. Example: `{type: RollingUpdate, rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}`.",
            properties: [
                "type": .string(
                    description: "The rollout strategy: \(DifyEnums.strategyTypes.joined(separator: ", ")) (the only one of this release). Default: \(DifyDefaults.strategyType).",
                    enum: DifyEnums.strategyTypes, default: DifyDefaults.strategyType),
                "rollingUpdate": RollingUpdateSpec.schema,
                "progressDeadlineSeconds": .int32(
                    description: "Seconds a revision change may go without progress (a pod turning Ready) before it is reported stuck (Progressing False, phase Degraded), at least 1. Default: \(DifyDefaults.progressDeadlineSeconds). Example: `1800` for models that load slowly.",
                    minimum: 1, default: DifyDefaults.progressDeadlineSeconds),
            ]
        )
    }
}

extension RollingUpdateSpec {
    /// The schema of `spec.strategy.rollingUpdate`.
    static var schema: SchemaNode {
        let surge = "(has(self.maxSurge) ? self.maxSurge : \(DifyDefaults.maxSurge))"
        let unavailable = "(has(self.maxUnavailable) ? self.maxUnavailable : \(DifyDefaults.maxUnavailable))"
        return .object(
            description: "The replica arithmetic of a rolling update, in serving pods. Example: `{maxSurge: 1, maxUnavailable: 0}` on a cluster with a spare GPU.",
            properties: [
                "maxSurge": .int32(
                    description: "Serving pods allowed above `replicas` during a change, at least 0. Default: \(DifyDefaults.maxSurge), so a change needs no spare GPU. Example: `1` to keep full capacity while new pods load.",
                    minimum: 0, default: DifyDefaults.maxSurge),
                "maxUnavailable": .int32(
                    description: "Serving pods allowed below `replicas` during a change, at least 0. Default: \(DifyDefaults.maxUnavailable). Example: `0` together with `maxSurge: 1`.",
                    minimum: 0, default: DifyDefaults.maxUnavailable),
            ],
            validations: [
                CELRule(
                    "\(surge) + \(unavailable) > 0",
                    message: "rollingUpdate.maxSurge and rollingUpdate.maxUnavailable cannot both be 0: the rollout could never replace a pod")
            ]
        )
    }
}
