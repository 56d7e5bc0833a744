import Synchronization

/// A token bucket: `qps` tokens a second, holding at most `burst`. Each request takes one token,
/// waiting for it when the bucket is empty (client-go's `flowcontrol.NewTokenBucketRateLimiter`).
public final class RateLimiter: Sendable {
    /// controller-runtime's defaults (client-go's own are 5 / 10).
    public static let defaultQPS: Double = 20
    public static let defaultBurst = 30

    public let qps: Double
    public let burst: Int
    private let clock: any KubeClock
    private let state: Mutex<TokenBucket>

    public init(qps: Double = RateLimiter.defaultQPS, burst: Int = RateLimiter.defaultBurst, clock: any KubeClock = SystemClock()) {
        precondition(qps > 0 && burst > 0, "qps and burst must be positive")
        self.qps = qps
        self.burst = burst
        self.clock = clock
        self.state = Mutex(TokenBucket(burst: burst, refillPerSecond: qps, now: clock.now()))
    }

    /// Reserves a token and returns how long the caller must wait before using it.
    /// Reservations are made under the lock, so concurrent callers queue fairly.
    public func reserve() -> Double {
        let now = clock.now()
        return state.withLock { $0.reserve(now: now) }
    }

    /// Waits until a request may be sent.
    public func acquire() async throws {
        let wait = reserve()
        if wait > 0 { try await clock.sleep(seconds: wait) }
    }
}
