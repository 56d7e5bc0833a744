import KubeCore

extension PodOverrides {
    /// The schema of `spec.template`.
    static var schema: SchemaNode {
        .object(
            description: "Pod-level settings added to what the DifyModel implies (the GPU node selector and toleration come from the model). Example: `{nodeSelector: {topology.kubernetes.io/zone: zone-a}}`.",
            properties: [
                "nodeSelector": .map(
                    description: "Node labels the serving pods' nodes must have, in addition to the model's. Default: none. Example: `{topology.kubernetes.io/zone: zone-a}`.",
                    values: .stringValue),
                "tolerations": .array(
                    description: "Taints the serving pods tolerate, in addition to the GPU taint the operator tolerates for GPU models. Default: none. Example: `[{key: dedicated, operator: Equal, value: llm, effect: NoSchedule}]`.",
                    items: .toleration(description: "One toleration (core/v1 Toleration).")),
                "affinity": .preservedObject(
                    description: "A core/v1 Affinity (nodeAffinity, podAffinity, podAntiAffinity) for the serving pods, passed as written. Default: none. Example: `{podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [...]}}` to spread replicas over nodes."),
                "priorityClassName": .string(
                    description: "The PriorityClass of the serving pods. Default: none (the cluster's default priority). Example: `high-priority`."),
                "labels": .map(
                    description: "Extra labels of the serving pods (the operator's own labels win on conflict). Default: none. Example: `{team: search}`.",
                    values: .stringValue),
                "annotations": .map(
                    description: "Extra annotations of the serving pods. Default: none. Example: `{prometheus.io/scrape: \"true\"}`.",
                    values: .stringValue),
            ]
        )
    }
}
