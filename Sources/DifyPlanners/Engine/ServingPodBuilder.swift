// STUB: replaced by the source/engine planner work.
import DifyAPI
import KubeCore

/// Everything the serving pod of a model depends on.
public struct ServingPodInput: Equatable, Sendable {
    /// The DifyModel's `metadata.name`.
    public var modelName: String
    public var spec: DifyModelSpec
    public var source: ModelSourceURI
    public var placement: GPUPlacement
    /// The PVC holding the weights (the cache, or the claim of a `pvc://` source); nil: none.
    public var claimName: String?
    /// Mount the claim read-only (true once a preload Job filled it, and for `pvc://`).
    public var claimReadOnly: Bool
    public init(modelName: String, spec: DifyModelSpec, source: ModelSourceURI, placement: GPUPlacement, claimName: String?, claimReadOnly: Bool) {
        self.modelName = modelName; self.spec = spec; self.source = source; self.placement = placement; self.claimName = claimName; self.claimReadOnly = claimReadOnly
    }
}

public enum ServingPodBuilder {
    public static let containerName = "server"
    /// The port name of the engine's HTTP port in the pod (the Service targets it by name).
    public static let portName = "http"
    public static func podSpec(for input: ServingPodInput) -> Result<PodSpec, SpecProblem> {
        var c = Container(name: containerName, image: input.spec.engine?.image ?? "vllm/vllm-openai:v0.8.5")
        c.ports = [ContainerPort(name: portName, containerPort: input.spec.engine?.port ?? 8000)]
        if let r = input.placement.resourceName { c.resources = ResourceRequirements(limits: [r: Quantity(integer: Int64(input.placement.count))], requests: [r: Quantity(integer: Int64(input.placement.count))]) }
        var spec = PodSpec(containers: [c])
        spec.tolerations = input.placement.tolerations.isEmpty ? nil : input.placement.tolerations
        spec.nodeSelector = input.placement.nodeSelector.isEmpty ? nil : input.placement.nodeSelector
        return .success(spec)
    }
}

public enum PreloadJobBuilder {
    public static let containerName = "preload"
    /// The pod of the Job that fills `claimName` with the weights of `spec.source`.
    public static func podSpec(modelName: String, spec: DifyModelSpec, source: ModelSourceURI, claimName: String) -> PodSpec {
        var p = PodSpec(containers: [Container(name: containerName, image: "python:3.12-slim", command: ["true"])])
        p.restartPolicy = "Never"
        return p
    }
}
