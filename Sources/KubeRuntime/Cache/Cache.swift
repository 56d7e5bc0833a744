import KubeCore
import Synchronization

/// An in-memory store of one kind's objects, fed by a ``Watcher`` (kube-rs's `reflector::Store`,
/// client-go's `Indexer`).
///
/// - Reads are synchronous and safe from any thread: the state sits behind a `Mutex`, not an
///   actor, so a reconciler can read without suspending.
/// - A listing (`initStarted` … `initApply` … `initDone`) is buffered and swapped in atomically
///   when complete, as kube-rs's store does: readers see the previous contents or the new
///   listing, never a half-filled one, and objects deleted while the watch was down vanish.
/// - Indexes: by namespace, by controller owner UID (`ownerReferences[controller=true].uid`,
///   controller-runtime's owner index) and by label `key=value`.
/// - ``hasSynced`` turns true at the first complete listing and stays true across relists
///   (client-go's `HasSynced`); ``waitForSync()`` awaits it.
public final class Cache<Object: APIObject>: Sendable {
    struct Entry: Sendable {
        var object: Object
        var meta: ObjectMetadataView
    }

    struct State: Sendable {
        var entries: [ObjectKey: Entry] = [:]
        var index = CacheIndex()
        /// Non-nil while a listing is being received.
        var listing: [ObjectKey: Entry]?
        var synced = false
        var waiters: [UInt64: CheckedContinuation<Void, any Error>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    // MARK: Writing (from the watcher)

    /// Applies one watcher event; returns the changes it made visible to readers (empty while a
    /// listing is buffered; the whole diff at `initDone`). Unchanged objects (same
    /// resourceVersion) produce no change.
    @discardableResult
    public func apply(_ event: WatcherEvent<Object>) -> [InformerEvent<Object>] {
        let (changes, waiters) = state.withLock { s -> ([InformerEvent<Object>], [CheckedContinuation<Void, any Error>]) in
            switch event {
            case .initStarted:
                s.listing = [:]
                return ([], [])
            case .initApply(let o):
                let e = Entry(object: o, meta: ObjectMetadataView.of(o))
                if s.listing == nil { s.listing = [:] }
                s.listing?[e.meta.key] = e
                return ([], [])
            case .initDone:
                let changes = Self.swapIn(s.listing ?? [:], state: &s)
                s.listing = nil
                s.synced = true
                let w = Array(s.waiters.values)
                s.waiters.removeAll()
                return (changes, w)
            case .apply(let o):
                let e = Entry(object: o, meta: ObjectMetadataView.of(o))
                return (Self.upsert(e, state: &s).map { [$0] } ?? [], [])
            case .delete(let o):
                let key = ObjectMetadataView.of(o).key
                guard let old = s.entries.removeValue(forKey: key) else { return ([], []) }
                s.index.remove(key, old.meta)
                return ([.deleted(o)], [])
            }
        }
        for w in waiters { w.resume() }
        return changes
    }

    private static func upsert(_ e: Entry, state s: inout State) -> InformerEvent<Object>? {
        let key = e.meta.key
        if let old = s.entries[key] {
            if old.meta.resourceVersion != nil && old.meta.resourceVersion == e.meta.resourceVersion { return nil }
            s.index.remove(key, old.meta)
            s.entries[key] = e
            s.index.insert(key, e.meta)
            return .updated(old: old.object, new: e.object)
        }
        s.entries[key] = e
        s.index.insert(key, e.meta)
        return .added(e.object)
    }

    /// Replaces the contents with a complete listing; returns the difference.
    private static func swapIn(_ listing: [ObjectKey: Entry], state s: inout State) -> [InformerEvent<Object>] {
        var changes: [InformerEvent<Object>] = []
        for (key, old) in s.entries where listing[key] == nil { changes.append(.deleted(old.object)) }
        var index = CacheIndex()
        for (key, e) in listing {
            index.insert(key, e.meta)
            if let old = s.entries[key] {
                if old.meta.resourceVersion == nil || old.meta.resourceVersion != e.meta.resourceVersion {
                    changes.append(.updated(old: old.object, new: e.object))
                }
            } else {
                changes.append(.added(e.object))
            }
        }
        s.entries = listing
        s.index = index
        return changes
    }

    // MARK: Reading

    /// Whether a complete listing has been stored.
    public var hasSynced: Bool { state.withLock { $0.synced } }

    /// Returns once the first listing is stored; throws `CancellationError` if cancelled first.
    public func waitForSync() async throws {
        let id = state.withLock { s -> UInt64 in
            s.nextWaiter += 1
            return s.nextWaiter
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { s -> Bool in
                    if s.synced { return true }
                    if Task.isCancelled { return true }
                    s.waiters[id] = c
                    return false
                }
                if resumeNow { c.resume() }
            }
            try Task.checkCancellation()
        } onCancel: {
            let c = state.withLock { $0.waiters.removeValue(forKey: id) }
            c?.resume(throwing: CancellationError())
        }
    }

