/// A token bucket: holds at most `burst` tokens, refilled continuously at `refillPerSecond`.
/// Used by the ``EventRecorder``'s spam filter (client-go's `EventSourceObjectSpamFilter` uses
/// the same shape: `flowcontrol.NewTokenBucketRateLimiterWithClock(qps, burst)`).
struct TokenBucket: Sendable {
    let burst: Double
    let refillPerSecond: Double
    private(set) var tokens: Double
    private(set) var last: Double

    init(burst: Int, refillPerSecond: Double, now: Double) {
        self.burst = Double(burst)
        self.refillPerSecond = refillPerSecond
        self.tokens = Double(burst)
        self.last = now
    }

    /// Takes one token if available (never waits).
    mutating func tryTake(now: Double) -> Bool {
        refill(now: now)
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// Whether a token is available, without taking it.
    mutating func hasToken(now: Double) -> Bool {
        refill(now: now)
        return tokens >= 1
    }

    /// Whether the bucket is full again (and so can be forgotten).
    mutating func isFull(now: Double) -> Bool {
        refill(now: now)
        return tokens >= burst
    }

    private mutating func refill(now: Double) {
        if now > last {
            tokens = min(burst, tokens + (now - last) * refillPerSecond)
            last = now
        }
    }
}
