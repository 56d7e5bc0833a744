import KubeClient
import KubeCore

/// Where a watcher stands. The transitions live in ``WatcherStateMachine``; this is plain data.
///
/// Modelled on kube-rs's `watcher::State` (`Empty`, `InitPage`, `InitListed`, `Watching`) plus
/// an explicit backoff state:
///
/// ```
/// empty ──list page──▶ initListing ──last page──▶ watchPending(rv) ──opened──▶ watching(rv)
///   ▲                                                  ▲   normal close (no backoff)  │
///   │ 410 Gone                                         └──────────────────────────────┤
///   └──────────────────────────────────────────────────────────────────────────────────┤
///                               backingOff(resume) ◀── any other error ────────────────┘
/// ```
public enum WatcherState: Sendable, Equatable {
    /// Nothing listed yet, or a relist is due: the next action is the first LIST page.
    case empty
    /// A paginated LIST is under way: fetch the page at `continueToken`. `resourceVersion` is the
    /// first page's, the snapshot all pages come from.
    case initListing(continueToken: String, resourceVersion: String?)
    /// Listed (or a watch ended normally): open a WATCH from `resourceVersion`.
    case watchPending(resourceVersion: String)
    /// A WATCH is open; `resourceVersion` is the last one seen (object or bookmark).
    case watching(resourceVersion: String)
    /// Waiting `delay` seconds after an error before `resume`.
    case backingOff(resume: WatcherResumePoint, delay: Double)

    /// The resourceVersion a watch would resume from, if the state has one.
    public var resourceVersion: String? {
        switch self {
        case .watchPending(let rv), .watching(let rv): return rv
        case .backingOff(.watch(let rv), _): return rv
        case .empty, .initListing, .backingOff(.relist, _): return nil
        }
    }
}

/// Where a watcher continues after a backoff.
public enum WatcherResumePoint: Sendable, Equatable {
    /// LIST again from scratch.
    case relist
    /// WATCH again from this resourceVersion (the last one seen).
    case watch(resourceVersion: String)
}

/// The I/O the driver must perform next, derived from the state alone.
public enum WatcherAction: Sendable, Equatable {
    /// LIST one page (`continueToken` nil for the first).
    case list(continueToken: String?)
    /// Open a WATCH from this resourceVersion.
    case openWatch(resourceVersion: String)
    /// Read the next event of the open WATCH.
    case readWatch
    /// Sleep this many seconds, then feed ``WatcherInput/backoffElapsed``.
    case sleep(seconds: Double)
}

/// How a LIST or WATCH failed, as far as the state machine cares.
public enum WatcherFailure: Sendable, Equatable {
    /// 410 Gone / Expired: the resourceVersion (or continue token) is older than the server's
    /// history. The only cure is a fresh LIST.
    case gone
    /// Anything else (transport error, idle timeout, 5xx, 403...): back off, then retry.
    case other(String)

    /// Classifies a thrown error (a ``KubeError`` with `isGone` is ``gone``).
    public static func classify(_ error: any Error) -> WatcherFailure {
        if let k = error as? KubeError, k.isGone { return .gone }
        return .other(String(describing: error))
    }
}

/// Something that happened, fed to ``WatcherStateMachine/step(_:now:)``.
public enum WatcherInput<Object: Sendable>: Sendable {
    /// A LIST page arrived.
    case listPage(items: [Object], continueToken: String?, resourceVersion: String?)
    /// The WATCH request was answered; events follow.
    case watchOpened
    /// One WATCH event.
    case watchEvent(WatchEvent<Object>)
    /// The server ended the WATCH normally (its `timeoutSeconds` passed, or it closed the stream).
    case watchClosed
    /// A LIST or WATCH failed (thrown error, or a failure to open the watch).
    case failed(WatcherFailure)
    /// The backoff delay has passed.
    case backoffElapsed
}

/// The pure watcher state machine: no I/O, no clock of its own (time comes in with each step),
/// so every transition can be tested directly.
///
/// Rules (Kubernetes API concepts "Efficient detection of changes"; client-go reflector;
/// kube-rs `watcher`):
/// - LIST (paginated), then WATCH from the list's resourceVersion.
/// - ADDED/MODIFIED emit `apply`, DELETED emits `delete`; each advances the resume RV.
/// - BOOKMARK only advances the resume RV; nothing is emitted.
/// - ERROR 410 (or a thrown 410) drops to `empty`: relist. A second 410 with no progress in
///   between backs off first, so a server that answers 410 forever cannot cause a hot loop.
/// - A normal close re-watches at once from the last RV, without touching the backoff
///   (client-go treats a watch ended by `timeoutSeconds` as success).
/// - Any other error backs off (``Backoff``), then resumes: from the last RV if it had one,
///   otherwise with a full LIST.
public struct WatcherStateMachine<Object: Sendable>: Sendable {
    public private(set) var state: WatcherState = .empty
    public private(set) var stats = WatcherStats()
    public private(set) var backoff: Backoff
    /// Reads the resourceVersion of an object (events carry objects, not bare versions).
    private let resourceVersionOf: @Sendable (Object) -> String?
    /// 410s since the last successful event: the second in a row backs off.
    private var goneWithoutProgress = 0
    private var hasListedOnce = false
    private var hasWatchedOnce = false