    /// The object with this namespace (nil for cluster-scoped) and name.
    public func get(namespace: String?, name: String) -> Object? {
        get(ObjectKey(namespace: namespace, name: name))
    }

    /// The object with this key.
    public func get(_ key: ObjectKey) -> Object? {
        state.withLock { $0.entries[key]?.object }
    }

    /// All objects, or those of one namespace; sorted by namespace and name.
    public func list(namespace: String? = nil) -> [Object] {
        state.withLock { s in
            guard let namespace else { return Self.sorted(s.entries) }
            return Self.objects(s.index.keys(namespace: namespace), in: s)
        }
    }

    /// The objects whose controller owner reference has this UID.
    public func list(ownedBy uid: String) -> [Object] {
        state.withLock { s in Self.objects(s.index.keys(ownedBy: uid), in: s) }
    }

    /// The objects a label selector matches (an invalid selector matches nothing, as in
    /// Kubernetes). `matchLabels` pairs are answered from the label index.
    public func list(labelSelector: LabelSelector, namespace: String? = nil) -> [Object] {
        guard let set = try? labelSelector.requirementSet() else { return [] }
        return list(labelSelector: set, namespace: namespace)
    }

    /// The objects a parsed label selector matches, optionally within one namespace.
    public func list(labelSelector: LabelRequirementSet, namespace: String? = nil) -> [Object] {
        state.withLock { s in
            var candidates: Set<ObjectKey>? = namespace.map { s.index.keys(namespace: $0) }
            for r in labelSelector.requirements where r.op == .equals || r.op == .doubleEquals || (r.op == .in && r.values.count == 1) {
                let keys = s.index.keys(label: r.key, value: r.values.first ?? "")
                candidates = candidates.map { $0.intersection(keys) } ?? keys
            }
            let pool = candidates ?? Set(s.entries.keys)
            let matching = pool.filter { key in s.entries[key].map { labelSelector.matches($0.meta.labels) } ?? false }
            return Self.objects(matching, in: s)
        }
    }

    /// The keys of all stored objects.
    public var keys: Set<ObjectKey> { state.withLock { Set($0.entries.keys) } }

    /// The number of stored objects.
    public var count: Int { state.withLock { $0.entries.count } }

    /// Every stored object as an `added` event, for subscribers that join late.
    func snapshotAsAdded() -> [InformerEvent<Object>] { list().map { .added($0) } }

    private static func objects(_ keys: Set<ObjectKey>, in s: State) -> [Object] {
        keys.sorted(by: Self.order).compactMap { s.entries[$0]?.object }
    }

    private static func sorted(_ entries: [ObjectKey: Entry]) -> [Object] {
        entries.keys.sorted(by: Self.order).compactMap { entries[$0]?.object }
    }

    private static func order(_ a: ObjectKey, _ b: ObjectKey) -> Bool {
        (a.namespace ?? "", a.name) < (b.namespace ?? "", b.name)
    }
}
