import Testing
@testable import KubeRuntime

@Suite("WorkQueue")
struct WorkQueueTests {
    private func makeQueue(
        clock: QueueTestClock = QueueTestClock(), metrics: QueueTestMetrics = QueueTestMetrics(),
        rateLimiter: (any WorkQueueRateLimiter<String>)? = nil
    ) -> WorkQueue<String> {
        WorkQueue<String>(name: "test", rateLimiter: rateLimiter, clock: clock, metricsFactory: metrics)
    }

    @Test func addsOfAQueuedKeyCollapse() async {
        let metrics = QueueTestMetrics()
        let queue = makeQueue(metrics: metrics)
        queue.add("a")
        queue.add("a")
        queue.add("b")
        queue.add("a")
        #expect(queue.count == 2)
        #expect(metrics.value("workqueue_adds_total", [("name", "test")]) == 2)
        #expect(metrics.value("workqueue_depth", [("name", "test")]) == 2)
        #expect(await queueTestGet(queue) == "a")
        #expect(await queueTestGet(queue) == "b")
        #expect(queue.count == 0)
    }

    @Test func aKeyBeingProcessedIsNotHandedOutAgain() async {
        let queue = makeQueue()
        queue.add("a")
        #expect(await queueTestGet(queue) == "a")
        queue.add("a")  // while processing: marked dirty, not queued
        queue.add("b")
        #expect(queue.count == 1)
        #expect(await queueTestGet(queue) == "b")
        #expect(queue.count == 0)
        queue.done("b")
        #expect(queue.count == 0)
        queue.done("a")  // dirty: queued again now
        #expect(queue.count == 1)
        #expect(await queueTestGet(queue) == "a")
    }

    @Test func dirtyKeyIsRequeuedOnceAfterDone() async {
        let queue = makeQueue()
        queue.add("a")
        #expect(await queueTestGet(queue) == "a")
        queue.add("a")
        queue.add("a")
        queue.done("a")
        #expect(queue.count == 1)
        #expect(await queueTestGet(queue) == "a")
        queue.done("a")
        #expect(queue.count == 0)
        #expect(queue.processingCount == 0)
    }

    @Test func doneWithoutReAddLeavesNothingQueued() async {
        let queue = makeQueue()
        queue.add("a")
        #expect(await queueTestGet(queue) == "a")
        queue.done("a")
        #expect(queue.count == 0)
        queue.add("a")
        #expect(queue.count == 1)
    }

    @Test func waitingGetterReceivesALaterAdd() async {
        let queue = makeQueue()
        async let got = queueTestGet(queue)
        #expect(await queueTestEventually { queue.count == 0 })
        queue.add("x")
        #expect(await got == "x")
        #expect(queue.processingCount == 1)
    }

    @Test func delayedAddsBecomeReadyInDeadlineOrder() async {
        let clock = QueueTestClock()
        let queue = makeQueue(clock: clock)
        let start = clock.now()
        queue.addAfter("a", seconds: 3)
        queue.addAfter("b", seconds: 1)
        queue.addAfter("c", seconds: 2)
        #expect(queue.count == 0)
        #expect(queue.readyTime(of: "b") == start + 1)
        clock.advance(by: 1)
        #expect(await queueTestGet(queue) == "b")
        #expect(queue.readyTime(of: "a") == start + 3)
        #expect(queue.readyTime(of: "c") == start + 2)
        clock.advance(by: 1)
        #expect(await queueTestGet(queue) == "c")
        clock.advance(by: 1)
        #expect(await queueTestGet(queue) == "a")
        #expect(queue.readyTime(of: "a") == nil)
    }

    @Test func earliestDelayedAddWins() async {
        let clock = QueueTestClock()
        let queue = makeQueue(clock: clock)
        let start = clock.now()
        queue.addAfter("k", seconds: 10)
        queue.addAfter("k", seconds: 2)
        #expect(queue.readyTime(of: "k") == start + 2)
        queue.addAfter("k", seconds: 5)
        #expect(queue.readyTime(of: "k") == start + 2)
        clock.advance(by: 2)
        #expect(await queueTestGet(queue) == "k")
        queue.done("k")
        // The superseded 10 s timer must not add the key again.
        clock.advance(by: 10)
        #expect(await queueTestEventually { clock.pendingDeadlines.isEmpty })
        #expect(queue.count == 0)
        #expect(queue.readyTime(of: "k") == nil)
    }

