import CoreMetrics
import Metrics

/// The metrics controller-runtime registers for each controller (`controller` dimension).
struct ControllerMetrics: Sendable {
    /// `controller_runtime_reconcile_total{result="success"}`: reconciles that returned `.done`.
    let success: Counter
    /// `controller_runtime_reconcile_total{result="error"}`: reconciles that threw (terminal or not).
    let error: Counter
    /// `controller_runtime_reconcile_total{result="requeue"}`: reconciles that returned `.requeue`.
    let requeue: Counter
    /// `controller_runtime_reconcile_total{result="requeue_after"}`: ones that returned `.requeueAfter`.
    let requeueAfter: Counter
    /// `controller_runtime_reconcile_errors_total`: reconciles that threw.
    let errors: Counter
    /// `controller_runtime_terminal_reconcile_errors_total`: reconciles that threw a ``TerminalError``.
    let terminalErrors: Counter
    /// `controller_runtime_reconcile_time_seconds`: reconcile durations.
    let reconcileTime: CoreMetrics.Timer
    /// `controller_runtime_active_workers`: workers reconciling right now.
    let activeWorkers: Gauge
    /// `controller_runtime_max_concurrent_reconciles`: the configured worker count.
    let maxConcurrentReconciles: Gauge

    init(controller: String, factory: any MetricsFactory) {
        let dimensions = [("controller", controller)]
        func total(_ result: String) -> Counter {
            Counter(label: "controller_runtime_reconcile_total", dimensions: dimensions + [("result", result)], factory: factory)
        }
        success = total("success")
        error = total("error")
        requeue = total("requeue")
        requeueAfter = total("requeue_after")
        errors = Counter(label: "controller_runtime_reconcile_errors_total", dimensions: dimensions, factory: factory)
        terminalErrors = Counter(label: "controller_runtime_terminal_reconcile_errors_total", dimensions: dimensions, factory: factory)
        reconcileTime = CoreMetrics.Timer(
            label: "controller_runtime_reconcile_time_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds, factory: factory)
        activeWorkers = Gauge(label: "controller_runtime_active_workers", dimensions: dimensions, factory: factory)
        maxConcurrentReconciles = Gauge(label: "controller_runtime_max_concurrent_reconciles", dimensions: dimensions, factory: factory)
    }
}