    public init(backoff: Backoff = Backoff(), resourceVersionOf: @escaping @Sendable (Object) -> String?) {
        self.backoff = backoff
        self.resourceVersionOf = resourceVersionOf
    }

    /// The I/O to perform next.
    public var nextAction: WatcherAction {
        switch state {
        case .empty: return .list(continueToken: nil)
        case .initListing(let token, _): return .list(continueToken: token)
        case .watchPending(let rv): return .openWatch(resourceVersion: rv)
        case .watching: return .readWatch
        case .backingOff(_, let delay): return .sleep(seconds: delay)
        }
    }

    /// Applies one input at time `now` (seconds on the injected clock); returns what to emit.
    public mutating func step(_ input: WatcherInput<Object>, now: Double) -> [WatcherEvent<Object>] {
        switch (state, input) {
        case (.empty, .listPage(let items, let token, let rv)):
            if hasListedOnce { stats.relists += 1 }
            hasListedOnce = true
            var out: [WatcherEvent<Object>] = [.initStarted]
            out += items.map { .initApply($0) }
            out += finishPage(token: token, resourceVersion: rv)
            return out

        case (.initListing(_, let firstRV), .listPage(let items, let token, _)):
            var out: [WatcherEvent<Object>] = items.map { .initApply($0) }
            out += finishPage(token: token, resourceVersion: firstRV)
            return out

        case (.watchPending(let rv), .watchOpened):
            if hasWatchedOnce { stats.watchRestarts += 1 }
            hasWatchedOnce = true
            state = .watching(resourceVersion: rv)
            return []

        case (.watching(let rv), .watchEvent(let event)):
            switch event {
            case .added(let o), .modified(let o):
                goneWithoutProgress = 0
                state = .watching(resourceVersion: resourceVersionOf(o) ?? rv)
                return [.apply(o)]
            case .deleted(let o):
                goneWithoutProgress = 0
                state = .watching(resourceVersion: resourceVersionOf(o) ?? rv)
                return [.delete(o)]
            case .bookmark(let newRV):
                goneWithoutProgress = 0
                if !newRV.isEmpty { state = .watching(resourceVersion: newRV) }
                return []
            case .error(let status):
                let gone = status.code == 410 || status.reason == StatusReason.gone || status.reason == StatusReason.expired
                return fail(gone ? .gone : .other("watch ERROR event: \(status.code.map(String.init) ?? "?") \(status.reason ?? "") \(status.message ?? "")"), now: now)
            }

        case (.watching(let rv), .watchClosed):
            state = .watchPending(resourceVersion: rv)
            return []

        case (_, .failed(let failure)):
            return fail(failure, now: now)

        case (.backingOff(let resume, _), .backoffElapsed):
            switch resume {
            case .relist: state = .empty
            case .watch(let rv): state = .watchPending(resourceVersion: rv)
            }
            return []

        default:
            // An input that does not fit the state (a stale event after a transition) is ignored.
            return []
        }
    }

    private mutating func finishPage(token: String?, resourceVersion: String?) -> [WatcherEvent<Object>] {
        if let token, !token.isEmpty {
            state = .initListing(continueToken: token, resourceVersion: resourceVersion)
            return []
        }
        stats.completedLists += 1
        state = .watchPending(resourceVersion: resourceVersion ?? "")
        return [.initDone]
    }

    private mutating func fail(_ failure: WatcherFailure, now: Double) -> [WatcherEvent<Object>] {
        if failure == .gone {
            goneWithoutProgress += 1
            if goneWithoutProgress <= 1 {
                state = .empty
                return []
            }
        }
        stats.errors += 1
        let resume: WatcherResumePoint
        switch state {
        case .watchPending(let rv), .watching(let rv):
            resume = failure == .gone || rv.isEmpty ? .relist : .watch(resourceVersion: rv)
        case .backingOff(let r, _):
            resume = failure == .gone ? .relist : r
        case .empty, .initListing:
            resume = .relist
        }
        state = .backingOff(resume: resume, delay: backoff.next(now: now))
        return []
    }
}
