import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import Synchronization

/// A host and port to listen on. Port 0 asks the system for a free port (tests).
public struct ServingAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String = "0.0.0.0", port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `:8080`, `127.0.0.1:8081` (controller-runtime's bind address syntax).
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        let host = String(text[..<colon])
        self.init(host: host.isEmpty ? "0.0.0.0" : host, port: port)
    }

    public var description: String { "\(host):\(port)" }
}

/// The operator's HTTP endpoints, served with Hummingbird 2, as controller-runtime's manager
/// serves them:
///
/// - `/healthz` (liveness): 200 while the process runs and every health check passes.
/// - `/readyz` (readiness): 200 once every readiness check passes (e.g. "caches synced"),
///   503 with the failing names otherwise. With leader election a **standby replica is ready
///   too**: do not add "is leader" as a readiness check, or rolling updates would stall.
/// - `/metrics`: the Prometheus registry in text exposition format.
///
/// Probes and metrics listen on separate addresses by default (controller-runtime: metrics
/// `:8080`, probes `:8081`); if both addresses are equal, one server serves all three paths;
/// a nil metrics address disables metrics.
public final class HealthServer: Sendable {
    public struct Configuration: Sendable {
        public var probeAddress: ServingAddress = MetricsSetup.defaultProbeAddress
        public var metricsAddress: ServingAddress? = MetricsSetup.defaultMetricsAddress
        public init(probeAddress: ServingAddress = MetricsSetup.defaultProbeAddress, metricsAddress: ServingAddress? = MetricsSetup.defaultMetricsAddress) {
            self.probeAddress = probeAddress
            self.metricsAddress = metricsAddress
        }
    }

    public let configuration: Configuration
    public let registry: PrometheusCollectorRegistry
    /// Liveness checks for `/healthz` (none by default: alive while the process serves).
    public let healthChecks = HealthChecks()
    /// Readiness checks for `/readyz`.
    public let readinessChecks = HealthChecks()
    private let logger: Logger
    private let ports = Mutex<(probe: Int?, metrics: Int?)>((nil, nil))

    public init(configuration: Configuration = Configuration(), registry: PrometheusCollectorRegistry, logger: Logger = Logger(label: "health-server")) {
        self.configuration = configuration
        self.registry = registry
        self.logger = logger
    }

    /// Adds a named readiness check (controller-runtime `AddReadyzCheck`).
    public func addReadinessCheck(_ name: String, _ check: @escaping HealthChecks.Check) { readinessChecks.add(name, check) }
    /// Adds a named liveness check (controller-runtime `AddHealthzCheck`).
    public func addHealthCheck(_ name: String, _ check: @escaping HealthChecks.Check) { healthChecks.add(name, check) }

    /// The port the probe server listens on, once it does (the actual port when configured as 0).
    public var probePort: Int? { ports.withLock { $0.probe } }
    /// The port the metrics server listens on, once it does.
    public var metricsPort: Int? { ports.withLock { $0.metrics } }

    /// Serves until cancelled.
    public func run() async throws {
        let combined = configuration.metricsAddress == configuration.probeAddress
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await self.serve(at: self.configuration.probeAddress, probes: true, metrics: combined) { port in
                    self.ports.withLock {
                        $0.probe = port
                        if combined { $0.metrics = port }
                    }
                }
            }
            if let metricsAddress = configuration.metricsAddress, !combined {
                group.addTask {
                    try await self.serve(at: metricsAddress, probes: false, metrics: true) { port in
                        self.ports.withLock { $0.metrics = port }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    private func serve(at address: ServingAddress, probes: Bool, metrics: Bool, bound: @escaping @Sendable (Int) -> Void) async throws {
        let router = Router()
        if probes {
            router.get("/healthz") { _, _ in await Self.answer(self.healthChecks) }
            router.get("/livez") { _, _ in await Self.answer(self.healthChecks) }
            router.get("/readyz") { _, _ in await Self.answer(self.readinessChecks) }
        }
        if metrics {
            let registry = self.registry
            router.get("/metrics") { _, _ in
                Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
            }
        }
        let logger = self.logger
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(address.host, port: address.port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? address.port
                bound(port)
                logger.info("serving", metadata: ["address": "\(address.host):\(port)", "probes": "\(probes)", "metrics": "\(metrics)"])
            },
            logger: logger)
        // Cancellation of this task shuts the server down gracefully (open requests finish)
        // instead of tearing its channels down: the group runs in its own task, which task
        // cancellation does not reach, and is asked to shut down.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [.init(service: app)], logger: logger))
        let running = Task { try await group.run() }
        try await withTaskCancellationHandler {
            try await running.value
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    /// 200 `ok` if every check passes, else 503 listing each check as `[+]name ok` / `[-]name failed`
    /// (the format of kube-apiserver's and controller-runtime's verbose health output).
    static func answer(_ checks: HealthChecks) async -> Response {
        let results = await checks.run()
        let failed = results.filter { !$0.passed }
        let text: String
        if failed.isEmpty {
            text = "ok\n"
        } else {
            text = results.map { "[\($0.passed ? "+" : "-")]\($0.name) \($0.passed ? "ok" : "failed")" }.joined(separator: "\n") + "\nhealth check failed\n"
        }
        return Response(
            status: failed.isEmpty ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
