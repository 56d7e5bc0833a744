import Foundation
import KubeCore
import Synchronization

/// The emulator's storage: every object of every resource, one global resourceVersion counter
/// (as etcd's revision), a bounded history of changes for watch resumption, and the live watchers.
///
/// All changes happen under one lock, in `mutate`, so a read-modify-write is atomic and events
/// reach watchers in resourceVersion order. A watch from resourceVersion N replays history after
/// N; once N has been compacted away it fails with 410 Gone, as kube-apiserver does.
public final class ObjectStore: Sendable {
    /// Default number of changes kept for watch resumption.
    public static let defaultHistoryLimit = 100_000

    struct ObjectKey: Hashable { var namespace: String; var name: String }

    struct Watcher {
        var filter: ObjectFilter
        var continuation: AsyncStream<WatchDelivery>.Continuation
    }

    struct State {
        var revision: Int64 = 1
        var objects: [String: [ObjectKey: JSONValue]] = [:]
        var history: [StoreEvent] = []
        /// Watches must start at or after this revision.
        var compactedRevision: Int64 = 1
        var watchers: [Int: Watcher] = [:]
        var subscribers: [Int: AsyncStream<StoreEvent>.Continuation] = [:]
        var nextWatcherID = 0
        var historyLimit: Int
        /// The revision of the last change to each storage key (for caches of one resource).
        var lastChange: [String: Int64] = [:]
    }

    private let state: Mutex<State>

    public init(historyLimit: Int = ObjectStore.defaultHistoryLimit) {
        state = Mutex(State(historyLimit: historyLimit))
    }

    /// The current revision.
    public var revision: Int64 { state.withLock { $0.revision } }

    /// The revision of the last create, update or delete of each of these resources (0 if
    /// never): a cache of their objects is current while these stay the same.
    public func lastChange(of storageKeys: [String]) -> [Int64] {
        state.withLock { s in storageKeys.map { s.lastChange[$0] ?? 0 } }
    }

    public func get(_ storageKey: String, namespace: String, name: String) -> JSONValue? {
        state.withLock { $0.objects[storageKey]?[ObjectKey(namespace: namespace, name: name)] }
    }

    /// A consistent snapshot of the matching objects, sorted by namespace then name (as etcd's
    /// key order), with the revision it was taken at.
    public func list(_ filter: ObjectFilter) -> (items: [JSONValue], revision: Int64) {
        let (all, rev): ([(ObjectKey, JSONValue)], Int64) = state.withLock { s in
            let bucket = s.objects[filter.storageKey] ?? [:]
            return (bucket.filter { filter.namespace == nil || $0.key.namespace == filter.namespace }.map { ($0.key, $0.value) }, s.revision)
        }
        let items = all.sorted { ($0.0.namespace, $0.0.name) < ($1.0.namespace, $1.0.name) }.map(\.1).filter(filter.matches)
        return (items, rev)
    }

    /// Every stored object with its storage key (for garbage collection's owner scan).
    public func allObjects() -> [(storageKey: String, object: JSONValue)] {
        state.withLock { s in s.objects.flatMap { (key, bucket) in bucket.values.map { (key, $0) } } }
    }

    /// Every object of a resource in one namespace (or all), unfiltered: for controllers.
    public func objects(_ storageKey: String, namespace: String? = nil) -> [JSONValue] {
        list(ObjectFilter(storageKey: storageKey, namespace: namespace)).items
    }

    /// What a `mutate` body decides.
    public enum Mutation: Sendable {
        case none
        case create(JSONValue)
        case update(JSONValue)
        case delete
    }

    /// Reads the current object (nil if absent), lets `body` decide, and commits the decision
    /// if the object has not changed meanwhile, retrying otherwise: optimistic concurrency, as
    /// kube-apiserver's `GuaranteedUpdate` does over etcd. `body` runs outside the store's lock
    /// (so requests on different objects proceed in parallel) and may run more than once.
    /// Creates and updates get the next resourceVersion; a delete's final state carries the
    /// deletion's resourceVersion. Returns the stored (or deleted) object.
    @discardableResult
    public func mutate(_ storageKey: String, namespace: String, name: String, _ body: (JSONValue?) throws -> Mutation) rethrows -> JSONValue? {
        let key = ObjectKey(namespace: namespace, name: name)
        while true {
            let current = state.withLock { $0.objects[storageKey]?[key] }
            let decision = try body(current)
            if case .none = decision { return current }
            let outcome: (committed: Bool, value: JSONValue?) = state.withLock { s in
                let now = s.objects[storageKey]?[key]
                guard now?["metadata"]["resourceVersion"] == current?["metadata"]["resourceVersion"] else { return (false, nil) }
                return (true, apply(decision, key: key, storageKey: storageKey, namespace: namespace, current: now, to: &s))
            }
            if outcome.committed { return outcome.value }
        }
    }

