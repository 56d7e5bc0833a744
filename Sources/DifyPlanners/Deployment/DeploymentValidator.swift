import DifyAPI

/// The rules of a DifyDeployment spec (pure). The CRD's schema and CEL rules say the same;
/// they are checked again because a cluster may run without them.
public enum DeploymentValidator {
    /// The name must name a Service (a DNS-1035 label of at most 63 characters).
    public static func validateName(_ name: String) -> SpecProblem? {
        let chars = Array(name.utf8)
        let valid = !chars.isEmpty && chars.count <= DifyNames.maxDeploymentNameLength
            && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(chars[0])
            && chars.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") }
            && chars.last != UInt8(ascii: "-")
        guard !valid else { return nil }
        return SpecProblem(field: "metadata.name", reason: "InvalidName", message: "the name \(String(reflecting: name)) cannot name the Service this DifyDeployment creates: use at most \(DifyNames.maxDeploymentNameLength) lower-case letters, digits and '-', starting with a letter (no dots)")
    }

    public static func validate(_ spec: DifyDeploymentSpec) -> SpecProblem? {
        if spec.modelRef.name.isEmpty {
            return SpecProblem(field: "spec.modelRef.name", reason: "MissingModelRef", message: "modelRef.name must name a DifyModel in the same namespace")
        }
        if let r = spec.replicas, r < 0 {
            return SpecProblem(field: "spec.replicas", reason: "InvalidReplicas", message: "replicas must be 0 or more, got \(r)")
        }
        if let a = spec.autoscaling {
            let minimum = a.minReplicas ?? DifyDefaults.minReplicas
            if minimum < 1 {
                return SpecProblem(field: "spec.autoscaling.minReplicas", reason: "InvalidReplicas", message: "autoscaling.minReplicas must be at least 1, got \(minimum)")
            }
            if a.maxReplicas < minimum {
                return SpecProblem(field: "spec.autoscaling.maxReplicas", reason: "InvalidReplicas", message: "autoscaling.minReplicas (\(minimum)) must not exceed maxReplicas (\(a.maxReplicas))")
            }
            if let t = a.targetCPUUtilizationPercentage, t < 1 {
                return SpecProblem(field: "spec.autoscaling.targetCPUUtilizationPercentage", reason: "InvalidValue", message: "targetCPUUtilizationPercentage must be at least 1, got \(t)")
            }
        }
        if let s = spec.service {
            if let type = s.type, !DifyEnums.serviceTypes.contains(type) {
                return SpecProblem(field: "spec.service.type", reason: "InvalidValue", message: "service type \(String(reflecting: type)) is not one of \(DifyEnums.serviceTypes.joined(separator: ", "))")
            }
            if let port = s.port, !(1...65535).contains(port) {
                return SpecProblem(field: "spec.service.port", reason: "InvalidValue", message: "service port must be between 1 and 65535, got \(port)")
            }
        }
        if let strategy = spec.strategy {
            if let type = strategy.type, !DifyEnums.strategyTypes.contains(type) {
                return SpecProblem(field: "spec.strategy.type", reason: "UnsupportedStrategy", message: "strategy \(String(reflecting: type)) is not supported by this release; use \(DifyEnums.strategyTypes.joined(separator: ", "))")
            }
            let surge = strategy.rollingUpdate?.maxSurge ?? DifyDefaults.maxSurge
            let unavailable = strategy.rollingUpdate?.maxUnavailable ?? DifyDefaults.maxUnavailable
            if surge < 0 || unavailable < 0 {
                return SpecProblem(field: "spec.strategy.rollingUpdate", reason: "InvalidValue", message: "maxSurge and maxUnavailable must be 0 or more")
            }
            if surge == 0 && unavailable == 0 {
                return SpecProblem(field: "spec.strategy.rollingUpdate", reason: "InvalidValue", message: "maxSurge and maxUnavailable cannot both be 0: no step could be taken")
            }
            if let d = strategy.progressDeadlineSeconds, d < 1 {
                return SpecProblem(field: "spec.strategy.progressDeadlineSeconds", reason: "InvalidValue", message: "progressDeadlineSeconds must be at least 1, got \(d)")
            }
        }
        return nil
    }
}
