import Foundation
import KubeClient
import Logging
import Prometheus
import ServiceLifecycle
import Synchronization

/// Runs an operator's pieces together, as controller-runtime's manager does: shared informers
/// (started on every replica, so a standby is warm and ready), the health and metrics server,
/// leader election, and the controllers (on the leader only).
///
/// Lifecycle: informers start at once; `/readyz` passes once every informer has synced (on a
/// standby too); controllers start when this replica leads and their caches are synced. On
/// graceful shutdown (a ServiceLifecycle signal such as SIGTERM, or ``shutdown()``) the
/// controllers stop taking work, in-flight reconciles get ``ManagerOptions/gracefulShutdownSeconds``
/// to finish (then they are cancelled), the lease is released so a successor need not wait, and
/// `run` returns. Losing leadership stops every controller at once.
public final class Manager: Service, Sendable {
    public let client: KubernetesClient
    public let options: ManagerOptions
    public let informers: SharedInformers
    public let health: HealthServer
    let logger: Logger
    private let state = Mutex<State>(State())

    private struct State {
        var controllers: [Controller] = []
        var shuttingDown = false
        var lostLeadership = false
        var shutdownContinuations: [CheckedContinuation<Void, Never>] = []
    }

    public init(client: KubernetesClient, options: ManagerOptions = ManagerOptions(), registry: PrometheusCollectorRegistry = MetricsSetup.registry ?? PrometheusCollectorRegistry(), logger: Logger = Logger(label: "manager")) {
        self.client = client
        self.options = options
        self.logger = logger
        self.informers = SharedInformers(client: client, logger: logger)
        self.health = HealthServer(configuration: HealthServer.Configuration(probeAddress: options.probeAddress, metricsAddress: options.metricsAddress ?? options.probeAddress), registry: registry, logger: logger)
        let informers = self.informers
        health.addReadinessCheck("informers-synced") { informers.hasSynced }
    }

    /// A client whose every request is counted in `rest_client_requests_total{verb,resource,code}`
    /// and `rest_client_request_duration_seconds` of `registry` (so the manager's `/metrics`
    /// shows the operator's API traffic).
    public static func makeClient(configuration: ClientConfiguration, registry: PrometheusCollectorRegistry, logger: Logger = Logger(label: "kube-client")) throws -> KubernetesClient {
        try KubernetesClient(configuration: configuration, observer: RESTClientMetrics(metricsFactory: PrometheusMetricsFactory(registry: registry)), logger: logger)
    }

    /// Adds a controller; it runs when the manager leads.
    public func add(_ controller: Controller) {
        state.withLock { $0.controllers.append(controller) }
    }

    /// Whether a graceful shutdown has begun.
    public var isShuttingDown: Bool { state.withLock { $0.shuttingDown } }

    /// Begins a graceful shutdown (the same as a ServiceLifecycle shutdown signal).
    public func shutdown() {
        let (controllers, waiting) = state.withLock { s -> ([Controller], [CheckedContinuation<Void, Never>]) in
            guard !s.shuttingDown else { return ([], []) }
            s.shuttingDown = true
            let w = s.shutdownContinuations
            s.shutdownContinuations = []
            return (s.controllers, w)
        }
        if !controllers.isEmpty || !waiting.isEmpty { logger.info("graceful shutdown: controllers stop taking work") }
        for c in controllers { c.stop() }
        for w in waiting { w.resume() }
    }

    private func waitForShutdown() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { s -> Bool in
                if s.shuttingDown { return true }
                s.shutdownContinuations.append(c)
                return false
            }
            if resumeNow { c.resume() }
        }
    }

    /// Runs until shutdown. Safe to run inside a ServiceLifecycle `ServiceGroup`.
    public func run() async throws {
        informers.startAll()
        let health = self.health
        let healthTask = Task { try await health.run() }
        await withGracefulShutdownHandler {
            let leading = Task { await self.leadAndRunControllers() }
            await withTaskCancellationHandler {
                await waitForShutdown()
            } onCancel: {
                self.shutdown()
            }
            // In-flight reconciles get the grace period, then are cancelled.
            let deadline = Task {
                try? await Task.sleep(for: .milliseconds(Int64(options.gracefulShutdownSeconds * 1000)))
                if !Task.isCancelled {
                    self.logger.warning("graceful shutdown deadline passed; cancelling in-flight reconciles", metadata: ["seconds": "\(self.options.gracefulShutdownSeconds)"])
                    leading.cancel()
                }
            }
            await leading.value
            deadline.cancel()
        } onGracefulShutdown: {
            self.shutdown()
        }
        informers.stopAll()
        healthTask.cancel()
        _ = try? await healthTask.value
        logger.info("manager stopped")
        if state.withLock({ $0.lostLeadership }) { throw LeadershipLost() }
    }

    /// With leader election: wait for leadership, run the controllers while leading, release the
    /// lease once they have stopped. Without: just run them.
    private func leadAndRunControllers() async {
        guard let config = options.leaderElection else {
            await runControllers()
            return
        }
        let elector = LeaderElector(config: config, client: client, logger: logger)
        let electing = Task {
            await elector.run(
                onStartedLeading: { await self.runControllers() },
                onStoppedLeading: { self.logger.info("not leading: every controller stops") }
            )
        }
        // Leading ends when the controllers stop (shutdown) or leadership is lost. On shutdown
        // the elector is cancelled once the controllers have stopped, which releases the lease.
        // A lost lease ends the manager with an error, as controller-runtime exits the process:
        // a restarted replica starts clean as a candidate.
        let electionEnded = Task {
            await electing.value
            if !self.isShuttingDown {
                self.state.withLock { $0.lostLeadership = true }
                self.logger.error("leader election lost; shutting down")
                self.shutdown()
            }
        }
        await waitForShutdown()
        let controllers = state.withLock { $0.controllers }
        for c in controllers { await c.stopAndWait() }
        electing.cancel()
        await electing.value
        await electionEnded.value
    }

    /// Thrown by ``run()`` when leadership was lost (the process should exit and restart).
    public struct LeadershipLost: Error {}

    private func runControllers() async {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.informers.waitForSync() }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int64(self.options.cacheSyncTimeoutSeconds * 1000)))
                    throw CacheSyncTimeout()
                }
                try await group.next()
                group.cancelAll()
            }
        } catch {
            logger.error("caches did not sync; controllers not started", metadata: ["error": "\(error)", "timeoutSeconds": "\(options.cacheSyncTimeoutSeconds)"])
            return
        }
        let controllers = state.withLock { $0.controllers }
        logger.info("starting controllers", metadata: ["count": "\(controllers.count)"])
        await withDiscardingTaskGroup { group in
            for c in controllers { group.addTask { await c.run() } }
        }
    }

    struct CacheSyncTimeout: Error {}
}
