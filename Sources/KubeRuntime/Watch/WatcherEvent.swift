import KubeCore

/// What a ``Watcher`` emits, following kube-rs's `watcher::Event`.
///
/// A relist is bracketed: `initStarted`, then one `initApply` per listed object, then
/// `initDone`. A store must buffer the `initApply`s and swap them in on `initDone`, so readers
/// never see a half-filled listing and objects deleted while the watch was broken disappear.
/// After `initDone`, `apply` and `delete` report live changes from the WATCH.
public enum WatcherEvent<Object: Sendable>: Sendable {
    /// A (re)list has begun (kube-rs `Event::Init`).
    case initStarted
    /// One object of the listing (kube-rs `Event::InitApply`).
    case initApply(Object)
    /// The listing is complete (kube-rs `Event::InitDone`).
    case initDone
    /// An object was added or modified (WATCH ADDED / MODIFIED).
    case apply(Object)
    /// An object was deleted (WATCH DELETED); the object is its last state.
    case delete(Object)

    /// The object carried by the event, if any.
    public var object: Object? {
        switch self {
        case .initApply(let o), .apply(let o), .delete(let o): return o
        case .initStarted, .initDone: return nil
        }
    }
}

/// Counters of one watcher's restarts, kept by the state machine and mirrored to swift-metrics.
public struct WatcherStats: Sendable, Equatable {
    /// WATCH requests opened again after the first (after a normal close or an error).
    public var watchRestarts = 0
    /// LISTs started again after the first (after 410 Gone or an error during listing).
    public var relists = 0
    /// Failures that led to a backoff.
    public var errors = 0
    /// Completed listings (the first and every relist).
    public var completedLists = 0

    public init() {}
}