    private func apply(_ decision: Mutation, key: ObjectKey, storageKey: String, namespace: String, current: JSONValue?, to s: inout State) -> JSONValue? {
        switch decision {
        case .none:
            return current
        case .create(var obj), .update(var obj):
            s.revision += 1
            obj["metadata"]["resourceVersion"] = .string(String(s.revision))
            s.objects[storageKey, default: [:]][key] = obj
            s.lastChange[storageKey] = s.revision
            commit(&s, StoreEvent(kind: current == nil ? .added : .modified, object: obj, previous: current, resourceVersion: s.revision, storageKey: storageKey, namespace: namespace))
            return obj
        case .delete:
            guard var obj = current else { return nil }
            s.revision += 1
            obj["metadata"]["resourceVersion"] = .string(String(s.revision))
            s.objects[storageKey]?.removeValue(forKey: key)
            s.lastChange[storageKey] = s.revision
            commit(&s, StoreEvent(kind: .deleted, object: obj, previous: current, resourceVersion: s.revision, storageKey: storageKey, namespace: namespace))
            return obj
        }
    }

    private func commit(_ s: inout State, _ e: StoreEvent) {
        s.history.append(e)
        if s.history.count > s.historyLimit + s.historyLimit / 4 {
            let drop = s.history.count - s.historyLimit
            s.compactedRevision = s.history[drop - 1].resourceVersion
            s.history.removeFirst(drop)
        }
        for (_, w) in s.watchers {
            if let d = w.filter.translate(e) { w.continuation.yield(d) }
        }
        for (_, c) in s.subscribers { c.yield(e) }
    }

    /// Every change from now on, unfiltered and in commit order: the feed of the emulator's own
    /// controllers (which play kube-controller-manager and so see everything).
    public func subscribe() -> AsyncStream<StoreEvent> {
        let (stream, continuation) = AsyncStream<StoreEvent>.makeStream()
        let id = state.withLock { s in
            let id = s.nextWatcherID
            s.nextWatcherID += 1
            s.subscribers[id] = continuation
            return id
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Why a watch could not start.
    public enum WatchStartError: Error, Sendable {
        /// The requested revision is older than the retained history.
        case tooOld(requested: Int64, oldest: Int64)
    }

    /// Starts a watch. `from` nil means "synthetic ADDED for every current object, then
    /// changes" (the semantics of an unset or `"0"` resourceVersion); a revision means "every
    /// change after it". The stream ends when `cancel` is called on the returned handle.
    public func watch(_ filter: ObjectFilter, from revision: Int64?, initialEventsEndBookmark: Bool = false) throws -> (stream: AsyncStream<WatchDelivery>, id: Int) {
        let (stream, continuation) = AsyncStream<WatchDelivery>.makeStream()
        let id: Int = try state.withLock { s in
            if let r = revision {
                guard r >= s.compactedRevision else { throw WatchStartError.tooOld(requested: r, oldest: s.compactedRevision) }
                // History is ordered by revision: replay what came after r.
                var lo = 0, hi = s.history.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if s.history[mid].resourceVersion <= r { lo = mid + 1 } else { hi = mid }
                }
                for e in s.history[lo...] { if let d = filter.translate(e) { continuation.yield(d) } }
            } else {
                let bucket = s.objects[filter.storageKey] ?? [:]
                for (k, obj) in bucket.sorted(by: { ($0.key.namespace, $0.key.name) < ($1.key.namespace, $1.key.name) })
                where (filter.namespace == nil || k.namespace == filter.namespace) && filter.matches(obj) {
                    continuation.yield(.event(kind: .added, object: obj))
                }
                if initialEventsEndBookmark { continuation.yield(.bookmark(resourceVersion: s.revision, initialEventsEnd: true)) }
            }
            let id = s.nextWatcherID
            s.nextWatcherID += 1
            s.watchers[id] = Watcher(filter: filter, continuation: continuation)
            return id
        }
        continuation.onTermination = { [weak self] _ in self?.removeWatcher(id) }
        return (stream, id)
    }

    private func removeWatcher(_ id: Int) {
        _ = state.withLock { $0.watchers.removeValue(forKey: id) }
    }

    /// Sends a bookmark with the current revision to the given watcher.
    public func bookmark(_ id: Int) {
        state.withLock { s in
            s.watchers[id]?.continuation.yield(.bookmark(resourceVersion: s.revision, initialEventsEnd: false))
        }
    }

    /// Ends every open watch (a fault for tests: clients must re-watch from their last revision).
    public func closeAllWatches() {
        let ws = state.withLock { s -> [Watcher] in
            let w = Array(s.watchers.values)
            s.watchers.removeAll()
            return w
        }
        for w in ws { w.continuation.finish() }
    }

    /// Drops all history: any watch resuming from an earlier revision now gets 410 Gone.
    public func compact() {
        state.withLock { s in
            s.history.removeAll()
            s.compactedRevision = s.revision
        }
    }

    /// The oldest revision a watch may still start from.
    public var compactedRevision: Int64 { state.withLock { $0.compactedRevision } }

    public var watcherCount: Int { state.withLock { $0.watchers.count } }
}
