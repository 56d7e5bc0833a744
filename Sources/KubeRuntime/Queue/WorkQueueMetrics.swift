import CoreMetrics
import Metrics

/// The work-queue metrics controller-runtime registers (`workqueue_*`, each with a `name`
/// dimension carrying the controller's name). Durations are recorded in seconds.
struct WorkQueueMetrics: Sendable {
    /// `workqueue_depth`: keys waiting to be processed (queued, or marked dirty while processing).
    let depth: Gauge
    /// `workqueue_adds_total`: adds that were not collapsed into an already-waiting key.
    let adds: Counter
    /// `workqueue_retries_total`: delayed adds (every `addAfter`/`addRateLimited`, as client-go).
    let retries: Counter
    /// `workqueue_queue_duration_seconds`: how long a key waited between add and get.
    let queueDuration: CoreMetrics.Timer
    /// `workqueue_work_duration_seconds`: how long a key was processed (get to done).
    let workDuration: CoreMetrics.Timer

    init(name: String, factory: any MetricsFactory) {
        let dimensions = [("name", name)]
        depth = Gauge(label: "workqueue_depth", dimensions: dimensions, factory: factory)
        adds = Counter(label: "workqueue_adds_total", dimensions: dimensions, factory: factory)
        retries = Counter(label: "workqueue_retries_total", dimensions: dimensions, factory: factory)
        queueDuration = CoreMetrics.Timer(
            label: "workqueue_queue_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds, factory: factory)
        workDuration = CoreMetrics.Timer(
            label: "workqueue_work_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds, factory: factory)
    }
}
