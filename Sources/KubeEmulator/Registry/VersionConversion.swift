import KubeCore

/// How one served version of a resource converts to and from the representation it is stored
/// in, when that representation is another resource's: kube-apiserver serves `events.k8s.io/v1`
/// Events from the same storage as `core/v1` Events (one etcd key per object, one
/// resourceVersion, one uid), converting every object through the internal `core.Event` on the
/// way in and out. Versions without a conversion are stored as sent (a CRD's `conversion: None`).
public struct VersionConversion: Sendable {
    /// The storage key of the resource whose storage this version shares (e.g. `events`).
    public var storageKey: String
    /// The `apiVersion` objects carry in storage (e.g. `v1`).
    public var storageAPIVersion: String
    /// A stored object in this version's shape (fields renamed, `apiVersion` set to this version).
    public var fromStorage: @Sendable (JSONValue) -> JSONValue
    /// An object of this version in the stored shape (`apiVersion` set to ``storageAPIVersion``).
    public var toStorage: @Sendable (JSONValue) -> JSONValue

    public init(storageKey: String, storageAPIVersion: String, fromStorage: @escaping @Sendable (JSONValue) -> JSONValue, toStorage: @escaping @Sendable (JSONValue) -> JSONValue) {
        self.storageKey = storageKey
        self.storageAPIVersion = storageAPIVersion
        self.fromStorage = fromStorage
        self.toStorage = toStorage
    }
}

extension ResourceDefinition {
    /// A stored object as this version serves it. An object already in this version's shape
    /// (its `apiVersion` is this version's) is returned as is, so the call is idempotent.
    /// Without a conversion the object is returned unchanged.
    func fromStorage(_ obj: JSONValue) -> JSONValue {
        guard let c = conversion, obj["apiVersion"].stringValue != apiVersion else { return obj }
        return c.fromStorage(obj)
    }

    /// An object of this version as it is stored. An object already in the stored shape (its
    /// `apiVersion` is the storage version's) is returned as is. Without a conversion the object
    /// is returned unchanged.
    func toStorage(_ obj: JSONValue) -> JSONValue {
        guard let c = conversion, obj["apiVersion"].stringValue != c.storageAPIVersion else { return obj }
        return c.toStorage(obj)
    }
}
