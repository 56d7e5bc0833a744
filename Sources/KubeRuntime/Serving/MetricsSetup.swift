import KubeClient
import KubeCore
import Metrics
import Prometheus
import Synchronization

/// Process-wide metrics wiring: swift-metrics backed by swift-prometheus 2.
///
/// `MetricsSystem.bootstrap` may be called only once per process (a second call traps), so the
/// operator calls ``bootstrapOnce(registry:)``, which is idempotent: the first call bootstraps
/// with a ``PrometheusMetricsFactory`` over its registry, later calls return that registry.
/// Tests should not bootstrap at all: give components a factory over their own
/// `PrometheusCollectorRegistry` (every component here takes a `metricsFactory`).
public enum MetricsSetup {
    /// controller-runtime's default metrics bind address.
    public static let defaultMetricsAddress = ServingAddress(host: "0.0.0.0", port: 8080)
    /// controller-runtime's default health probe bind address.
    public static let defaultProbeAddress = ServingAddress(host: "0.0.0.0", port: 8081)

    private static let bootstrapped = Mutex<PrometheusCollectorRegistry?>(nil)

    /// Bootstraps `MetricsSystem` once per process; returns the registry in use.
    /// Must not be mixed with direct calls to `MetricsSystem.bootstrap`.
    @discardableResult
    public static func bootstrapOnce(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) -> PrometheusCollectorRegistry {
        bootstrapped.withLock { current in
            if let current { return current }
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            current = registry
            return registry
        }
    }

    /// The registry given to the first ``bootstrapOnce(registry:)``, if any.
    public static var registry: PrometheusCollectorRegistry? { bootstrapped.withLock { $0 } }

    /// A factory over `registry` for components, without touching the global `MetricsSystem`.
    public static func factory(for registry: PrometheusCollectorRegistry) -> any MetricsFactory {
        PrometheusMetricsFactory(registry: registry)
    }
}

/// A ``RequestObserver`` for the client that exports client-go's REST client metrics:
/// `rest_client_requests_total{verb,resource,code}` (a counter; `code` is `<error>` when no
/// answer came, as client-go writes) and `rest_client_request_duration_seconds{verb,resource}`
/// (a histogram). `verb` is the HTTP-style label (`GET`, `LIST`, `PATCH`, `APPLY`...),
/// `resource` is `group/version/resource` plus `/subresource`.
public struct RESTClientMetrics: RequestObserver {
    public static let requestsMetricName = "rest_client_requests_total"
    public static let durationMetricName = "rest_client_request_duration_seconds"

    private let factory: (any MetricsFactory)?

    /// `metricsFactory` nil means the global `MetricsSystem.factory`.
    public init(metricsFactory: (any MetricsFactory)? = nil) {
        self.factory = metricsFactory
    }

    public func observe(_ metric: RequestMetric) {
        var resource = metric.resource?.description ?? "<none>"
        if let sub = metric.subresource { resource += "/\(sub)" }
        let verb = metric.verb.metricLabel
        let code = metric.code.map(String.init) ?? "<error>"
        let counterDims = [("verb", verb), ("resource", resource), ("code", code)]
        let timerDims = [("verb", verb), ("resource", resource)]
        let nanos = Int64(max(0, metric.latencySeconds) * 1_000_000_000)
        if let factory {
            Counter(label: Self.requestsMetricName, dimensions: counterDims, factory: factory).increment()
            Metrics.Timer(label: Self.durationMetricName, dimensions: timerDims, factory: factory).recordNanoseconds(nanos)
        } else {
            Counter(label: Self.requestsMetricName, dimensions: counterDims).increment()
            Metrics.Timer(label: Self.durationMetricName, dimensions: timerDims).recordNanoseconds(nanos)
        }
    }
}
