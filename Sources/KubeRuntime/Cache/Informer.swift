import KubeClient
import KubeCore
import Logging
import Synchronization

/// A watcher, a ``Cache`` it feeds, and a fan-out of ``InformerEvent``s to subscribers: client-go's
/// `SharedIndexInformer`, kube-rs's `reflector` + `watcher`.
///
/// Every change the cache makes visible is delivered, in order, to every subscriber's
/// `AsyncStream`. A subscriber that joins late first receives the current contents as `added`
/// events (as client-go's `AddEventHandler` replays the store), atomically with later changes,
/// so it never misses or double-counts an object.
///
/// Lifecycle: ``start()`` (idempotent) runs the watch in a task; ``stop()`` cancels it, which
/// closes the HTTP stream, and finishes all subscriber streams. ``run()`` does both around a
/// caller's task (for service lifecycles).
public final class Informer<Object: APIObject>: Sendable {
    /// The store readers use; filled by this informer's watch.
    public let cache: Cache<Object>
    /// The watch's restart/relist counters.
    public let statistics: WatcherStatsRecorder
    /// The watched resource (for logs).
    public let resourceName: String

    private let runWatch: @Sendable (_ deliver: @escaping @Sendable (WatcherEvent<Object>) -> Void) async -> Void
    private let logger: Logger

    private struct Lifecycle: Sendable {
        var task: Task<Void, Never>?
    }

    private struct Subscribers: Sendable {
        var continuations: [UInt64: AsyncStream<InformerEvent<Object>>.Continuation] = [:]
        var nextID: UInt64 = 0
    }

    private let lifecycle = Mutex(Lifecycle())
    /// Also serialises cache updates with subscriber fan-out and late-subscriber replay.
    private let subscribers = Mutex(Subscribers())

    /// An informer over any watcher (a ``ResourceWatchSource`` or a test fake).
    public init<S: WatchSource>(watcher: Watcher<S>, logger: Logger = Logger(label: "kube-runtime.informer")) where S.Object == Object {
        self.cache = Cache()
        self.statistics = watcher.statistics
        self.resourceName = watcher.source.resourceName
        var logger = logger
        logger[metadataKey: "resource"] = "\(watcher.source.resourceName)"
        self.logger = logger
        self.runWatch = { deliver in
            for await event in watcher { deliver(event) }
        }
    }

    /// An informer over a resource through the API client.
    public convenience init(
        client: ResourceClient<Object>, namespace: String? = nil, configuration: WatcherConfiguration = WatcherConfiguration(),
        logger: Logger = Logger(label: "kube-runtime.informer")
    ) {
        self.init(watcher: Watcher(client: client, namespace: namespace, configuration: configuration, logger: logger), logger: logger)
    }

    /// Whether the watch task is running.
    public var isRunning: Bool { lifecycle.withLock { $0.task != nil } }

    /// Starts the watch (no effect if already running).
    public func start() {
        lifecycle.withLock { l in
            guard l.task == nil else { return }
            logger.debug("informer starting")
            l.task = Task { [self] in
                await runWatch { [self] event in deliver(event) }
            }
        }
    }

    /// Stops the watch and finishes every subscriber stream. The cache keeps its contents.
    /// The informer may be started again.
    public func stop() {
        let task = lifecycle.withLock { l -> Task<Void, Never>? in
            defer { l.task = nil }
            return l.task
        }
        task?.cancel()
        let conts = subscribers.withLock { s -> [AsyncStream<InformerEvent<Object>>.Continuation] in
            defer { s.continuations.removeAll() }
            return Array(s.continuations.values)
        }
        for c in conts { c.finish() }  // outside the lock: finish runs onTermination synchronously
        if task != nil { logger.debug("informer stopped") }
    }

    /// Starts the informer and suspends until the calling task is cancelled, then stops it.
    public func run() async {
        start()
        let task = lifecycle.withLock { $0.task }
        await withTaskCancellationHandler {
            await task?.value
        } onCancel: {
            self.stop()
        }
    }

    /// Whether the cache holds a complete listing.
    public var hasSynced: Bool { cache.hasSynced }

    /// Waits for the first complete listing (controller-runtime's `WaitForCacheSync`).
    public func waitForSync() async throws { try await cache.waitForSync() }

    /// A stream of every change from now on. With `replayExisting` (the default) it begins with
    /// the current cache contents as `added` events. The stream ends when the informer stops;
    /// the subscriber ends its subscription by ending iteration.
    public func subscribe(
        replayExisting: Bool = true,
        bufferingPolicy: AsyncStream<InformerEvent<Object>>.Continuation.BufferingPolicy = .unbounded
    ) -> AsyncStream<InformerEvent<Object>> {
        let (stream, continuation) = AsyncStream<InformerEvent<Object>>.makeStream(bufferingPolicy: bufferingPolicy)
        let id = subscribers.withLock { s -> UInt64 in
            s.nextID += 1
            if replayExisting { for e in cache.snapshotAsAdded() { continuation.yield(e) } }
            s.continuations[s.nextID] = continuation
            return s.nextID
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    /// The number of live subscriptions.
    public var subscriberCount: Int { subscribers.withLock { $0.continuations.count } }

    private func deliver(_ event: WatcherEvent<Object>) {
        subscribers.withLock { s in
            let changes = cache.apply(event)
            guard !changes.isEmpty else { return }
            for c in s.continuations.values {
                for change in changes { c.yield(change) }
            }
        }
    }
}
