/// `core/v1 Service`: a stable virtual address and load-balancing policy for a set of pods.
public struct Service: KubeResource, Equatable {
    public static let group = ""
    public static let version = "v1"
    public static let kind = "Service"
    public static let plural = "services"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String = "v1"
    public var kind: String = "Service"
    public var metadata: ObjectMeta
    public var spec: ServiceSpec?
    public var status: ServiceStatus?

    public init(metadata: ObjectMeta = ObjectMeta(), spec: ServiceSpec? = nil, status: ServiceStatus? = nil) {
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
        spec = try c.decodeIfPresent(ServiceSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(ServiceStatus.self, forKey: .status)
    }
}

/// `core/v1 ServiceSpec`.
public struct ServiceSpec: Codable, Sendable, Equatable {
    /// `ClusterIP` (the default), `NodePort`, `LoadBalancer` or `ExternalName`.
    public var type: String?
    /// Pods with these labels receive the traffic; without a selector the endpoints are managed by
    /// hand.
    public var selector: [String: String]?
    public var ports: [ServicePort]?
    /// Allocated by the API server; `None` makes a headless service. Immutable once set.
    public var clusterIP: String?
    /// The cluster IPs, one per IP family; the first equals `clusterIP`.
    public var clusterIPs: [String]?
    /// `None` (the default) or `ClientIP`.
    public var sessionAffinity: String?
    /// `Cluster` or `Local`, for NodePort and LoadBalancer services.
    public var externalTrafficPolicy: String?
    /// `Cluster` or `Local`.
    public var internalTrafficPolicy: String?
    /// `IPv4` and/or `IPv6`.
    public var ipFamilies: [String]?
    /// `SingleStack`, `PreferDualStack` or `RequireDualStack`.
    public var ipFamilyPolicy: String?
    /// The DNS name an `ExternalName` service aliases.
    public var externalName: String?
    public var externalIPs: [String]?
    public var loadBalancerClass: String?
    public var loadBalancerSourceRanges: [String]?
    public var allocateLoadBalancerNodePorts: Bool?
    public var healthCheckNodePort: Int32?
    /// Publish endpoints of pods that are not ready (used by StatefulSet peer discovery).
    public var publishNotReadyAddresses: Bool?

    public init(
        type: String? = nil, selector: [String: String]? = nil, ports: [ServicePort]? = nil,
        clusterIP: String? = nil, clusterIPs: [String]? = nil, sessionAffinity: String? = nil,
        externalTrafficPolicy: String? = nil, internalTrafficPolicy: String? = nil, ipFamilies: [String]? = nil,
        ipFamilyPolicy: String? = nil, externalName: String? = nil, externalIPs: [String]? = nil,
        loadBalancerClass: String? = nil, loadBalancerSourceRanges: [String]? = nil,
        allocateLoadBalancerNodePorts: Bool? = nil, healthCheckNodePort: Int32? = nil,
        publishNotReadyAddresses: Bool? = nil
    ) {
        self.type = type
        self.selector = selector
        self.ports = ports
        self.clusterIP = clusterIP
        self.clusterIPs = clusterIPs
        self.sessionAffinity = sessionAffinity
        self.externalTrafficPolicy = externalTrafficPolicy
        self.internalTrafficPolicy = internalTrafficPolicy
        self.ipFamilies = ipFamilies
        self.ipFamilyPolicy = ipFamilyPolicy
        self.externalName = externalName
        self.externalIPs = externalIPs
        self.loadBalancerClass = loadBalancerClass
        self.loadBalancerSourceRanges = loadBalancerSourceRanges
        self.allocateLoadBalancerNodePorts = allocateLoadBalancerNodePorts
        self.healthCheckNodePort = healthCheckNodePort
        self.publishNotReadyAddresses = publishNotReadyAddresses
    }
}

/// `core/v1 ServicePort`: one port a service exposes.
public struct ServicePort: Codable, Sendable, Equatable {
    /// Required when the service has more than one port.
    public var name: String?
    /// `TCP` (the default), `UDP` or `SCTP`.
    public var `protocol`: String?
    /// The port the service listens on.
    public var port: Int32
    /// The pod port number or named container port; defaults to `port`.
    public var targetPort: IntOrString?
    /// The port on every node for `NodePort` and `LoadBalancer` services; allocated when omitted.
    public var nodePort: Int32?
    /// The application protocol (`http`, `kubernetes.io/h2c`, ...), a hint for implementations.
    public var appProtocol: String?

    public init(
        name: String? = nil, `protocol`: String? = nil, port: Int32, targetPort: IntOrString? = nil,
        nodePort: Int32? = nil, appProtocol: String? = nil
    ) {
        self.name = name
        self.protocol = `protocol`
        self.port = port
        self.targetPort = targetPort
        self.nodePort = nodePort
        self.appProtocol = appProtocol
    }
}

/// `core/v1 ServiceStatus`.
public struct ServiceStatus: Codable, Sendable, Equatable {
    /// `LoadBalancerStatus` (`ingress: [{ip, hostname, ports}]`), passed through.
    public var loadBalancer: JSONValue?
    public var conditions: [Condition]?

    public init(loadBalancer: JSONValue? = nil, conditions: [Condition]? = nil) {
        self.loadBalancer = loadBalancer
        self.conditions = conditions
    }
}
