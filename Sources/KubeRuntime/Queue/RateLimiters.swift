import KubeClient
import Synchronization

/// Decides how long a key must wait before it is retried: client-go's
/// `workqueue.TypedRateLimiter` (`When`, `Forget`, `NumRequeues`).
///
/// `when(_:)` is called once per retry and is stateful: each call counts as one more failure.
public protocol WorkQueueRateLimiter<Key>: Sendable {
    associatedtype Key: Hashable & Sendable
    /// Seconds to wait before `key` may be processed again (records one more failure).
    func when(_ key: Key) -> Double
    /// Stops tracking `key` (it succeeded): its next failure starts from the base delay again.
    func forget(_ key: Key)
    /// How many times `key` has been retried since it was last forgotten.
    func numRequeues(_ key: Key) -> Int
}

/// The defaults of client-go's `DefaultTypedControllerRateLimiter`, which controller-runtime uses.
public enum RateLimiterDefaults {
    /// Per-item backoff of the first retry (client-go: 5 ms).
    public static let baseDelay: Double = 0.005
    /// Per-item backoff cap (client-go: 1000 s).
    public static let maxDelay: Double = 1000
    /// Overall retry rate across all keys (client-go: 10 QPS).
    public static let qps: Double = 10
    /// Overall retry burst (client-go: 100).
    public static let burst: Int = 100
}

/// Per-item exponential backoff: `baseDelay × 2^failures`, capped at `maxDelay`
/// (client-go's `NewTypedItemExponentialFailureRateLimiter`).
public final class ItemExponentialFailureRateLimiter<Key: Hashable & Sendable>: WorkQueueRateLimiter {
    public let baseDelay: Double
    public let maxDelay: Double
    private let failures = Mutex<[Key: Int]>([:])

    public init(baseDelay: Double = RateLimiterDefaults.baseDelay, maxDelay: Double = RateLimiterDefaults.maxDelay) {
        precondition(baseDelay > 0 && maxDelay >= baseDelay, "need 0 < baseDelay <= maxDelay")
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public func when(_ key: Key) -> Double {
        let exponent = failures.withLock { f -> Int in
            let n = f[key, default: 0]
            f[key] = n + 1
            return n
        }
        // 2^exponent overflows to +inf for large exponents, which the cap absorbs (as client-go
        // guards against overflow by comparing with math.MaxInt64).
        let backoff = baseDelay * Double.pow2(exponent)
        return backoff.isFinite ? min(backoff, maxDelay) : maxDelay
    }

    public func forget(_ key: Key) { _ = failures.withLock { $0.removeValue(forKey: key) } }

    public func numRequeues(_ key: Key) -> Int { failures.withLock { $0[key, default: 0] } }
}

/// An overall token bucket: `qps` retries a second after an initial `burst`, shared by all keys
/// (client-go's `TypedBucketRateLimiter` over `rate.NewLimiter(10, 100)`). Each call reserves a
/// token and returns how long until it is available; it tracks no per-key state.
public final class BucketRateLimiter<Key: Hashable & Sendable>: WorkQueueRateLimiter {
    /// The same token bucket the client throttles its requests with.
    private let limiter: RateLimiter
    public var qps: Double { limiter.qps }
    public var burst: Int { limiter.burst }

    public init(qps: Double = RateLimiterDefaults.qps, burst: Int = RateLimiterDefaults.burst, clock: any KubeClock = SystemClock()) {
        limiter = RateLimiter(qps: qps, burst: burst, clock: clock)
    }

    public func when(_ key: Key) -> Double { limiter.reserve() }

    public func forget(_ key: Key) {}
    public func numRequeues(_ key: Key) -> Int { 0 }
}

/// The worst (longest) of several limiters (client-go's `TypedMaxOfRateLimiter`). Every limiter
/// sees every call, so each keeps its own count.
public final class MaxOfRateLimiter<Key: Hashable & Sendable>: WorkQueueRateLimiter {
    public let limiters: [any WorkQueueRateLimiter<Key>]

    public init(_ limiters: [any WorkQueueRateLimiter<Key>]) {
        precondition(!limiters.isEmpty, "need at least one limiter")
        self.limiters = limiters
    }

    public func when(_ key: Key) -> Double { limiters.map { $0.when(key) }.max() ?? 0 }
    public func forget(_ key: Key) { limiters.forEach { $0.forget(key) } }
    public func numRequeues(_ key: Key) -> Int { limiters.map { $0.numRequeues(key) }.max() ?? 0 }
}

extension MaxOfRateLimiter {
    /// controller-runtime's default: the max of per-item exponential backoff (5 ms … 1000 s) and
    /// an overall bucket (10 QPS, burst 100) — client-go's `DefaultTypedControllerRateLimiter`.
    public static func defaultControllerRateLimiter(
        baseDelay: Double = RateLimiterDefaults.baseDelay,
        maxDelay: Double = RateLimiterDefaults.maxDelay,
        qps: Double = RateLimiterDefaults.qps,
        burst: Int = RateLimiterDefaults.burst,
        clock: any KubeClock = SystemClock()
    ) -> MaxOfRateLimiter<Key> {
        MaxOfRateLimiter([
            ItemExponentialFailureRateLimiter<Key>(baseDelay: baseDelay, maxDelay: maxDelay),
            BucketRateLimiter<Key>(qps: qps, burst: burst, clock: clock),
        ])
    }
}

extension Double {
    /// 2^n as a Double (+inf once it no longer fits).
    fileprivate static func pow2(_ n: Int) -> Double {
        n >= 1024 ? .infinity : Double(sign: .plus, exponent: n, significand: 1)
    }
}
