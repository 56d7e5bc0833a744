/// `apps/v1 ReplicaSet`: keeps a number of identical pods running; Deployments manage them.
public struct ReplicaSet: KubeResource, Equatable {
    public static let group = "apps"
    public static let version = "v1"
    public static let kind = "ReplicaSet"
    public static let plural = "replicasets"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String = "apps/v1"
    public var kind: String = "ReplicaSet"
    public var metadata: ObjectMeta
    public var spec: ReplicaSetSpec?
    public var status: ReplicaSetStatus?

    public init(metadata: ObjectMeta = ObjectMeta(), spec: ReplicaSetSpec? = nil, status: ReplicaSetStatus? = nil) {
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
        spec = try c.decodeIfPresent(ReplicaSetSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(ReplicaSetStatus.self, forKey: .status)
    }
}

/// `apps/v1 ReplicaSetSpec`.
public struct ReplicaSetSpec: Codable, Sendable, Equatable {
    /// Defaults to 1.
    public var replicas: Int32?
    public var minReadySeconds: Int32?
    /// Must match `template.metadata.labels`.
    public var selector: LabelSelector
    /// Used when too few pods exist.
    public var template: PodTemplateSpec?

    public init(
        replicas: Int32? = nil, minReadySeconds: Int32? = nil, selector: LabelSelector,
        template: PodTemplateSpec? = nil
    ) {
        self.replicas = replicas
        self.minReadySeconds = minReadySeconds
        self.selector = selector
        self.template = template
    }
}

/// `apps/v1 ReplicaSetStatus`.
public struct ReplicaSetStatus: Codable, Sendable, Equatable {
    /// The most recently observed number of non-terminating pods.
    public var replicas: Int32
    /// Pods whose labels match the template's labels.
    public var fullyLabeledReplicas: Int32?
    public var readyReplicas: Int32?
    /// Pods ready for at least `minReadySeconds`.
    public var availableReplicas: Int32?
    public var terminatingReplicas: Int32?
    public var observedGeneration: Int64?
    public var conditions: [ReplicaSetCondition]?

    public init(
        replicas: Int32 = 0, fullyLabeledReplicas: Int32? = nil, readyReplicas: Int32? = nil,
        availableReplicas: Int32? = nil, terminatingReplicas: Int32? = nil, observedGeneration: Int64? = nil,
        conditions: [ReplicaSetCondition]? = nil
    ) {
        self.replicas = replicas
        self.fullyLabeledReplicas = fullyLabeledReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.terminatingReplicas = terminatingReplicas
        self.observedGeneration = observedGeneration
        self.conditions = conditions
    }
}

/// `apps/v1 ReplicaSetCondition`: for example `ReplicaFailure`.
public struct ReplicaSetCondition: Codable, Sendable, Equatable {
    public var type: String
    public var status: ConditionStatus
    public var lastTransitionTime: Time?
    /// CamelCase, machine-readable.
    public var reason: String?
    public var message: String?

    public init(
        type: String, status: ConditionStatus, lastTransitionTime: Time? = nil, reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
