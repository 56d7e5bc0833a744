/// `autoscaling/v2 HorizontalPodAutoscaler`: scales a workload's replicas from observed metrics.
public struct HorizontalPodAutoscaler: KubeResource, Equatable {
    public static let group = "autoscaling"
    public static let version = "v2"
    public static let kind = "HorizontalPodAutoscaler"
    public static let plural = "horizontalpodautoscalers"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String = "autoscaling/v2"
    public var kind: String = "HorizontalPodAutoscaler"
    public var metadata: ObjectMeta
    public var spec: HorizontalPodAutoscalerSpec?
    public var status: HorizontalPodAutoscalerStatus?

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: HorizontalPodAutoscalerSpec? = nil,
        status: HorizontalPodAutoscalerStatus? = nil
    ) {
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
        spec = try c.decodeIfPresent(HorizontalPodAutoscalerSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(HorizontalPodAutoscalerStatus.self, forKey: .status)
    }
}

/// `autoscaling/v2 HorizontalPodAutoscalerSpec`.
public struct HorizontalPodAutoscalerSpec: Codable, Sendable, Equatable {
    /// The workload with a `scale` subresource to scale.
    public var scaleTargetRef: CrossVersionObjectReference
    /// Defaults to 1.
    public var minReplicas: Int32?
    public var maxReplicas: Int32
    /// `MetricSpec`s (`type` Resource, Pods, Object, External or ContainerResource), passed
    /// through.
    public var metrics: [JSONValue]?
    /// `HorizontalPodAutoscalerBehavior` (scale-up and scale-down policies), passed through.
    public var behavior: JSONValue?

    public init(
        scaleTargetRef: CrossVersionObjectReference, minReplicas: Int32? = nil, maxReplicas: Int32,
        metrics: [JSONValue]? = nil, behavior: JSONValue? = nil
    ) {
        self.scaleTargetRef = scaleTargetRef
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.metrics = metrics
        self.behavior = behavior
    }
}

/// `autoscaling/v2 CrossVersionObjectReference`: an object in the same namespace, by apiVersion,
/// kind and name.
public struct CrossVersionObjectReference: Codable, Sendable, Equatable {
    public var apiVersion: String?
    public var kind: String
    public var name: String

    public init(apiVersion: String? = nil, kind: String, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
    }
}

/// `autoscaling/v2 HorizontalPodAutoscalerStatus`.
public struct HorizontalPodAutoscalerStatus: Codable, Sendable, Equatable {
    public var observedGeneration: Int64?
    public var lastScaleTime: Time?
    public var currentReplicas: Int32?
    /// The replica count the autoscaler last computed.
    public var desiredReplicas: Int32
    /// `MetricStatus`es, passed through.
    public var currentMetrics: [JSONValue]?
    /// `HorizontalPodAutoscalerCondition`s (`AbleToScale`, `ScalingActive`, `ScalingLimited`),
    /// passed through.
    public var conditions: [JSONValue]?

    public init(
        observedGeneration: Int64? = nil, lastScaleTime: Time? = nil, currentReplicas: Int32? = nil,
        desiredReplicas: Int32 = 0, currentMetrics: [JSONValue]? = nil, conditions: [JSONValue]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.lastScaleTime = lastScaleTime
        self.currentReplicas = currentReplicas
        self.desiredReplicas = desiredReplicas
        self.currentMetrics = currentMetrics
        self.conditions = conditions
    }
}
