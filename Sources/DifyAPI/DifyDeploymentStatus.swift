import KubeCore

/// The observed state of a ``DifyDeployment``.
public struct DifyDeploymentStatus: Codable, Sendable, Equatable {
    /// The `metadata.generation` this status describes.
    public var observedGeneration: Int64?
    /// `Progressing`, `Healthy`, `Degraded` or `Invalid`.
    public var phase: String?
    /// Serving pods that exist, over all revisions (`/scale` status.replicas).
    public var replicas: Int32?
    /// Serving pods that are Ready, over all revisions.
    public var readyReplicas: Int32?
    /// Serving pods of the current revision.
    public var updatedReplicas: Int32?
    /// The label selector of the serving pods (`/scale` status.selector).
    public var selector: String?
    /// The revision being rolled out (the model's current revision).
    public var currentRevision: String?
    /// The last revision that was fully rolled out.
    public var stableRevision: String?
    /// What Dify's OpenAI-API-compatible provider needs.
    public var endpoint: Endpoint?
    /// The live revisions and their replica counts.
    public var revisions: [RevisionStatus]?
    /// When the current revision change last made progress (a step or a pod turning Ready).
    public var lastProgressTime: Time?
    /// `Available`, `Progressing`, `ModelReady`.
    public var conditions: [Condition]?

    public init(observedGeneration: Int64? = nil, phase: String? = nil, replicas: Int32? = nil, readyReplicas: Int32? = nil, updatedReplicas: Int32? = nil, selector: String? = nil, currentRevision: String? = nil, stableRevision: String? = nil, endpoint: Endpoint? = nil, revisions: [RevisionStatus]? = nil, lastProgressTime: Time? = nil, conditions: [Condition]? = nil) {
        self.observedGeneration = observedGeneration
        self.phase = phase
        self.replicas = replicas
        self.readyReplicas = readyReplicas
        self.updatedReplicas = updatedReplicas
        self.selector = selector
        self.currentRevision = currentRevision
        self.stableRevision = stableRevision
        self.endpoint = endpoint
        self.revisions = revisions
        self.lastProgressTime = lastProgressTime
        self.conditions = conditions
    }
}

/// The base URL and model id Dify's OpenAI-API-compatible provider needs.
public struct Endpoint: Codable, Sendable, Equatable {
    /// `http://<service>.<namespace>.svc:<port>/v1`.
    public var url: String
    /// The model id to send.
    public var modelName: String

    public init(url: String, modelName: String) {
        self.url = url
        self.modelName = modelName
    }
}

/// One live revision.
public struct RevisionStatus: Codable, Sendable, Equatable {
    public var revision: String
    /// Its Deployment, `<deployment>-<revision>`.
    public var deploymentName: String
    public var replicas: Int32
    public var readyReplicas: Int32

    public init(revision: String, deploymentName: String, replicas: Int32, readyReplicas: Int32) {
        self.revision = revision
        self.deploymentName = deploymentName
        self.replicas = replicas
        self.readyReplicas = readyReplicas
    }
}
