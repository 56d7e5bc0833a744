extension JSONValue {
    /// `metadata.name` of an unstructured object.
    public var name: String? { self["metadata"]["name"].stringValue }
    /// `metadata.namespace` of an unstructured object.
    public var namespace: String? { self["metadata"]["namespace"].stringValue }
    /// `metadata.resourceVersion` of an unstructured object.
    public var resourceVersion: String? { self["metadata"]["resourceVersion"].stringValue }
    /// `metadata.uid` of an unstructured object.
    public var uid: String? { self["metadata"]["uid"].stringValue }

    /// The object's metadata decoded as ``ObjectMeta`` (nil if absent or malformed).
    public var objectMeta: ObjectMeta? { try? self["metadata"].decode(as: ObjectMeta.self) }
}