    @Test func nonPositiveDelayAddsAtOnce() async {
        let queue = makeQueue()
        queue.addAfter("now", seconds: 0)
        #expect(queue.count == 1)
    }

    @Test func addRateLimitedUsesTheLimiterAndForgetResetsIt() async {
        let clock = QueueTestClock()
        let metrics = QueueTestMetrics()
        let queue = makeQueue(clock: clock, metrics: metrics, rateLimiter: ItemExponentialFailureRateLimiter<String>())
        let start = clock.now()
        queue.addRateLimited("k")
        #expect(queue.numRequeues("k") == 1)
        #expect(queue.readyTime(of: "k") == start + 0.005)
        clock.advance(by: 0.005)
        #expect(await queueTestGet(queue) == "k")
        queue.addRateLimited("k")
        #expect(queue.numRequeues("k") == 2)
        #expect(queue.readyTime(of: "k") == clock.now() + 0.010)
        #expect(metrics.value("workqueue_retries_total", [("name", "test")]) == 2)
        queue.forget("k")
        #expect(queue.numRequeues("k") == 0)
    }

    @Test func shutDownReleasesGettersAndIgnoresAdds() async {
        let clock = QueueTestClock()
        let queue = makeQueue(clock: clock)
        async let waiting = queue.get()
        #expect(await queueTestEventually { queue.count == 0 })
        queue.addAfter("later", seconds: 1)
        #expect(await queueTestEventually { clock.pendingDeadlines.count == 1 })
        queue.shutDown()
        #expect(await waiting == nil)
        queue.add("a")
        #expect(queue.count == 0)
        #expect(await queue.get() == nil)
        // The delayed add was dropped and its timer cancelled.
        #expect(await queueTestEventually { clock.pendingDeadlines.isEmpty })
        clock.advance(by: 1)
        #expect(queue.count == 0)
    }

    @Test func shutDownWithDrainWaitsForInFlightKeys() async {
        let queue = makeQueue()
        queue.add("a")
        queue.add("b")
        #expect(await queueTestGet(queue) == "a")
        #expect(await queueTestGet(queue) == "b")
        let drained = QueueTestBox(false)
        let drain = Task {
            await queue.shutDownWithDrain()
            drained.withLock { $0 = true }
        }
        #expect(await queueTestEventually { queue.isShuttingDown })
        for _ in 0..<100 { await Task.yield() }
        #expect(drained.value == false)
        queue.done("a")
        for _ in 0..<100 { await Task.yield() }
        #expect(drained.value == false)
        queue.done("b")
        await drain.value
        #expect(drained.value)
        #expect(await queue.get() == nil)
    }

    @Test func shutDownWithDrainReturnsAtOnceWhenIdle() async {
        let queue = makeQueue()
        await queue.shutDownWithDrain()
        #expect(queue.isShuttingDown)
    }

    @Test func cancelledGetReturnsNil() async {
        let queue = makeQueue()
        let task = Task { await queue.get() }
        task.cancel()
        #expect(await task.value == nil)
        queue.add("a")
        #expect(queue.count == 1)  // the cancelled getter took nothing
    }

    @Test func queueAndWorkDurationsAreMeasuredWithTheClock() async {
        let clock = QueueTestClock()
        let metrics = QueueTestMetrics()
        let queue = makeQueue(clock: clock, metrics: metrics)
        queue.add("a")
        clock.advance(by: 2)
        #expect(await queueTestGet(queue) == "a")
        clock.advance(by: 3)
        queue.done("a")
        #expect(metrics.recorded("workqueue_queue_duration_seconds", [("name", "test")]) == [2])
        #expect(metrics.recorded("workqueue_work_duration_seconds", [("name", "test")]) == [3])
        #expect(metrics.value("workqueue_depth", [("name", "test")]) == 0)
    }
}
