/// Anything the client can write: a typed ``KubeResource`` or an unstructured ``JSONValue``.
/// The client reads the name and namespace from it to build the object's path.
public protocol APIObject: Codable, Sendable {
    var apiObjectName: String? { get }
    var apiObjectNamespace: String? { get }
}

extension JSONValue: APIObject {
    public var apiObjectName: String? { name }
    public var apiObjectNamespace: String? { namespace }
}

extension KubeResource {
    public var apiObjectName: String? { metadata.name }
    public var apiObjectNamespace: String? { metadata.namespace }
}
