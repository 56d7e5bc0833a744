import CoreMetrics
import KubeClient
import Metrics
import Synchronization

/// A rate-limited, delaying, de-duplicating work queue: client-go's
/// `workqueue.TypedRateLimitingInterface`, the queue every controller-runtime controller uses.
///
/// Guarantees (as client-go's `Typed` queue):
/// - **One worker per key.** A key handed out by ``get()`` is *processing* until ``done(_:)``.
///   Adding it meanwhile only marks it *dirty*; ``done(_:)`` then queues it again. So two workers
///   never process the same key at once, and no change is lost.
/// - **Adds collapse.** Adding a key that is already waiting does nothing.
/// - **FIFO** among waiting keys.
/// - **Delayed adds** (``addAfter(_:seconds:)``): if a key is already waiting for a later time,
///   the earlier time wins (client-go's `waitingEntryByData`).
///
/// One deliberate difference: after ``shutDown()`` client-go's `Get` still hands out the keys
/// already queued; here ``get()`` returns nil at once, so a stopping controller takes no new work
/// (queued keys are not lost: the next process re-lists and re-queues every object).
public final class WorkQueue<Key: Hashable & Sendable>: Sendable {
    /// The queue's name: the `name` dimension of its metrics (the controller's name).
    public let name: String
    public let rateLimiter: any WorkQueueRateLimiter<Key>
    private let clock: any KubeClock
    private let metrics: WorkQueueMetrics

    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Key?, Never>
    }

    private struct State {
        var queue = FIFOBuffer<Key>()
        /// Keys that need processing: queued ones and ones added while processing.
        var dirty = Set<Key>()
        /// Keys handed out by `get` and not yet `done`.
        var processing = Set<Key>()
        /// When each dirty key was first added (for the queue-duration metric).
        var addedAt: [Key: Double] = [:]
        /// When each processing key was handed out (for the work-duration metric).
        var startedAt: [Key: Double] = [:]
        /// Delayed keys and the time they become ready (the earliest requested).
        var waiting: [Key: Double] = [:]
        /// Timer tasks of delayed adds, cancelled on shutdown.
        var timers: [UInt64: Task<Void, Never>] = [:]
        var getters: [Waiter] = []
        var drainers: [CheckedContinuation<Void, Never>] = []
        var shuttingDown = false
        var nextID: UInt64 = 0

        mutating func makeID() -> UInt64 {
            nextID &+= 1
            return nextID
        }
    }

    private let state = Mutex(State())

    /// - Parameters:
    ///   - name: the controller's name, used as the metrics' `name` dimension.
    ///   - rateLimiter: decides retry delays; defaults to controller-runtime's default limiter.
    ///   - clock: time source for delays and metrics.
    ///   - metricsFactory: where metrics go (defaults to the bootstrapped `MetricsSystem`).
    public init(
        name: String,
        rateLimiter: (any WorkQueueRateLimiter<Key>)? = nil,
        clock: any KubeClock = SystemClock(),
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) {
        self.name = name
        self.clock = clock
        self.rateLimiter = rateLimiter ?? MaxOfRateLimiter<Key>.defaultControllerRateLimiter(clock: clock)
        self.metrics = WorkQueueMetrics(name: name, factory: metricsFactory)
    }

    // MARK: Adding

    /// Queues `key` unless it is already waiting; if it is being processed, marks it dirty so that
    /// ``done(_:)`` re-queues it. Ignored after shutdown.
    public func add(_ key: Key) {
        let now = clock.now()
        let (handoffs, added, depth) = state.withLock { s -> ([(Waiter, Key, Double)], Bool, Int) in
            let added = Self.insert(key, now: now, into: &s)
            return (Self.dispatch(&s, now: now), added, s.dirty.count)
        }
        if added {
            metrics.adds.increment()
            metrics.depth.record(depth)
        }
        deliver(handoffs)
    }

    /// Adds `key` after `seconds` (at once when `seconds <= 0`). If the key is already waiting for
    /// a later time, the earlier time wins; a later request for a key waiting for an earlier one is
    /// dropped. Counted in `workqueue_retries_total`, as client-go's `AddAfter`.
    public func addAfter(_ key: Key, seconds: Double) {
        if isShuttingDown { return }
        metrics.retries.increment()
        guard seconds > 0 else {
            add(key)
            return
        }
        let readyAt = clock.now() + seconds
        state.withLock { s in
            guard !s.shuttingDown else { return }
            if let existing = s.waiting[key], existing <= readyAt { return }
            s.waiting[key] = readyAt
            let id = s.makeID()
            let clock = self.clock
            s.timers[id] = Task { [weak self] in
                // Sleep until the absolute ready time, whenever this task actually starts.
                let cancelled: Bool
                do {
                    try await clock.sleep(seconds: readyAt - clock.now())
                    cancelled = Task.isCancelled
                } catch {
                    cancelled = true
                }
                self?.timerFired(id: id, key: key, readyAt: readyAt, cancelled: cancelled)
            }
        }
    }

    /// Adds `key` after the delay its rate limiter decides (client-go's `AddRateLimited`).
    public func addRateLimited(_ key: Key) {
        if isShuttingDown { return }
        addAfter(key, seconds: rateLimiter.when(key))
    }

    /// Resets `key`'s retry history (call when it was processed successfully). This does not
    /// remove the key from the queue.
    public func forget(_ key: Key) { rateLimiter.forget(key) }

    /// How many times `key` was retried (through ``addRateLimited(_:)``) since its last ``forget(_:)``.
    public func numRequeues(_ key: Key) -> Int { rateLimiter.numRequeues(key) }

    // MARK: Processing

    /// The next key to process, waiting for one if the queue is empty; nil once the queue is shut
    /// down (or the calling task is cancelled). The caller must call ``done(_:)`` with the key.
    public func get() async -> Key? {
        let id = state.withLock { $0.makeID() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Key?, Never>) in
                let now = clock.now()
                let result = state.withLock { s -> (handoffs: [(Waiter, Key, Double)], depth: Int)? in
                    if s.shuttingDown || Task.isCancelled { return nil }
                    s.getters.append(Waiter(id: id, continuation: continuation))
                    return (Self.dispatch(&s, now: now), s.dirty.count)
                }
                guard let result else {
                    continuation.resume(returning: nil)
                    return
                }
                if !result.handoffs.isEmpty { metrics.depth.record(result.depth) }
                deliver(result.handoffs)
            }
        } onCancel: {
            let waiter = state.withLock { s -> Waiter? in
                guard let index = s.getters.firstIndex(where: { $0.id == id }) else { return nil }
                return s.getters.remove(at: index)
            }
            waiter?.continuation.resume(returning: nil)
        }
    }

    /// Marks `key` as processed. If it was added while processing, it is queued again now.
    public func done(_ key: Key) {
        let now = clock.now()
        let (handoffs, started, drainers, depth) = state.withLock {
            s -> ([(Waiter, Key, Double)], Double?, [CheckedContinuation<Void, Never>], Int) in
            s.processing.remove(key)
            let started = s.startedAt.removeValue(forKey: key)
            if s.dirty.contains(key) && !s.shuttingDown { s.queue.append(key) }
            var drainers: [CheckedContinuation<Void, Never>] = []
            if s.processing.isEmpty {
                drainers = s.drainers
                s.drainers.removeAll()
            }
            return (Self.dispatch(&s, now: now), started, drainers, s.dirty.count)
        }
        if let started { metrics.workDuration.recordSeconds(max(0, now - started)) }
        metrics.depth.record(depth)
        deliver(handoffs)
        drainers.forEach { $0.resume() }
    }

    // MARK: Shutdown

    /// Stops the queue: adds are ignored, pending delayed adds are dropped and every ``get()``
    /// (waiting or future) returns nil. Keys being processed may still be marked ``done(_:)``.
    public func shutDown() {
        let (getters, timers) = state.withLock { s -> ([Waiter], [Task<Void, Never>]) in
            s.shuttingDown = true
            s.waiting.removeAll()
            let timers = Array(s.timers.values)
            s.timers.removeAll()
            let getters = s.getters
            s.getters.removeAll()
            return (getters, timers)
        }
        timers.forEach { $0.cancel() }
        getters.forEach { $0.continuation.resume(returning: nil) }
    }

    /// Shuts the queue down, then waits until every key being processed is ``done(_:)``
    /// (client-go's `ShutDownWithDrain`).
    public func shutDownWithDrain() async {
        shutDown()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finished = state.withLock { s -> Bool in
                if s.processing.isEmpty { return true }
                s.drainers.append(continuation)
                return false
            }
            if finished { continuation.resume() }
        }
    }

    /// Whether ``shutDown()`` was called.
    public var isShuttingDown: Bool { state.withLock { $0.shuttingDown } }

    /// Keys queued and ready to be handed out (not counting ones being processed or delayed),
    /// as client-go's `Len`.
    public var count: Int { state.withLock { $0.queue.count } }

    /// Keys handed out and not yet done.
    public var processingCount: Int { state.withLock { $0.processing.count } }

    /// When the delayed add of `key` becomes ready, if one is pending (for tests and debugging).
    public func readyTime(of key: Key) -> Double? { state.withLock { $0.waiting[key] } }

    // MARK: Internals

    private func timerFired(id: UInt64, key: Key, readyAt: Double, cancelled: Bool) {
        let now = clock.now()
        let (handoffs, added, depth) = state.withLock { s -> ([(Waiter, Key, Double)], Bool, Int) in
            s.timers[id] = nil
            // The sleep ended, so `readyAt` has passed even if the clock reads a hair earlier.
            guard !cancelled, !s.shuttingDown, let due = s.waiting[key], due <= max(now, readyAt) else {
                return ([], false, 0)
            }
            s.waiting[key] = nil
            let added = Self.insert(key, now: now, into: &s)
            return (Self.dispatch(&s, now: now), added, s.dirty.count)
        }
        if added {
            metrics.adds.increment()
            metrics.depth.record(depth)
        }
        deliver(handoffs)
    }

    /// client-go's `Add` under the lock: returns whether the key became dirty (a real add).
    private static func insert(_ key: Key, now: Double, into s: inout State) -> Bool {
        if s.shuttingDown || s.dirty.contains(key) { return false }
        s.dirty.insert(key)
        if s.addedAt[key] == nil { s.addedAt[key] = now }
        if !s.processing.contains(key) { s.queue.append(key) }
        return true
    }

    /// Hands queued keys to waiting getters (in order), moving them to processing. Returns the
    /// pairs to resume outside the lock, with each key's time in the queue.
    private static func dispatch(_ s: inout State, now: Double) -> [(Waiter, Key, Double)] {
        var handoffs: [(Waiter, Key, Double)] = []
        while !s.getters.isEmpty, let key = s.queue.popFirst() {
            let waiter = s.getters.removeFirst()
            s.processing.insert(key)
            s.dirty.remove(key)
            s.startedAt[key] = now
            let waited = s.addedAt.removeValue(forKey: key).map { max(0, now - $0) } ?? 0
            handoffs.append((waiter, key, waited))
        }
        return handoffs
    }

    private func deliver(_ handoffs: [(Waiter, Key, Double)]) {
        for (waiter, key, waited) in handoffs {
            metrics.queueDuration.recordSeconds(waited)
            waiter.continuation.resume(returning: key)
        }
    }
}
