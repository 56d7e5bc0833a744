import Testing
@testable import KubeRuntime

@Suite("RateLimiter")
struct RateLimiterTests {
    @Test func perItemBackoffDoublesFrom5msAndIsCappedAt1000s() {
        let limiter = ItemExponentialFailureRateLimiter<String>()
        #expect(limiter.when("a") == 0.005)
        #expect(limiter.when("a") == 0.010)
        #expect(limiter.when("a") == 0.020)
        #expect(limiter.when("a") == 0.040)
        #expect(limiter.numRequeues("a") == 4)
        // Other keys have their own history.
        #expect(limiter.when("b") == 0.005)
        // 0.005 × 2^17 = 655.36 s; 2^18 would exceed the cap.
        for _ in 4..<17 { _ = limiter.when("a") }
        #expect(limiter.when("a") == 655.36)
        #expect(limiter.when("a") == 1000)
        for _ in 0..<2000 { _ = limiter.when("a") }  // no overflow
        #expect(limiter.when("a") == 1000)
    }

    @Test func forgetResetsTheBackoff() {
        let limiter = ItemExponentialFailureRateLimiter<String>()
        _ = limiter.when("a")
        _ = limiter.when("a")
        limiter.forget("a")
        #expect(limiter.numRequeues("a") == 0)
        #expect(limiter.when("a") == 0.005)
    }

    @Test func defaultsAreClientGos() {
        #expect(RateLimiterDefaults.baseDelay == 0.005)
        #expect(RateLimiterDefaults.maxDelay == 1000)
        #expect(RateLimiterDefaults.qps == 10)
        #expect(RateLimiterDefaults.burst == 100)
    }

    @Test func bucketAllowsABurstOf100ThenTenASecond() {
        let clock = QueueTestClock()
        let limiter = BucketRateLimiter<Int>(clock: clock)
        for i in 0..<100 { #expect(limiter.when(i) == 0) }
        // Tokens are reserved in debt: each further call waits 0.1 s longer.
        #expect(abs(limiter.when(100) - 0.1) < 1e-9)
        #expect(abs(limiter.when(101) - 0.2) < 1e-9)
        // One second refills ten tokens: the debt of two is paid, eight are free.
        clock.advance(by: 1)
        for i in 0..<8 { #expect(limiter.when(200 + i) == 0) }
        #expect(abs(limiter.when(300) - 0.1) < 1e-9)
        #expect(limiter.numRequeues(1) == 0)
    }

    @Test func bucketRefillIsCappedAtTheBurst() {
        let clock = QueueTestClock()
        let limiter = BucketRateLimiter<Int>(qps: 10, burst: 5, clock: clock)
        clock.advance(by: 3600)
        for i in 0..<5 { #expect(limiter.when(i) == 0) }
        #expect(limiter.when(5) > 0)
    }

    @Test func defaultControllerLimiterIsTheMaxOfBoth() {
        let clock = QueueTestClock()
        let limiter = MaxOfRateLimiter<String>.defaultControllerRateLimiter(clock: clock)
        #expect(limiter.when("a") == 0.005)
        #expect(limiter.when("a") == 0.010)
        for i in 0..<98 { _ = limiter.when("other-\(i)") }
        // The bucket is now empty: its 0.1 s beats the per-item 20 ms.
        #expect(abs(limiter.when("a") - 0.1) < 1e-9)
        #expect(limiter.numRequeues("a") == 3)
        limiter.forget("a")
        #expect(limiter.numRequeues("a") == 0)
    }
}
