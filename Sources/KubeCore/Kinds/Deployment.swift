/// `apps/v1 Deployment`: declarative updates for a replicated set of pods (through ReplicaSets).
public struct Deployment: KubeResource, Equatable {
    public static let group = "apps"
    public static let version = "v1"
    public static let kind = "Deployment"
    public static let plural = "deployments"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String = "apps/v1"
    public var kind: String = "Deployment"
    public var metadata: ObjectMeta
    public var spec: DeploymentSpec?
    public var status: DeploymentStatus?

    public init(metadata: ObjectMeta = ObjectMeta(), spec: DeploymentSpec? = nil, status: DeploymentStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, spec, status
    }

    /// Items of a typed LIST response carry no `apiVersion` or `kind`; they default to this kind's.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.apiVersion
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? Self.kind
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try c.decodeIfPresent(DeploymentSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(DeploymentStatus.self, forKey: .status)
    }
}

/// `apps/v1 DeploymentSpec`.
public struct DeploymentSpec: Codable, Sendable, Equatable {
    /// Defaults to 1.
    public var replicas: Int32?
    /// Must match `template.metadata.labels`; immutable.
    public var selector: LabelSelector
    public var template: PodTemplateSpec
    public var strategy: DeploymentStrategy?
    /// How long a new pod must be ready, without crashing, to count as available.
    public var minReadySeconds: Int32?
    /// Old ReplicaSets kept for rollback; defaults to 10.
    public var revisionHistoryLimit: Int32?
    /// After this long without progress the `Progressing` condition turns False
    /// (`ProgressDeadlineExceeded`); defaults to 600.
    public var progressDeadlineSeconds: Int32?
    /// While true, template changes do not start a rollout.
    public var paused: Bool?

    public init(
        replicas: Int32? = nil, selector: LabelSelector, template: PodTemplateSpec,
        strategy: DeploymentStrategy? = nil, minReadySeconds: Int32? = nil, revisionHistoryLimit: Int32? = nil,
        progressDeadlineSeconds: Int32? = nil, paused: Bool? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.strategy = strategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
        self.progressDeadlineSeconds = progressDeadlineSeconds
        self.paused = paused
    }
}

/// `apps/v1 DeploymentStrategy`: how old pods are replaced by new ones.
public struct DeploymentStrategy: Codable, Sendable, Equatable {
    /// `RollingUpdate` (the default) or `Recreate`.
    public var type: String?
    public var rollingUpdate: RollingUpdateDeployment?

    public init(type: String? = nil, rollingUpdate: RollingUpdateDeployment? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

/// `apps/v1 RollingUpdateDeployment`: bounds of a rolling update, as counts or percentages (`25%`,
/// the default of both).
public struct RollingUpdateDeployment: Codable, Sendable, Equatable {
    /// Pods that may be unavailable during the update, below the desired count.
    public var maxUnavailable: IntOrString?
    /// Pods that may be created above the desired count.
    public var maxSurge: IntOrString?

    public init(maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil) {
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }
}

/// `apps/v1 DeploymentStatus`: what the deployment controller last observed.
public struct DeploymentStatus: Codable, Sendable, Equatable {
    /// The `metadata.generation` this status reflects; the status is stale while it is lower.
    public var observedGeneration: Int64?
    /// Non-terminating pods targeted by the deployment (old and new).
    public var replicas: Int32?
    /// Non-terminating pods with the current template.
    public var updatedReplicas: Int32?
    public var readyReplicas: Int32?
    /// Pods ready for at least `minReadySeconds`.
    public var availableReplicas: Int32?
    public var unavailableReplicas: Int32?
    /// Pods with a deletion timestamp that are not yet gone (Kubernetes 1.33+ with
    /// DeploymentPodReplacementPolicy).
    public var terminatingReplicas: Int32?
    /// Bumped to avoid pod-template-hash collisions for new ReplicaSet names.
    public var collisionCount: Int32?
    public var conditions: [DeploymentCondition]?

    public init(
        observedGeneration: Int64? = nil, replicas: Int32? = nil, updatedReplicas: Int32? = nil,
        readyReplicas: Int32? = nil, availableReplicas: Int32? = nil, unavailableReplicas: Int32? = nil,
        terminatingReplicas: Int32? = nil, collisionCount: Int32? = nil, conditions: [DeploymentCondition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.replicas = replicas
        self.updatedReplicas = updatedReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.unavailableReplicas = unavailableReplicas
        self.terminatingReplicas = terminatingReplicas
        self.collisionCount = collisionCount
        self.conditions = conditions
    }
}

/// `apps/v1 DeploymentCondition`: `Available`, `Progressing` or `ReplicaFailure`.
public struct DeploymentCondition: Codable, Sendable, Equatable {
    public var type: String
    public var status: ConditionStatus
    /// When the condition was last probed or its reason changed.
    public var lastUpdateTime: Time?
    public var lastTransitionTime: Time?
    /// CamelCase, machine-readable, e.g. `NewReplicaSetAvailable` or `MinimumReplicasAvailable`.
    public var reason: String?
    public var message: String?

    public init(
        type: String, status: ConditionStatus, lastUpdateTime: Time? = nil, lastTransitionTime: Time? = nil,
        reason: String? = nil, message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastUpdateTime = lastUpdateTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
