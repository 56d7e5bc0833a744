import KubeClient
import Logging
import Metrics

/// How a ``Controller`` runs. Defaults follow controller-runtime.
public struct ControllerOptions: Sendable {
    /// controller-runtime's `MaxConcurrentReconciles` default: one worker.
    public static let defaultMaxConcurrentReconciles = 1
    /// How often every primary object is re-enqueued (controller-runtime's `SyncPeriod`: 10 h).
    public static let defaultResyncPeriod: Double = 10 * 60 * 60
    /// The resync period is stretched by a random fraction up to this (client-go's
    /// `wait.Jitter(period, 0.1)`), so that controllers started together do not resync together.
    public static let defaultResyncJitterFraction: Double = 0.1

    /// Workers reconciling in parallel (distinct keys only: the queue never hands one key to two).
    public var maxConcurrentReconciles: Int
    /// Seconds between resyncs of every primary object; nil disables resync.
    public var resyncPeriod: Double?
    /// Maximum random stretch of each resync period, as a fraction of it (0 for none).
    public var resyncJitterFraction: Double
    /// The work queue's retry limiter; nil for the default (5 ms…1000 s per key, 10 QPS/100 burst).
    public var rateLimiter: (any WorkQueueRateLimiter<ReconcileRequest>)?
    /// Time source for delays, resync and durations.
    public var clock: any KubeClock
    /// Base logger; each reconcile adds `controller`, `reconcileID`, `namespace` and `name`.
    public var logger: Logger
    /// Where the controller's and its queue's metrics go.
    public var metricsFactory: any MetricsFactory

    public init(
        maxConcurrentReconciles: Int = ControllerOptions.defaultMaxConcurrentReconciles,
        resyncPeriod: Double? = ControllerOptions.defaultResyncPeriod,
        resyncJitterFraction: Double = ControllerOptions.defaultResyncJitterFraction,
        rateLimiter: (any WorkQueueRateLimiter<ReconcileRequest>)? = nil,
        clock: any KubeClock = SystemClock(),
        logger: Logger = Logger(label: "kuberuntime.controller"),
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) {
        precondition(maxConcurrentReconciles >= 1, "maxConcurrentReconciles must be at least 1")
        precondition(resyncJitterFraction >= 0, "resyncJitterFraction must not be negative")
        self.maxConcurrentReconciles = maxConcurrentReconciles
        self.resyncPeriod = resyncPeriod
        self.resyncJitterFraction = resyncJitterFraction
        self.rateLimiter = rateLimiter
        self.clock = clock
        self.logger = logger
        self.metricsFactory = metricsFactory
    }

    /// One resync interval: the period stretched by a random jitter in `[0, fraction]`.
    func jitteredResyncPeriod(_ period: Double) -> Double {
        guard resyncJitterFraction > 0 else { return period }
        return period * (1 + Double.random(in: 0...resyncJitterFraction))
    }
}
