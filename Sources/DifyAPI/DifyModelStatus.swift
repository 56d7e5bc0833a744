import KubeCore

/// The observed state of a ``DifyModel``.
public struct DifyModelStatus: Codable, Sendable, Equatable {
    /// The `metadata.generation` this status describes.
    public var observedGeneration: Int64?
    /// `Pending`, `Caching`, `Ready`, `Invalid` or `Failed`.
    public var phase: String?
    /// Hash of everything a serving pod depends on.
    public var revision: String?
    /// What the spec resolved to (GPU resource, node selector, memory estimate).
    public var resolved: ResolvedResources?
    /// The cache PVC and its preload Job.
    public var cache: CacheStatus?
    /// `Validated`, `CacheReady`, `Ready`.
    public var conditions: [Condition]?

    public init(observedGeneration: Int64? = nil, phase: String? = nil, revision: String? = nil, resolved: ResolvedResources? = nil, cache: CacheStatus? = nil, conditions: [Condition]? = nil) {
        self.observedGeneration = observedGeneration
        self.phase = phase
        self.revision = revision
        self.resolved = resolved
        self.cache = cache
        self.conditions = conditions
    }
}

/// The GPU request a spec resolved to.
public struct ResolvedResources: Codable, Sendable, Equatable {
    /// The extended resource each serving pod requests, e.g. `nvidia.com/mig-3g.40gb`; absent for CPU-only models.
    public var gpuResourceName: String?
    /// How many of it.
    public var gpuResourceCount: Int32?
    /// The node selector the operator adds.
    public var nodeSelector: [String: String]?
    /// The memory-fit estimate of one model instance (weights plus overhead), e.g. `17.9Gi`.
    public var estimatedMemory: String?
    /// The MIG profile `auto` picked, or the one requested.
    public var migProfile: String?

    public init(gpuResourceName: String? = nil, gpuResourceCount: Int32? = nil, nodeSelector: [String: String]? = nil, estimatedMemory: String? = nil, migProfile: String? = nil) {
        self.gpuResourceName = gpuResourceName
        self.gpuResourceCount = gpuResourceCount
        self.nodeSelector = nodeSelector
        self.estimatedMemory = estimatedMemory
        self.migProfile = migProfile
    }
}

/// The state of the weight cache.
public struct CacheStatus: Codable, Sendable, Equatable {
    /// The PVC serving pods mount.
    public var claimName: String?
    /// Whether the weights of the current revision are in it.
    public var loaded: Bool?
    /// The preload Job of the current revision.
    public var jobName: String?

    public init(claimName: String? = nil, loaded: Bool? = nil, jobName: String? = nil) {
        self.claimName = claimName
        self.loaded = loaded
        self.jobName = jobName
    }
}
