/// `core/v1 Node`: a worker machine of the cluster.
public struct Node: KubeResource, Equatable {
    public static let group = ""
    public static let version = "v1"
    public static let kind = "Node"
    public static let plural = "nodes"
    public static let scope = ResourceScope.cluster

    public var apiVersion: String = "v1"
    public var kind: String = "Node"
    public var metadata: ObjectMeta
    public var spec: NodeSpec?
    public var status: NodeStatus?

    public init(metadata: ObjectMeta = ObjectMeta(), spec: NodeSpec? = nil, status: NodeStatus? = nil) {
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
        spec = try c.decodeIfPresent(NodeSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(NodeStatus.self, forKey: .status)
    }
}

/// `core/v1 NodeSpec`.
public struct NodeSpec: Codable, Sendable, Equatable {
    public var podCIDR: String?
    public var podCIDRs: [String]?
    /// `<provider>://<id>` as the cloud provider knows the machine.
    public var providerID: String?
    /// Set by `kubectl cordon`: no new pods are scheduled here.
    public var unschedulable: Bool?
    public var taints: [Taint]?

    public init(
        podCIDR: String? = nil, podCIDRs: [String]? = nil, providerID: String? = nil, unschedulable: Bool? = nil,
        taints: [Taint]? = nil
    ) {
        self.podCIDR = podCIDR
        self.podCIDRs = podCIDRs
        self.providerID = providerID
        self.unschedulable = unschedulable
        self.taints = taints
    }
}

/// `core/v1 Taint`: repels pods that do not tolerate it.
public struct Taint: Codable, Sendable, Equatable {
    public var key: String
    public var value: String?
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    public var effect: String
    /// Set for `NoExecute` taints only.
    public var timeAdded: Time?

    public init(key: String, value: String? = nil, effect: String, timeAdded: Time? = nil) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }
}

/// `core/v1 NodeStatus`: what the kubelet reports about its node.
public struct NodeStatus: Codable, Sendable, Equatable {
    /// Total resources of the node.
    public var capacity: [String: Quantity]?
    /// The resources available to pods (capacity minus system reservations).
    public var allocatable: [String: Quantity]?
    public var conditions: [NodeCondition]?
    public var addresses: [NodeAddress]?
    /// `NodeSystemInfo` (kernel, OS image, kubelet and runtime versions), passed through.
    public var nodeInfo: JSONValue?

    public init(
        capacity: [String: Quantity]? = nil, allocatable: [String: Quantity]? = nil,
        conditions: [NodeCondition]? = nil, addresses: [NodeAddress]? = nil, nodeInfo: JSONValue? = nil
    ) {
        self.capacity = capacity
        self.allocatable = allocatable
        self.conditions = conditions
        self.addresses = addresses
        self.nodeInfo = nodeInfo
    }
}

/// `core/v1 NodeCondition`: `Ready`, `MemoryPressure`, `DiskPressure`, `PIDPressure`, ...
public struct NodeCondition: Codable, Sendable, Equatable {
    public var type: String
    public var status: ConditionStatus
    public var lastHeartbeatTime: Time?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String, status: ConditionStatus, lastHeartbeatTime: Time? = nil, lastTransitionTime: Time? = nil,
        reason: String? = nil, message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastHeartbeatTime = lastHeartbeatTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

/// `core/v1 NodeAddress`.
public struct NodeAddress: Codable, Sendable, Equatable {
    /// `Hostname`, `InternalIP`, `ExternalIP`, `InternalDNS` or `ExternalDNS`.
    public var type: String
    public var address: String

    public init(type: String, address: String) {
        self.type = type
        self.address = address
    }
}
