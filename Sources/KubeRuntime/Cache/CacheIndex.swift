/// Secondary indexes of a ``Cache``: by namespace, by controller owner UID and by label pair.
/// A plain value guarded by the cache's lock; each index maps a value to the keys having it.
struct CacheIndex: Sendable {
    /// Cluster-scoped objects are indexed under the empty namespace.
    private(set) var byNamespace: [String: Set<ObjectKey>] = [:]
    private(set) var byOwner: [String: Set<ObjectKey>] = [:]
    /// Keyed by `key=value`.
    private(set) var byLabel: [String: Set<ObjectKey>] = [:]

    static func labelIndexKey(_ key: String, _ value: String) -> String { "\(key)=\(value)" }

    mutating func insert(_ key: ObjectKey, _ meta: ObjectMetadataView) {
        byNamespace[key.namespace ?? "", default: []].insert(key)
        if let uid = meta.controllerUID { byOwner[uid, default: []].insert(key) }
        for (k, v) in meta.labels { byLabel[Self.labelIndexKey(k, v), default: []].insert(key) }
    }

    mutating func remove(_ key: ObjectKey, _ meta: ObjectMetadataView) {
        Self.remove(key, from: &byNamespace, at: key.namespace ?? "")
        if let uid = meta.controllerUID { Self.remove(key, from: &byOwner, at: uid) }
        for (k, v) in meta.labels { Self.remove(key, from: &byLabel, at: Self.labelIndexKey(k, v)) }
    }

    private static func remove(_ key: ObjectKey, from index: inout [String: Set<ObjectKey>], at value: String) {
        guard var set = index[value] else { return }
        set.remove(key)
        index[value] = set.isEmpty ? nil : set
    }

    func keys(namespace: String?) -> Set<ObjectKey> { byNamespace[namespace ?? ""] ?? [] }
    func keys(ownedBy uid: String) -> Set<ObjectKey> { byOwner[uid] ?? [] }
    func keys(label key: String, value: String) -> Set<ObjectKey> { byLabel[Self.labelIndexKey(key, value)] ?? [] }
}
