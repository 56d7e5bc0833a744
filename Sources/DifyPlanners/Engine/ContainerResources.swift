import DifyAPI
import KubeCore

/// The compute resources of the serving container: the GPU resource of the placement plus
/// `spec.resources.cpu` and `spec.resources.memory`.
///
/// Requests equal limits for the GPU (extended resources must) and for memory (a pod that
/// exceeds its request is the first evicted; the model's memory is fixed once loaded); CPU
/// gets the same request and limit, as the API documents (`cpu: request and limit`).
public enum ContainerResources {
    /// The problem with `resources.cpu` or `resources.memory`, if any: each must parse as a
    /// Kubernetes quantity and be positive.
    public static func validate(_ resources: ModelResources?) -> SpecProblem? {
        for (field, value) in [("cpu", resources?.cpu), ("memory", resources?.memory)] {
            guard let value else { continue }
            if case .failure(let problem) = quantity(value, field: "spec.resources.\(field)") { return problem }
        }
        return nil
    }

    /// `value` as a positive quantity, or ``GPUReason/invalidQuantity`` naming `field`.
    public static func quantity(_ value: String, field: String) -> Result<Quantity, SpecProblem> {
        let parsed = try? Quantity(value)
        guard let parsed, parsed.sign > 0 else {
            return .failure(SpecProblem(
                field: field, reason: GPUReason.invalidQuantity,
                message: "\(field) \"\(value)\" is not a positive Kubernetes quantity (e.g. \(field.hasSuffix("cpu") ? "4 or 500m" : "32Gi or 512Mi"))"))
        }
        return .success(parsed)
    }

    /// The container's requests and limits; nil when there are none.
    public static func requirements(_ resources: ModelResources?, placement: GPUPlacement) -> Result<ResourceRequirements?, SpecProblem> {
        var amounts: [String: Quantity] = [:]
        if let name = placement.resourceName, placement.count > 0 {
            amounts[name] = Quantity(integer: Int64(placement.count))
        }
        for (key, value) in [("cpu", resources?.cpu), ("memory", resources?.memory)] {
            guard let value else { continue }
            switch quantity(value, field: "spec.resources.\(key)") {
            case .success(let q): amounts[key] = q
            case .failure(let p): return .failure(p)
            }
        }
        return .success(amounts.isEmpty ? nil : ResourceRequirements(limits: amounts, requests: amounts))
    }
}
