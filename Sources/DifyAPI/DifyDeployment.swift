import KubeCore

/// `dify.ai/v1alpha1 DifyDeployment`: how and where a ``DifyModel`` runs. Replicas (through
/// the `/scale` subresource, so an HPA or KEDA drives them), autoscaling, the Service Dify
/// calls, pod placement, and how new model revisions roll out.
public struct DifyDeployment: KubeResource, Equatable {
    public static let group = DifyAPIGroup.name
    public static let version = DifyAPIGroup.version
    public static let kind = "DifyDeployment"
    public static let plural = "difydeployments"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String = DifyAPIGroup.apiVersion
    public var kind: String = "DifyDeployment"
    public var metadata: ObjectMeta
    public var spec: DifyDeploymentSpec
    public var status: DifyDeploymentStatus?

    public init(metadata: ObjectMeta = ObjectMeta(), spec: DifyDeploymentSpec, status: DifyDeploymentStatus? = nil) {
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
        spec = try c.decodeIfPresent(DifyDeploymentSpec.self, forKey: .spec) ?? DifyDeploymentSpec()
        status = try c.decodeIfPresent(DifyDeploymentStatus.self, forKey: .status)
    }
}

/// The desired state of a ``DifyDeployment``.
public struct DifyDeploymentSpec: Codable, Sendable, Equatable {
    /// The DifyModel (same namespace) to serve.
    public var modelRef: LocalName
    /// Serving pods across all revisions; the `/scale` subresource maps here. Default 1.
    public var replicas: Int32?
    /// Present: an HPA named after the DifyDeployment targets its `/scale`.
    public var autoscaling: AutoscalingSpec?
    /// The Service Dify calls.
    public var service: ServiceSpecOverrides?
    /// Pod-level overrides of the serving pods.
    public var template: PodOverrides?
    /// How a new model revision replaces the running one.
    public var strategy: RolloutStrategy?

    public init(modelRef: LocalName = LocalName(name: ""), replicas: Int32? = nil, autoscaling: AutoscalingSpec? = nil, service: ServiceSpecOverrides? = nil, template: PodOverrides? = nil, strategy: RolloutStrategy? = nil) {
        self.modelRef = modelRef
        self.replicas = replicas
        self.autoscaling = autoscaling
        self.service = service
        self.template = template
        self.strategy = strategy
    }
}

/// The HPA the operator creates.
public struct AutoscalingSpec: Codable, Sendable, Equatable {
    /// Lower bound. Default 1.
    public var minReplicas: Int32?
    /// Upper bound.
    public var maxReplicas: Int32
    /// Average CPU utilisation target, used when `metrics` is empty.
    public var targetCPUUtilizationPercentage: Int32?
    /// `autoscaling/v2` MetricSpecs, passed through to the HPA.
    public var metrics: [JSONValue]?
    /// `autoscaling/v2` HorizontalPodAutoscalerBehavior, passed through to the HPA.
    public var behavior: JSONValue?

    public init(minReplicas: Int32? = nil, maxReplicas: Int32, targetCPUUtilizationPercentage: Int32? = nil, metrics: [JSONValue]? = nil, behavior: JSONValue? = nil) {
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.targetCPUUtilizationPercentage = targetCPUUtilizationPercentage
        self.metrics = metrics
        self.behavior = behavior
    }
}

/// The Service in front of the serving pods.
public struct ServiceSpecOverrides: Codable, Sendable, Equatable {
    /// `ClusterIP` (default), `NodePort` or `LoadBalancer`.
    public var type: String?
    /// The Service port. Default 80.
    public var port: Int32?

    public init(type: String? = nil, port: Int32? = nil) {
        self.type = type
        self.port = port
    }
}

/// Pod-level overrides: added to what the DifyModel implies.
public struct PodOverrides: Codable, Sendable, Equatable {
    public var nodeSelector: [String: String]?
    public var tolerations: [Toleration]?
    public var affinity: Affinity?
    public var priorityClassName: String?
    public var labels: [String: String]?
    public var annotations: [String: String]?

    public init(nodeSelector: [String: String]? = nil, tolerations: [Toleration]? = nil, affinity: Affinity? = nil, priorityClassName: String? = nil, labels: [String: String]? = nil, annotations: [String: String]? = nil) {
        self.nodeSelector = nodeSelector
        self.tolerations = tolerations
        self.affinity = affinity
        self.priorityClassName = priorityClassName
        self.labels = labels
        self.annotations = annotations
    }
}

/// How a new revision replaces the running one.
public struct RolloutStrategy: Codable, Sendable, Equatable {
    /// `RollingUpdate` (the only strategy of this release).
    public var type: String?
    /// Replica arithmetic of `RollingUpdate`.
    public var rollingUpdate: RollingUpdateSpec?
    /// Seconds a revision change may go without progress before it is reported as stuck
    /// (Progressing False, phase Degraded). Default 900.
    public var progressDeadlineSeconds: Int32?

    public init(type: String? = nil, rollingUpdate: RollingUpdateSpec? = nil, progressDeadlineSeconds: Int32? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
        self.progressDeadlineSeconds = progressDeadlineSeconds
    }
}

/// `RollingUpdate` bounds, counted in replicas.
public struct RollingUpdateSpec: Codable, Sendable, Equatable {
    /// Serving pods allowed above `replicas` during a change. Default 0: no spare GPU needed.
    public var maxSurge: Int32?
    /// Serving pods allowed below `replicas` during a change. Default 1.
    public var maxUnavailable: Int32?

    public init(maxSurge: Int32? = nil, maxUnavailable: Int32? = nil) {
        self.maxSurge = maxSurge
        self.maxUnavailable = maxUnavailable
    }
}
