/// `rbac.authorization.k8s.io/v1 Role`: a namespaced set of permissions.
public struct Role: KubeResource, Equatable {
    public static let group = "rbac.authorization.k8s.io"
    public static let version = "v1"
    public static let kind = "Role"
    public static let plural = "roles"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String = "rbac.authorization.k8s.io/v1"
    public var kind: String = "Role"
    public var metadata: ObjectMeta
    public var rules: [PolicyRule]?

    public init(metadata: ObjectMeta = ObjectMeta(), rules: [PolicyRule]? = nil) {
        self.metadata = metadata
        self.rules = rules
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, rules
    }

    /// Items of a typed LIST response carry no `apiVersion` or `kind`; they default to this kind's.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.apiVersion
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? Self.kind
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        rules = try c.decodeIfPresent([PolicyRule].self, forKey: .rules)
    }
}

/// `rbac.authorization.k8s.io/v1 ClusterRole`: a cluster-wide set of permissions.
public struct ClusterRole: KubeResource, Equatable {
    public static let group = "rbac.authorization.k8s.io"
    public static let version = "v1"
    public static let kind = "ClusterRole"
    public static let plural = "clusterroles"
    public static let scope = ResourceScope.cluster

    public var apiVersion: String = "rbac.authorization.k8s.io/v1"
    public var kind: String = "ClusterRole"
    public var metadata: ObjectMeta
    /// Overwritten by the controller when `aggregationRule` is set.
    public var rules: [PolicyRule]?
    /// `AggregationRule` (`clusterRoleSelectors`), passed through.
    public var aggregationRule: JSONValue?

    public init(metadata: ObjectMeta = ObjectMeta(), rules: [PolicyRule]? = nil, aggregationRule: JSONValue? = nil) {
        self.metadata = metadata
        self.rules = rules
        self.aggregationRule = aggregationRule
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, rules, aggregationRule
    }

    /// Items of a typed LIST response carry no `apiVersion` or `kind`; they default to this kind's.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.apiVersion
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? Self.kind
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        rules = try c.decodeIfPresent([PolicyRule].self, forKey: .rules)
        aggregationRule = try c.decodeIfPresent(JSONValue.self, forKey: .aggregationRule)
    }
}

/// `rbac.authorization.k8s.io/v1 RoleBinding`: grants a Role or ClusterRole within one namespace.
public struct RoleBinding: KubeResource, Equatable {
    public static let group = "rbac.authorization.k8s.io"
    public static let version = "v1"
    public static let kind = "RoleBinding"
    public static let plural = "rolebindings"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String = "rbac.authorization.k8s.io/v1"
    public var kind: String = "RoleBinding"
    public var metadata: ObjectMeta
    public var subjects: [Subject]?
    /// Immutable: to change it, delete and recreate the binding.
    public var roleRef: RoleRef

    public init(metadata: ObjectMeta = ObjectMeta(), subjects: [Subject]? = nil, roleRef: RoleRef) {
        self.metadata = metadata
        self.subjects = subjects
        self.roleRef = roleRef
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, subjects, roleRef
    }

    /// Items of a typed LIST response carry no `apiVersion` or `kind`; they default to this kind's.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.apiVersion
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? Self.kind
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        subjects = try c.decodeIfPresent([Subject].self, forKey: .subjects)
        roleRef = try c.decode(RoleRef.self, forKey: .roleRef)
    }
}

/// `rbac.authorization.k8s.io/v1 ClusterRoleBinding`: grants a ClusterRole cluster-wide.
public struct ClusterRoleBinding: KubeResource, Equatable {
    public static let group = "rbac.authorization.k8s.io"
    public static let version = "v1"
    public static let kind = "ClusterRoleBinding"
    public static let plural = "clusterrolebindings"
    public static let scope = ResourceScope.cluster

    public var apiVersion: String = "rbac.authorization.k8s.io/v1"
    public var kind: String = "ClusterRoleBinding"
    public var metadata: ObjectMeta
    public var subjects: [Subject]?
    /// Immutable: to change it, delete and recreate the binding.
    public var roleRef: RoleRef

    public init(metadata: ObjectMeta = ObjectMeta(), subjects: [Subject]? = nil, roleRef: RoleRef) {
        self.metadata = metadata
        self.subjects = subjects
        self.roleRef = roleRef
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, subjects, roleRef
    }

    /// Items of a typed LIST response carry no `apiVersion` or `kind`; they default to this kind's.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.apiVersion
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? Self.kind
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        subjects = try c.decodeIfPresent([Subject].self, forKey: .subjects)
        roleRef = try c.decode(RoleRef.self, forKey: .roleRef)
    }
}

/// `rbac.authorization.k8s.io/v1 PolicyRule`: verbs allowed on resources (or non-resource URLs).
public struct PolicyRule: Codable, Sendable, Equatable {
    /// `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection` or `*`.
    public var verbs: [String]
    /// `""` is the core group, `*` all groups.
    public var apiGroups: [String]?
    /// Plural resources, with subresources as `deployments/scale`; `*` all.
    public var resources: [String]?
    /// Restricts the rule to these object names.
    public var resourceNames: [String]?
    /// Paths like `/healthz`, only in ClusterRoles.
    public var nonResourceURLs: [String]?

    public init(
        verbs: [String] = [], apiGroups: [String]? = nil, resources: [String]? = nil,
        resourceNames: [String]? = nil, nonResourceURLs: [String]? = nil
    ) {
        self.verbs = verbs
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
    }
}

/// `rbac.authorization.k8s.io/v1 Subject`: who a binding grants to.
public struct Subject: Codable, Sendable, Equatable {
    /// `User`, `Group` or `ServiceAccount`.
    public var kind: String
    /// `rbac.authorization.k8s.io` for users and groups, empty for service accounts.
    public var apiGroup: String?
    public var name: String
    /// Required for service accounts.
    public var namespace: String?

    public init(kind: String, apiGroup: String? = nil, name: String, namespace: String? = nil) {
        self.kind = kind
        self.apiGroup = apiGroup
        self.name = name
        self.namespace = namespace
    }
}

/// `rbac.authorization.k8s.io/v1 RoleRef`: the role a binding grants.
public struct RoleRef: Codable, Sendable, Equatable {
    public var apiGroup: String
    /// `Role` or `ClusterRole`.
    public var kind: String
    public var name: String

    public init(apiGroup: String = "rbac.authorization.k8s.io", kind: String, name: String) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }
}
