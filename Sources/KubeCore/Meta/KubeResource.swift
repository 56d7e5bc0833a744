/// Whether a resource lives in a namespace or in the cluster as a whole.
public enum ResourceScope: String, Sendable, Codable {
    case namespaced = "Namespaced"
    case cluster = "Cluster"
}

/// Group, version and resource (plural): the address of a collection on the API server.
public struct GroupVersionResource: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Empty for the core ("legacy") group served under `/api`.
    public var group: String
    public var version: String
    public var resource: String

    public init(group: String, version: String, resource: String) {
        self.group = group
        self.version = version
        self.resource = resource
    }

    /// `v1` for the core group, `group/version` otherwise.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    public var description: String { group.isEmpty ? "\(version)/\(resource)" : "\(group)/\(version)/\(resource)" }
}

/// Everything the client needs to address a resource: where it is served, its kind and scope.
/// Typed kinds derive it from ``KubeResource``; the dynamic API builds it by hand or from discovery.
public struct ResourceDescriptor: Sendable, Hashable, Codable {
    public var gvr: GroupVersionResource
    public var kind: String
    public var scope: ResourceScope

    public init(group: String, version: String, resource: String, kind: String, scope: ResourceScope) {
        self.gvr = GroupVersionResource(group: group, version: version, resource: resource)
        self.kind = kind
        self.scope = scope
    }

    public var group: String { gvr.group }
    public var version: String { gvr.version }
    public var resource: String { gvr.resource }
    public var apiVersion: String { gvr.apiVersion }
    public var isNamespaced: Bool { scope == .namespaced }
}

/// A Kubernetes kind with a Swift model. The static members say where it is served; instances
/// carry `apiVersion` and `kind` so that encoded bodies are complete.
public protocol KubeResource: APIObject {
    static var group: String { get }
    static var version: String { get }
    static var kind: String { get }
    static var plural: String { get }
    static var scope: ResourceScope { get }

    var metadata: ObjectMeta { get set }
}

extension KubeResource {
    public static var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    public static var descriptor: ResourceDescriptor {
        ResourceDescriptor(group: group, version: version, resource: plural, kind: kind, scope: scope)
    }

    /// An owner reference to this object, for objects it manages (`controller` and
    /// `blockOwnerDeletion` true, as controller-runtime's SetControllerReference writes).
    public func controllerReference() -> OwnerReference? {
        guard let name = metadata.name, let uid = metadata.uid else { return nil }
        return OwnerReference(apiVersion: Self.apiVersion, kind: Self.kind, name: name, uid: uid, controller: true, blockOwnerDeletion: true)
    }
}

/// A list of typed objects, as returned by LIST (`<Kind>List`).
public struct ObjectList<Item: Decodable & Sendable>: Decodable, Sendable {
    public var metadata: ListMeta
    public var items: [Item]

    public init(metadata: ListMeta, items: [Item]) {
        self.metadata = metadata
        self.items = items
    }

    enum CodingKeys: String, CodingKey { case metadata, items }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try c.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        // kube-apiserver writes `"items": []` but some servers write null for an empty list.
        items = try c.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}

extension ObjectList: Encodable where Item: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(metadata, forKey: .metadata)
        try c.encode(items, forKey: .items)
    }
}

/// `autoscaling/v1 Scale`: what the `scale` subresource reads and writes.
public struct Scale: Codable, Sendable, Equatable {
    public var apiVersion: String = "autoscaling/v1"
    public var kind: String = "Scale"
    public var metadata: ObjectMeta
    public var spec: ScaleSpec
    public var status: ScaleStatus?

    public init(metadata: ObjectMeta, replicas: Int32) {
        self.metadata = metadata
        self.spec = ScaleSpec(replicas: replicas)
    }
}

public struct ScaleSpec: Codable, Sendable, Equatable {
    public var replicas: Int32?
    public init(replicas: Int32? = nil) { self.replicas = replicas }
}

public struct ScaleStatus: Codable, Sendable, Equatable {
    public var replicas: Int32
    /// The pod selector in its string form (`a=b,c in (d)`).
    public var selector: String?
    public init(replicas: Int32, selector: String? = nil) {
        self.replicas = replicas
        self.selector = selector
    }
}
