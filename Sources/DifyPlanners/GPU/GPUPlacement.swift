import KubeCore

/// What a DifyModel's `resources.gpu` resolves to: the extended resource each serving pod
/// requests, where it may run, and the memory estimate behind the decision
/// (`status.resolved`).
public struct GPUPlacement: Equatable, Sendable {
    /// `nvidia.com/gpu` or `nvidia.com/mig-<profile>`; nil for a CPU-only model.
    public var resourceName: String?
    /// How many of ``resourceName`` (requests equal limits); 0 for a CPU-only model.
    public var count: Int32
    /// Node labels the pod requires (`nvidia.com/gpu.product`).
    public var nodeSelector: [String: String]
    /// The GPU taint's toleration whenever a GPU is requested.
    public var tolerations: [Toleration]
    /// The MIG profile requested, or the one `auto` picked.
    public var migProfile: String?
    /// The memory one model instance needs; nil without `spec.size`.
    public var estimate: MemoryEstimate?

    public init(resourceName: String? = nil, count: Int32 = 0, nodeSelector: [String: String] = [:], tolerations: [Toleration] = [], migProfile: String? = nil, estimate: MemoryEstimate? = nil) {
        self.resourceName = resourceName
        self.count = count
        self.nodeSelector = nodeSelector
        self.tolerations = tolerations
        self.migProfile = migProfile
        self.estimate = estimate
    }

    /// Whether a GPU (whole or a slice) is requested.
    public var requestsGPU: Bool { resourceName != nil }
}
