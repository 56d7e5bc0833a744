/// Exponential backoff with jitter and a reset timer, as used between failed LIST/WATCH attempts.
///
/// The defaults are those of client-go's reflector (`NewExponentialBackoffManager(800ms, 30s,
/// 2m, 2.0, ...)`) and of kube-rs's `DefaultBackoff` (`ExponentialBackoff` 800 ms → 30 s, ×2,
/// wrapped in `ResetTimerBackoff(120 s)`): the first delay is 800 ms, each further delay doubles
/// up to 30 s, and after two minutes without an error the sequence starts again at 800 ms.
///
/// Jitter follows the `backoff` crate kube-rs uses: the delay is `base × U[1 − jitter, 1 + jitter]`
/// and is then clamped to ``Configuration/maxDelay`` so no single wait exceeds the cap.
/// Time and randomness are injected so tests are deterministic.
public struct Backoff: Sendable {
    /// The tunables of a ``Backoff``; the defaults are the Kubernetes client conventions.
    public struct Configuration: Sendable, Equatable {
        /// First delay after an error (client-go / kube-rs: 800 ms).
        public static let defaultInitialDelay = 0.8
        /// The largest delay (client-go / kube-rs: 30 s).
        public static let defaultMaxDelay = 30.0
        /// Growth per consecutive error.
        public static let defaultFactor = 2.0
        /// Relative jitter: the delay is multiplied by a factor in `[1 - jitter, 1 + jitter]`
        /// (the `backoff` crate's default randomization factor, 0.5).
        public static let defaultJitter = 0.5
        /// Quiet time after which the sequence resets to the initial delay (2 minutes).
        public static let defaultResetAfter = 120.0

        public var initialDelay: Double
        public var maxDelay: Double
        public var factor: Double
        public var jitter: Double
        public var resetAfter: Double

        public init(
            initialDelay: Double = defaultInitialDelay, maxDelay: Double = defaultMaxDelay, factor: Double = defaultFactor,
            jitter: Double = defaultJitter, resetAfter: Double = defaultResetAfter
        ) {
            self.initialDelay = initialDelay
            self.maxDelay = maxDelay
            self.factor = factor
            self.jitter = jitter
            self.resetAfter = resetAfter
        }
    }

    /// A source of uniformly distributed numbers in `[0, 1)`.
    public typealias RandomSource = @Sendable () -> Double

    /// The system random source.
    public static let systemRandom: RandomSource = { Double.random(in: 0..<1) }

    public let configuration: Configuration
    private let random: RandomSource
    /// The un-jittered delay the next error will wait.
    public private(set) var currentBase: Double
    /// Consecutive errors since the last reset.
    public private(set) var attempts = 0
    /// When the last delay was handed out (clock seconds), nil after a reset.
    public private(set) var lastErrorAt: Double?

    public init(configuration: Configuration = Configuration(), random: @escaping RandomSource = Backoff.systemRandom) {
        self.configuration = configuration
        self.random = random
        self.currentBase = configuration.initialDelay
    }

    /// The delay to wait after an error occurring at `now` (seconds on the injected clock).
    /// If the previous error is at least ``Configuration/resetAfter`` old, the sequence restarts.
    public mutating func next(now: Double) -> Double {
        if let last = lastErrorAt, now - last >= configuration.resetAfter { reset() }
        let base = currentBase
        attempts += 1
        lastErrorAt = now
        currentBase = min(configuration.maxDelay, base * configuration.factor)
        let r = min(max(random(), 0), 1)
        let jittered = base * (1 - configuration.jitter + 2 * configuration.jitter * r)
        return min(configuration.maxDelay, max(0, jittered))
    }

    /// Starts the sequence again at the initial delay.
    public mutating func reset() {
        currentBase = configuration.initialDelay
        attempts = 0
        lastErrorAt = nil
    }
}
