import DifyAPI

/// Everything the serving pod of a model depends on.
public struct ServingPodInput: Equatable, Sendable {
    /// The DifyModel's `metadata.name` (the served model id unless `servedModelName` is set).
    public var modelName: String
    public var spec: DifyModelSpec
    /// The parsed `spec.source.uri`.
    public var source: ModelSourceURI
    /// The resolved GPU request (``GPUPlanner/place(_:)``).
    public var placement: GPUPlacement
    /// The PVC holding the weights (the cache, or the claim of a `pvc://` source); nil: none.
    public var claimName: String?
    /// Mount the claim read-only (true once a preload Job filled it, and for `pvc://`).
    public var claimReadOnly: Bool

    public init(modelName: String, spec: DifyModelSpec, source: ModelSourceURI, placement: GPUPlacement, claimName: String?, claimReadOnly: Bool) {
        self.modelName = modelName
        self.spec = spec
        self.source = source
        self.placement = placement
        self.claimName = claimName
        self.claimReadOnly = claimReadOnly
    }

    /// The model id on the OpenAI-compatible API: `servedModelName`, else the model's name.
    public var servedModelName: String {
        spec.servedModelName.flatMap { $0.isEmpty ? nil : $0 } ?? modelName
    }
}
