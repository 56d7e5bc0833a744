@testable import KubeRuntime
import Testing

@Suite("Backoff")
struct BackoffTests {
    @Test func defaultsAreTheKubernetesConventions() {
        let c = Backoff.Configuration()
        #expect(c.initialDelay == 0.8)
        #expect(c.maxDelay == 30)
        #expect(c.factor == 2)
        #expect(c.resetAfter == 120)
    }

    @Test func doublesUpToTheCap() {
        var b = Backoff(random: { 0.5 })  // 0.5 → jitter factor exactly 1
        let delays = (0..<10).map { i in b.next(now: Double(i)) }
        #expect(delays == [0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 30, 30, 30, 30])
    }

    @Test func jitterStaysWithinBounds() {
        for r in [0.0, 0.25, 0.999_999] {
            var b = Backoff(random: { r })
            var base = 0.8
            for i in 0..<12 {
                let d = b.next(now: Double(i))
                let lower = min(30, base * 0.5), upper = min(30, base * 1.5)
                #expect(d >= lower - 1e-9 && d <= upper + 1e-9, "delay \(d) for base \(base), r \(r)")
                base = min(30, base * 2)
            }
        }
        var low = Backoff(random: { 0 })
        #expect(abs(low.next(now: 0) - 0.4) < 1e-9)
        var high = Backoff(random: { 1 })
        #expect(abs(high.next(now: 0) - 1.2) < 1e-9)
    }

    @Test func jitterActuallyVaries() {
        let r = WatchTestRandom([0.1, 0.9])
        var b = Backoff(configuration: .init(factor: 1), random: r.source)
        #expect(b.next(now: 0) != b.next(now: 1))
    }

    @Test func resetsAfterTwoMinutesWithoutErrors() {
        let clock = WatchTestClock()
        var b = Backoff(random: { 0.5 })
        for _ in 0..<6 { _ = b.next(now: clock.now()); clock.advance(1) }
        #expect(b.next(now: clock.now()) == 30)
        clock.advance(119)  // just under two minutes: still escalated
        #expect(b.next(now: clock.now()) == 30)
        clock.advance(120)  // two minutes quiet: back to the start
        #expect(b.next(now: clock.now()) == 0.8)
        #expect(b.attempts == 1)
        #expect(b.next(now: clock.now()) == 1.6)
    }
}
