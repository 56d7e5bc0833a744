import Foundation
import KubeClient
import KubeCore
import Logging
import Synchronization

/// A controller in controller-runtime's sense: watches turn object changes into
/// ``ReconcileRequest``s on a ``WorkQueue``; workers take requests off the queue and call the
/// ``Reconciler``; the result decides whether and when the request comes back.
///
/// | Outcome                  | Queue                                  | `controller_runtime_reconcile_total` |
/// |--------------------------|----------------------------------------|--------------------------------------|
/// | `.done`                  | `forget` (reset backoff)               | `success`                            |
/// | `.requeue`               | `addRateLimited` (per-key backoff)     | `requeue`                            |
/// | `.requeueAfter(s)`       | `forget` + `addAfter(s)`               | `requeue_after`                      |
/// | thrown error             | `addRateLimited`; errors counted       | `error`                              |
/// | thrown ``TerminalError`` | `forget`, not retried; errors counted  | `error`                              |
///
/// Register watches (``watch(_:mapping:)``, ``watchPrimary(_:)``, ``watchOwned(_:owner:)``)
/// before ``run()``. Every primary object is also re-enqueued periodically (resync).
public final class Controller: Sendable {
    /// The controller's name: the `controller` log/metric dimension and the queue's `name`.
    public let name: String
    public let reconciler: any Reconciler
    public let options: ControllerOptions
    /// The controller's work queue (exposed for manual enqueues and inspection).
    public let queue: WorkQueue<ReconcileRequest>

    private struct Watch: Sendable {
        let run: @Sendable (Controller) async -> Void
    }

    private struct State {
        var watches: [Watch] = []
        var started = false
        /// Keys of the primary objects seen and not deleted: what a resync re-enqueues.
        var primaryKeys = Set<ReconcileRequest>()
        var activeWorkers = 0
    }

    private let state = Mutex(State())
    private let metrics: ControllerMetrics
    private let logger: Logger

    public init(name: String, reconciler: any Reconciler, options: ControllerOptions = ControllerOptions()) {
        self.name = name
        self.reconciler = reconciler
        self.options = options
        self.queue = WorkQueue(
            name: name, rateLimiter: options.rateLimiter, clock: options.clock, metricsFactory: options.metricsFactory)
        self.metrics = ControllerMetrics(controller: name, factory: options.metricsFactory)
        var logger = options.logger
        logger[metadataKey: "controller"] = .string(name)
        self.logger = logger
    }

    // MARK: Watches

    /// Watches `source`, turning each change into requests through `mapping`.
    public func watch<Source: ControllerSource>(_ source: Source, mapping: EventMapping<Source.Object>) {
        let watch = Watch { controller in
            for await event in source.events() {
                await controller.handle(event, mapping: mapping)
            }
        }
        state.withLock { s in
            precondition(!s.started, "register watches before run()")
            s.watches.append(watch)
        }
    }

    /// Watches the primary kind: each object enqueues its own key (controller-runtime's `For`).
    public func watchPrimary<Source: ControllerSource>(_ source: Source) {
        watch(source, mapping: .primary)
    }

    /// Watches a kind the primary kind owns: each object enqueues its controlling owner of type
    /// `Owner` (controller-runtime's `Owns`).
    public func watchOwned<Source: ControllerSource, Owner: KubeResource>(_ source: Source, owner: Owner.Type) {
        watch(source, mapping: .owner(owner))
    }

    /// Enqueues a request by hand (as a source event would).
    public func enqueue(_ request: ReconcileRequest) { queue.add(request) }

    /// Re-enqueues every primary object seen and not deleted (what the periodic resync does).
    public func resync() {
        let keys = state.withLock { $0.primaryKeys }
        logger.debug("Resyncing primary objects", metadata: ["count": "\(keys.count)"])
        for key in keys { queue.add(key) }
    }

    func handle<Object>(_ event: SourceEvent<Object>, mapping: EventMapping<Object>) async {
        var requests: [ReconcileRequest]
        switch event {
        case .added(let object):
            requests = await mapping.map(object)
        case .updated(let old, let new):
            requests = await mapping.map(old) + mapping.map(new)
        case .deleted(let object):
            requests = await mapping.map(object)
        }
        if mapping.isPrimary {
            state.withLock { s in
                if case .deleted = event {
                    for request in requests { s.primaryKeys.remove(request) }
                } else {
                    s.primaryKeys.formUnion(requests)
                }
            }
        }
        var seen = Set<ReconcileRequest>()
        requests.removeAll { !seen.insert($0).inserted }
        for request in requests { queue.add(request) }
    }

    // MARK: Running

