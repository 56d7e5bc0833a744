import KubeCore

/// The metadata fields the runtime needs (identity, version, labels, controller owner), read
/// from any ``APIObject``: a typed ``KubeResource`` or an unstructured ``JSONValue``.
///
/// `APIObject` only promises name and namespace, so the rest is read by a dynamic cast to
/// `KubeResource` or `JSONValue`; any other conforming type is read by encoding it to JSON once.
public struct ObjectMetadataView: Sendable, Equatable {
    public var name: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var labels: [String: String]
    /// `metadata.ownerReferences[controller=true].uid` (at most one owner is the controller).
    public var controllerUID: String?

    public init(name: String?, namespace: String?, uid: String?, resourceVersion: String?, labels: [String: String], controllerUID: String?) {
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.labels = labels
        self.controllerUID = controllerUID
    }

    init(_ m: ObjectMeta) {
        self.init(
            name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion,
            labels: m.labels ?? [:], controllerUID: m.controllerReference?.uid)
    }

    init(json v: JSONValue) {
        let meta = v["metadata"]
        var labels: [String: String] = [:]
        for (k, value) in meta["labels"].objectValue ?? [:] {
            if let s = value.stringValue { labels[k] = s }
        }
        let owner = (meta["ownerReferences"].arrayValue ?? []).first { $0["controller"].boolValue == true }
        self.init(
            name: meta["name"].stringValue, namespace: meta["namespace"].stringValue, uid: meta["uid"].stringValue,
            resourceVersion: meta["resourceVersion"].stringValue, labels: labels, controllerUID: owner?["uid"].stringValue)
    }

    /// Reads the metadata of any API object.
    public static func of<Object: APIObject>(_ object: Object) -> ObjectMetadataView {
        if let r = object as? any KubeResource { return ObjectMetadataView(r.metadata) }
        if let j = object as? JSONValue { return ObjectMetadataView(json: j) }
        if let data = try? JSONCoding.encode(object), let j = try? JSONValue.parse(Array(data)) {
            return ObjectMetadataView(json: j)
        }
        return ObjectMetadataView(
            name: object.apiObjectName, namespace: object.apiObjectNamespace, uid: nil, resourceVersion: nil, labels: [:], controllerUID: nil)
    }

    /// The cache key of the object.
    public var key: ObjectKey { ObjectKey(namespace: namespace.flatMap { $0.isEmpty ? nil : $0 }, name: name ?? "") }
}

/// Identifies an object within one kind: namespace (nil for cluster-scoped) and name, as
/// client-go's `cache.MetaNamespaceKeyFunc` (`namespace/name`).
public struct ObjectKey: Hashable, Sendable, CustomStringConvertible {
    public var namespace: String?
    public var name: String

    public init(namespace: String?, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// The reconcile request for this object.
    public var reconcileRequest: ReconcileRequest { ReconcileRequest(namespace: namespace, name: name) }

    public var description: String { namespace.map { "\($0)/\(name)" } ?? name }
}
