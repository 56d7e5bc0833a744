import Metrics
import Synchronization

/// Shared, thread-safe view of a watcher's ``WatcherStats``, also exported through swift-metrics
/// as counters labelled by `resource`:
/// `kube_runtime_watch_restarts_total`, `kube_runtime_watch_relists_total`,
/// `kube_runtime_watch_errors_total`.
public final class WatcherStatsRecorder: Sendable {
    /// Metric names (Prometheus style, as controller-runtime names its own).
    public static let restartsMetric = "kube_runtime_watch_restarts_total"
    public static let relistsMetric = "kube_runtime_watch_relists_total"
    public static let errorsMetric = "kube_runtime_watch_errors_total"

    private let current = Mutex(WatcherStats())
    private let restarts: Counter
    private let relists: Counter
    private let errors: Counter

    public init(resource: String) {
        let dims = [("resource", resource)]
        restarts = Counter(label: Self.restartsMetric, dimensions: dims)
        relists = Counter(label: Self.relistsMetric, dimensions: dims)
        errors = Counter(label: Self.errorsMetric, dimensions: dims)
    }

    /// The latest counters.
    public var stats: WatcherStats { current.withLock { $0 } }

    /// Publishes new counters (monotonic: only the increase is added to the metrics).
    func record(_ new: WatcherStats) {
        let old = current.withLock { s -> WatcherStats in
            let o = s
            s = new
            return o
        }
        if new.watchRestarts > old.watchRestarts { restarts.increment(by: new.watchRestarts - old.watchRestarts) }
        if new.relists > old.relists { relists.increment(by: new.relists - old.relists) }
        if new.errors > old.errors { errors.increment(by: new.errors - old.errors) }
    }
}
