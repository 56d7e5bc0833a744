import KubeCore

/// One committed change, as the store records it for watches.
public struct StoreEvent: Sendable {
    public enum Kind: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
    }

    public var kind: Kind
    /// The object after the change (for DELETED: its last state, carrying the deletion's resourceVersion).
    public var object: JSONValue
    /// The object before the change (nil for ADDED); lets a filtered watch turn a MODIFIED that
    /// leaves its selector into DELETED, as kube-apiserver's watch cache does.
    public var previous: JSONValue?
    public var resourceVersion: Int64
    public var storageKey: String
    public var namespace: String
}

/// What a watcher receives.
public enum WatchDelivery: Sendable {
    case event(kind: StoreEvent.Kind, object: JSONValue)
    /// The store's current resourceVersion (for BOOKMARK events). `initialEventsEnd` marks the
    /// end of the synthetic ADDED events of a `sendInitialEvents=true` watch (KEP-3157), sent
    /// with the annotation `k8s.io/initial-events-end: "true"`.
    case bookmark(resourceVersion: Int64, initialEventsEnd: Bool)
}

/// Which objects a watch or list wants: one resource, optionally one namespace, and a predicate
/// for label and field selectors.
public struct ObjectFilter: Sendable {
    public var storageKey: String
    public var namespace: String?
    public var matches: @Sendable (JSONValue) -> Bool

    public init(storageKey: String, namespace: String?, matches: @escaping @Sendable (JSONValue) -> Bool = { _ in true }) {
        self.storageKey = storageKey
        self.namespace = namespace
        self.matches = matches
    }

    /// Every change to every resource (for the emulator's own controllers).
    public static let everything = ObjectFilter(storageKey: "*", namespace: nil)

    func accepts(storageKey key: String, namespace ns: String) -> Bool {
        (storageKey == "*" || key == storageKey) && (namespace == nil || namespace == ns)
    }

    /// The event a watcher with this filter sees for a change, or nil: objects entering the
    /// selection appear as ADDED and leaving it as DELETED.
    func translate(_ e: StoreEvent) -> WatchDelivery? {
        guard accepts(storageKey: e.storageKey, namespace: e.namespace) else { return nil }
        let now = matches(e.object)
        switch e.kind {
        case .added:
            return now ? .event(kind: .added, object: e.object) : nil
        case .deleted:
            return now ? .event(kind: .deleted, object: e.object) : nil
        case .modified:
            let before = e.previous.map(matches) ?? false
            switch (before, now) {
            case (true, true): return .event(kind: .modified, object: e.object)
            case (false, true): return .event(kind: .added, object: e.object)
            case (true, false): return .event(kind: .deleted, object: e.object)
            case (false, false): return nil
            }
        }
    }
}
