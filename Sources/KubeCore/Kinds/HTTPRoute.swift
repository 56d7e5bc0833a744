/// `gateway.networking.k8s.io/v1 HTTPRoute` (Gateway API): routes HTTP requests from Gateways to
/// backends.
public struct HTTPRoute: KubeResource, Equatable {
    public static let group = "gateway.networking.k8s.io"
    public static let version = "v1"
    public static let kind = "HTTPRoute"
    public static let plural = "httproutes"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String = "gateway.networking.k8s.io/v1"
    public var kind: String = "HTTPRoute"
    public var metadata: ObjectMeta
    public var spec: HTTPRouteSpec?
    public var status: HTTPRouteStatus?

    public init(metadata: ObjectMeta = ObjectMeta(), spec: HTTPRouteSpec? = nil, status: HTTPRouteStatus? = nil) {
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
        spec = try c.decodeIfPresent(HTTPRouteSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(HTTPRouteStatus.self, forKey: .status)
    }
}

/// `gateway.networking.k8s.io/v1 HTTPRouteSpec`.
public struct HTTPRouteSpec: Codable, Sendable, Equatable {
    /// The Gateways (or listeners) the route attaches to.
    public var parentRefs: [ParentReference]?
    /// Matched against the Host header; may start with a `*.` wildcard label.
    public var hostnames: [String]?
    /// Defaults to one rule sending `/` to no backends.
    public var rules: [HTTPRouteRule]?

    public init(parentRefs: [ParentReference]? = nil, hostnames: [String]? = nil, rules: [HTTPRouteRule]? = nil) {
        self.parentRefs = parentRefs
        self.hostnames = hostnames
        self.rules = rules
    }
}

/// `gateway.networking.k8s.io/v1 ParentReference`: a Gateway (by default) the route attaches to.
public struct ParentReference: Codable, Sendable, Equatable {
    /// Defaults to `gateway.networking.k8s.io`.
    public var group: String?
    /// Defaults to `Gateway`.
    public var kind: String?
    /// Defaults to the route's namespace.
    public var namespace: String?
    public var name: String
    /// A listener name of the Gateway.
    public var sectionName: String?
    /// A listener port of the Gateway.
    public var port: Int32?

    public init(
        group: String? = nil, kind: String? = nil, namespace: String? = nil, name: String,
        sectionName: String? = nil, port: Int32? = nil
    ) {
        self.group = group
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.sectionName = sectionName
        self.port = port
    }
}

/// `gateway.networking.k8s.io/v1 HTTPRouteRule`: matches, filters and backends of one rule.
public struct HTTPRouteRule: Codable, Sendable, Equatable {
    public var name: String?
    /// `HTTPRouteMatch`es (path, headers, query parameters, method), ORed; passed through.
    public var matches: [JSONValue]?
    /// `HTTPRouteFilter`s applied to all matched requests, passed through.
    public var filters: [JSONValue]?
    public var backendRefs: [HTTPBackendRef]?
    /// `HTTPRouteTimeouts` (`request`, `backendRequest` durations), passed through.
    public var timeouts: JSONValue?

    public init(
        name: String? = nil, matches: [JSONValue]? = nil, filters: [JSONValue]? = nil,
        backendRefs: [HTTPBackendRef]? = nil, timeouts: JSONValue? = nil
    ) {
        self.name = name
        self.matches = matches
        self.filters = filters
        self.backendRefs = backendRefs
        self.timeouts = timeouts
    }
}

/// `gateway.networking.k8s.io/v1 HTTPBackendRef`: a backend (a Service by default) and its share of
/// traffic.
public struct HTTPBackendRef: Codable, Sendable, Equatable {
    /// Empty (the core group) by default.
    public var group: String?
    /// Defaults to `Service`.
    public var kind: String?
    public var name: String
    /// Another namespace needs a ReferenceGrant.
    public var namespace: String?
    /// Required when the backend is a Service.
    public var port: Int32?
    /// Proportion of the rule's traffic; defaults to 1.
    public var weight: Int32?
    /// `HTTPRouteFilter`s for requests sent to this backend, passed through.
    public var filters: [JSONValue]?

    public init(
        group: String? = nil, kind: String? = nil, name: String, namespace: String? = nil, port: Int32? = nil,
        weight: Int32? = nil, filters: [JSONValue]? = nil
    ) {
        self.group = group
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.port = port
        self.weight = weight
        self.filters = filters
    }
}

/// `gateway.networking.k8s.io/v1 HTTPRouteStatus`.
public struct HTTPRouteStatus: Codable, Sendable, Equatable {
    /// `RouteParentStatus` per parent (`parentRef`, `controllerName`, `conditions`), passed
    /// through.
    public var parents: [JSONValue]

    public init(parents: [JSONValue] = []) {
        self.parents = parents
    }
}