    /// Starts the watches, the resync and `maxConcurrentReconciles` workers; returns once the
    /// queue is shut down (``stop()``) and every in-flight reconcile has finished.
    ///
    /// Cancelling the calling task shuts the queue down too, and the cancellation reaches the
    /// in-flight reconciles (a manager's shutdown deadline: `stop()`, then cancel after the grace
    /// period). May be called once.
    public func run() async {
        let (watches, start) = state.withLock { s -> ([Watch], Double) in
            precondition(!s.started, "a controller runs once")
            s.started = true
            return (s.watches, options.clock.now())
        }
        let workers = options.maxConcurrentReconciles
        metrics.maxConcurrentReconciles.record(workers)
        metrics.activeWorkers.record(0)
        logger.info("Starting controller", metadata: ["workerCount": "\(workers)", "watches": "\(watches.count)"])
        await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { group in
                for watch in watches {
                    group.addTask { await watch.run(self) }
                }
                group.addTask { await self.resyncLoop(from: start) }
                await withTaskGroup(of: Void.self) { pool in
                    for _ in 0..<workers {
                        pool.addTask { await self.worker() }
                    }
                }
                // The queue is shut down and the workers are done: stop watching.
                group.cancelAll()
            }
        } onCancel: {
            queue.shutDown()
        }
        logger.info("All workers finished")
    }

    /// Stops taking new work: the queue shuts down, idle workers exit and ``run()`` returns as
    /// soon as the in-flight reconciles finish.
    public func stop() {
        logger.info("Stopping controller")
        queue.shutDown()
    }

    /// ``stop()``, then waits until no reconcile is in flight.
    public func stopAndWait() async {
        logger.info("Stopping controller")
        await queue.shutDownWithDrain()
    }

    /// Workers reconciling right now.
    public var activeWorkers: Int { state.withLock { $0.activeWorkers } }

    private func worker() async {
        while let request = await queue.get() {
            await reconcileHandler(request)
        }
    }

    private func resyncLoop(from start: Double) async {
        guard let period = options.resyncPeriod, period > 0 else { return }
        let clock = options.clock
        // Absolute deadlines, so that a late-starting task does not shift the schedule.
        var next = start + options.jitteredResyncPeriod(period)
        while !Task.isCancelled {
            do { try await clock.sleep(seconds: next - clock.now()) } catch { return }
            if Task.isCancelled || queue.isShuttingDown { return }
            resync()
            next = max(next, clock.now()) + options.jitteredResyncPeriod(period)
        }
    }

    /// One reconcile: controller-runtime's `reconcileHandler`.
    private func reconcileHandler(_ request: ReconcileRequest) async {
        let reconcileID = UUID().uuidString.lowercased()
        var log = logger
        log[metadataKey: "reconcileID"] = .string(reconcileID)
        log[metadataKey: "namespace"] = .string(request.namespace ?? "")
        log[metadataKey: "name"] = .string(request.name)
        let context = ReconcileContext(controller: name, reconcileID: reconcileID, request: request, logger: log)

        let active = state.withLock { s -> Int in
            s.activeWorkers += 1
            return s.activeWorkers
        }
        metrics.activeWorkers.record(active)
        let clock = options.clock
        let started = clock.now()
        log.debug("Reconciling")

        let outcome: Result<ReconcileResult, any Error>
        do {
            let result = try await ReconcileContext.$current.withValue(context) {
                try await reconciler.reconcile(request)
            }
            outcome = .success(result)
        } catch {
            outcome = .failure(error)
        }
        metrics.reconcileTime.recordSeconds(max(0, clock.now() - started))

        switch outcome {
        case .success(.done):
            metrics.success.increment()
            queue.forget(request)
            log.debug("Reconcile succeeded")
        case .success(.requeue):
            metrics.requeue.increment()
            queue.addRateLimited(request)
            log.debug("Reconcile requested a requeue", metadata: ["requeues": "\(queue.numRequeues(request))"])
        case .success(.requeueAfter(let seconds)):
            // A requested delay replaces backoff: forget the failures, then wait as asked.
            metrics.requeueAfter.increment()
            queue.forget(request)
            queue.addAfter(request, seconds: seconds)
            log.debug("Reconcile requested a requeue after a delay", metadata: ["after": "\(seconds)"])
        case .failure(let error as TerminalError):
            // controller-runtime: terminal errors are logged and counted, never retried.
            metrics.error.increment()
            metrics.errors.increment()
            metrics.terminalErrors.increment()
            queue.forget(request)
            log.error("Reconciler error (terminal, not retried)", metadata: ["error": "\(error.underlying)"])
        case .failure(let error):
            metrics.error.increment()
            metrics.errors.increment()
            queue.addRateLimited(request)
            log.error("Reconciler error", metadata: ["error": "\(error)", "requeues": "\(queue.numRequeues(request))"])
        }

        queue.done(request)
        let remaining = state.withLock { s -> Int in
            s.activeWorkers -= 1
            return s.activeWorkers
        }
        metrics.activeWorkers.record(remaining)
    }
}
