/// A token bucket: holds at most `burst` tokens, refilled continuously at `refillPerSecond`
/// (golang.org/x/time/rate's `Limiter`, which client-go's `flowcontrol` token-bucket limiters and
/// work-queue bucket limiter wrap). A pure value: the caller supplies `now` (seconds) and keeps it
/// under whatever lock it needs.
public struct TokenBucket: Sendable {
    public let burst: Double
    public let refillPerSecond: Double
    public private(set) var tokens: Double
    public private(set) var last: Double

    public init(burst: Int, refillPerSecond: Double, now: Double) {
        precondition(burst > 0 && refillPerSecond > 0, "burst and refill rate must be positive")
        self.burst = Double(burst)
        self.refillPerSecond = refillPerSecond
        self.tokens = Double(burst)
        self.last = now
    }

    /// Takes a token, possibly going into debt, and returns how long until it is really
    /// available (`rate.Limiter.Reserve`): 0 within the burst, then 1/rate more per caller.
    public mutating func reserve(now: Double) -> Double {
        refill(now: now)
        tokens -= 1
        return tokens >= 0 ? 0 : -tokens / refillPerSecond
    }

    /// Takes one token if one is available now; never waits or goes into debt.
    public mutating func tryTake(now: Double) -> Bool {
        refill(now: now)
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// Whether a token is available, without taking it.
    public mutating func hasToken(now: Double) -> Bool {
        refill(now: now)
        return tokens >= 1
    }

    /// Whether the bucket is full again (so a per-object bucket can be forgotten).
    public mutating func isFull(now: Double) -> Bool {
        refill(now: now)
        return tokens >= burst
    }

    /// Adds the tokens earned since `last`; time never runs backwards here.
    private mutating func refill(now: Double) {
        if now > last {
            tokens = min(burst, tokens + (now - last) * refillPerSecond)
            last = now
        }
    }
}
