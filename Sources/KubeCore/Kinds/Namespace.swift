/// `core/v1 Namespace`: a cluster-scoped scope for names of namespaced objects.
public struct Namespace: KubeResource, Equatable {
    public static let group = ""
    public static let version = "v1"
    public static let kind = "Namespace"
    public static let plural = "namespaces"
    public static let scope = ResourceScope.cluster

    public var apiVersion: String = "v1"
    public var kind: String = "Namespace"
    public var metadata: ObjectMeta
    public var spec: NamespaceSpec?
    public var status: NamespaceStatus?

    public init(metadata: ObjectMeta = ObjectMeta(), spec: NamespaceSpec? = nil, status: NamespaceStatus? = nil) {
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
        spec = try c.decodeIfPresent(NamespaceSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(NamespaceStatus.self, forKey: .status)
    }
}

/// `core/v1 NamespaceSpec`.
public struct NamespaceSpec: Codable, Sendable, Equatable {
    /// Finalizers (such as `kubernetes`) that must be emptied before the namespace is removed from
    /// storage.
    public var finalizers: [String]?

    public init(finalizers: [String]? = nil) {
        self.finalizers = finalizers
    }
}

/// `core/v1 NamespaceStatus`.
public struct NamespaceStatus: Codable, Sendable, Equatable {
    /// `Active` or `Terminating`.
    public var phase: String?
    /// `NamespaceCondition`s (for example `NamespaceDeletionContentFailure`), passed through.
    public var conditions: [JSONValue]?

    public init(phase: String? = nil, conditions: [JSONValue]? = nil) {
        self.phase = phase
        self.conditions = conditions
    }
}
