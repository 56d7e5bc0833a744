/// `core/v1 Pod`: a group of containers scheduled together on one node.
public struct Pod: KubeResource, Equatable {
    public static let group = ""
    public static let version = "v1"
    public static let kind = "Pod"
    public static let plural = "pods"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String = "v1"
    public var kind: String = "Pod"
    public var metadata: ObjectMeta
    public var spec: PodSpec?
    public var status: PodStatus?

    public init(metadata: ObjectMeta = ObjectMeta(), spec: PodSpec? = nil, status: PodStatus? = nil) {
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
        spec = try c.decodeIfPresent(PodSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(PodStatus.self, forKey: .status)
    }
}

/// `core/v1 PodStatus`: what the kubelet last observed about a pod.
public struct PodStatus: Codable, Sendable, Equatable {
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    public var phase: String?
    public var conditions: [PodCondition]?
    public var message: String?
    /// Why the pod is in this state, e.g. `Evicted`.
    public var reason: String?
    /// The node a preempting pod expects to run on once victims are gone.
    public var nominatedNodeName: String?
    public var hostIP: String?
    public var hostIPs: [HostIP]?
    public var podIP: String?
    public var podIPs: [PodIP]?
    /// When the kubelet acknowledged the pod, before images were pulled.
    public var startTime: Time?
    public var initContainerStatuses: [ContainerStatus]?
    public var containerStatuses: [ContainerStatus]?
    /// `Guaranteed`, `Burstable` or `BestEffort`.
    public var qosClass: String?

    public init(
        phase: String? = nil, conditions: [PodCondition]? = nil, message: String? = nil, reason: String? = nil,
        nominatedNodeName: String? = nil, hostIP: String? = nil, hostIPs: [HostIP]? = nil, podIP: String? = nil,
        podIPs: [PodIP]? = nil, startTime: Time? = nil, initContainerStatuses: [ContainerStatus]? = nil,
        containerStatuses: [ContainerStatus]? = nil, qosClass: String? = nil
    ) {
        self.phase = phase
        self.conditions = conditions
        self.message = message
        self.reason = reason
        self.nominatedNodeName = nominatedNodeName
        self.hostIP = hostIP
        self.hostIPs = hostIPs
        self.podIP = podIP
        self.podIPs = podIPs
        self.startTime = startTime
        self.initContainerStatuses = initContainerStatuses
        self.containerStatuses = containerStatuses
        self.qosClass = qosClass
    }
}

/// `core/v1 PodCondition`: `PodScheduled`, `Initialized`, `ContainersReady`, `Ready`, ...
public struct PodCondition: Codable, Sendable, Equatable {
    public var type: String
    public var status: ConditionStatus
    public var lastProbeTime: Time?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String, status: ConditionStatus, lastProbeTime: Time? = nil, lastTransitionTime: Time? = nil,
        reason: String? = nil, message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

/// `core/v1 PodIP`: one IP address allocated to a pod.
public struct PodIP: Codable, Sendable, Equatable {
    public var ip: String

    public init(ip: String) {
        self.ip = ip
    }
}

/// `core/v1 HostIP`: one IP address of the pod's node.
public struct HostIP: Codable, Sendable, Equatable {
    public var ip: String

    public init(ip: String) {
        self.ip = ip
    }
}

/// `core/v1 ContainerStatus`: the observed state of one container.
public struct ContainerStatus: Codable, Sendable, Equatable {
    public var name: String
    /// Whether the readiness probe passes.
    public var ready: Bool
    /// Whether the startup probe has passed (the container is past its start-up phase).
    public var started: Bool?
    public var restartCount: Int32
    public var image: String
    /// The image digest the container runs.
    public var imageID: String
    /// `<runtime>://<id>`, e.g. `containerd://0123...`.
    public var containerID: String?
    /// `ContainerState`: one of `waiting`, `running` or `terminated`, passed through.
    public var state: JSONValue?
    /// The previous `ContainerState` (usually `terminated` with an exit code), passed through.
    public var lastState: JSONValue?

    public init(
        name: String, ready: Bool, started: Bool? = nil, restartCount: Int32, image: String, imageID: String,
        containerID: String? = nil, state: JSONValue? = nil, lastState: JSONValue? = nil
    ) {
        self.name = name
        self.ready = ready
        self.started = started
        self.restartCount = restartCount
        self.image = image
        self.imageID = imageID
        self.containerID = containerID
        self.state = state
        self.lastState = lastState
    }
}
