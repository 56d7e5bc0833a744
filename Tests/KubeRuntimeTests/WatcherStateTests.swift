import KubeClient
import KubeCore
@testable import KubeRuntime
import Testing

@Suite("WatcherState")
struct WatcherStateTests {
    typealias Machine = WatcherStateMachine<WatchTestItem>

    static func machine(random: Double = 0.5) -> Machine {
        Machine(backoff: Backoff(random: { random }), resourceVersionOf: { $0.metadata.resourceVersion })
    }

    static func names(_ events: [WatcherEvent<WatchTestItem>]) -> [String] {
        events.map {
            switch $0 {
            case .initStarted: return "init"
            case .initApply(let o): return "initApply:\(o.metadata.name!)"
            case .initDone: return "initDone"
            case .apply(let o): return "apply:\(o.metadata.name!)"
            case .delete(let o): return "delete:\(o.metadata.name!)"
            }
        }
    }

    // MARK: pure step function

    @Test func paginatedListThenWatchFromListRV() {
        var m = Self.machine()
        #expect(m.nextAction == .list(continueToken: nil))
        var out = m.step(.listPage(items: [WatchTestItem("a", rv: "3")], continueToken: "c1", resourceVersion: "10"), now: 0)
        #expect(Self.names(out) == ["init", "initApply:a"])
        #expect(m.nextAction == .list(continueToken: "c1"))
        out = m.step(.listPage(items: [WatchTestItem("b", rv: "4")], continueToken: nil, resourceVersion: "11"), now: 0)
        #expect(Self.names(out) == ["initApply:b", "initDone"])
        // The first page's RV is the snapshot.
        #expect(m.nextAction == .openWatch(resourceVersion: "10"))
        #expect(m.step(.watchOpened, now: 0).isEmpty)
        #expect(m.state == .watching(resourceVersion: "10"))
        #expect(m.nextAction == .readWatch)
        out = m.step(.watchEvent(.added(WatchTestItem("c", rv: "12"))), now: 0)
        #expect(Self.names(out) == ["apply:c"])
        out = m.step(.watchEvent(.deleted(WatchTestItem("a", rv: "13"))), now: 0)
        #expect(Self.names(out) == ["delete:a"])
        #expect(m.state == .watching(resourceVersion: "13"))
        #expect(m.stats.completedLists == 1)
    }

    @Test func bookmarkUpdatesRVAndEmitsNothing() {
        var m = Self.machine()
        _ = m.step(.listPage(items: [], continueToken: nil, resourceVersion: "5"), now: 0)
        _ = m.step(.watchOpened, now: 0)
        #expect(m.step(.watchEvent(.bookmark(resourceVersion: "42")), now: 0).isEmpty)
        #expect(m.state == .watching(resourceVersion: "42"))
        _ = m.step(.watchClosed, now: 0)
        #expect(m.nextAction == .openWatch(resourceVersion: "42"))
    }

    @Test func goneErrorEventRelists() {
        var m = Self.machine()
        _ = m.step(.listPage(items: [], continueToken: nil, resourceVersion: "5"), now: 0)
        _ = m.step(.watchOpened, now: 0)
        _ = m.step(.watchEvent(.modified(WatchTestItem("a", rv: "6"))), now: 0)
        #expect(m.step(.watchEvent(.error(watchTestGone())), now: 0).isEmpty)
        #expect(m.state == .empty)
        #expect(m.nextAction == .list(continueToken: nil))
        let out = m.step(.listPage(items: [WatchTestItem("a", rv: "9")], continueToken: nil, resourceVersion: "9"), now: 0)
        #expect(Self.names(out) == ["init", "initApply:a", "initDone"])
        #expect(m.stats.relists == 1)
        #expect(m.stats.errors == 0)
    }

    @Test func thrownGoneRelistsAndRepeatedGoneBacksOff() {
        var m = Self.machine()
        _ = m.step(.listPage(items: [], continueToken: nil, resourceVersion: "5"), now: 0)
        _ = m.step(.failed(WatcherFailure.classify(KubeError.api(watchTestGone()))), now: 0)
        #expect(m.state == .empty)
        _ = m.step(.listPage(items: [], continueToken: nil, resourceVersion: "6"), now: 0)
        // 410 again with no progress in between: back off before relisting (no hot loop).
        _ = m.step(.failed(.gone), now: 0)
        #expect(m.state == .backingOff(resume: .relist, delay: 0.8))
        _ = m.step(.backoffElapsed, now: 1)
        #expect(m.state == .empty)
    }

    @Test func transportErrorBacksOffThenResumesFromLastRV() {
        var m = Self.machine()
        _ = m.step(.listPage(items: [], continueToken: nil, resourceVersion: "5"), now: 0)
        _ = m.step(.watchOpened, now: 0)
        _ = m.step(.watchEvent(.added(WatchTestItem("a", rv: "7"))), now: 0)
        _ = m.step(.failed(WatcherFailure.classify(KubeError.watchIdleTimeout)), now: 10)
        #expect(m.state == .backingOff(resume: .watch(resourceVersion: "7"), delay: 0.8))
        #expect(m.nextAction == .sleep(seconds: 0.8))
        _ = m.step(.backoffElapsed, now: 11)
        #expect(m.nextAction == .openWatch(resourceVersion: "7"))
        _ = m.step(.watchOpened, now: 11)
        #expect(m.stats.watchRestarts == 1)
        #expect(m.stats.errors == 1)
        #expect(m.stats.relists == 0)
    }

    @Test func normalCloseRewatchesWithoutBackoff() {
        var m = Self.machine()
        _ = m.step(.listPage(items: [], continueToken: nil, resourceVersion: "5"), now: 0)
        for i in 0..<5 {
            _ = m.step(.watchOpened, now: 0)
            _ = m.step(.watchEvent(.modified(WatchTestItem("a", rv: "\(10 + i)"))), now: 0)
            _ = m.step(.watchClosed, now: 0)
            #expect(m.nextAction == .openWatch(resourceVersion: "\(10 + i)"))
        }
        #expect(m.backoff.attempts == 0)
        #expect(m.stats.errors == 0)
        // An error now still gets the *initial* delay: no retry budget was spent.
        _ = m.step(.watchOpened, now: 0)
        _ = m.step(.failed(.other("reset")), now: 0)
        #expect(m.nextAction == .sleep(seconds: 0.8))
        #expect(m.stats.watchRestarts == 5)
    }

    @Test func listErrorBacksOffThenRelists() {
        var m = Self.machine()
        _ = m.step(.listPage(items: [WatchTestItem("a", rv: "1")], continueToken: "c", resourceVersion: "5"), now: 0)
        _ = m.step(.failed(.other("500")), now: 0)
        #expect(m.state == .backingOff(resume: .relist, delay: 0.8))
        _ = m.step(.backoffElapsed, now: 1)
        let out = m.step(.listPage(items: [WatchTestItem("a", rv: "1")], continueToken: nil, resourceVersion: "6"), now: 1)
        #expect(Self.names(out) == ["init", "initApply:a", "initDone"])
    }

    @Test func nonGoneErrorEventBacksOff() {
        var m = Self.machine()
        _ = m.step(.listPage(items: [], continueToken: nil, resourceVersion: "5"), now: 0)
        _ = m.step(.watchOpened, now: 0)
        _ = m.step(.watchEvent(.error(Status(message: "boom", reason: "InternalError", code: 500))), now: 0)
        #expect(m.state == .backingOff(resume: .watch(resourceVersion: "5"), delay: 0.8))
    }

    // MARK: driver against a scripted server

    @Test func driverFollowsTheScript() async throws {
        let a1 = WatchTestItem("a", rv: "1"), b2 = WatchTestItem("b", rv: "2"), c20 = WatchTestItem("c", rv: "20"), a21 = WatchTestItem("a", rv: "21")
        let source = WatchTestSource(
            lists: [.page([a1], rv: "10", continueToken: "p2"), .page([b2], rv: "10"), .page([c20], rv: "30")],
            watches: [
                .events([.bookmark(resourceVersion: "15")]),  // bookmark, then a normal close
                .eventsThenFail([.added(c20)], KubeError.watchIdleTimeout),  // idle timeout
                .fail(KubeError.transport("connection refused")),  // cannot reconnect
                .events([.modified(a21), .error(watchTestGone())]),  // too old: relist
            ])
        let clock = WatchTestClock()
        let watcher = Watcher(source: source, clock: clock, random: { 0.5 })
        var it = watcher.makeAsyncIterator()
        var seen: [String] = []
        for _ in 0..<9 { seen += WatcherStateTests.names([await it.next()!]) }
        #expect(seen == ["init", "initApply:a", "initApply:b", "initDone", "apply:c", "apply:a", "init", "initApply:c", "initDone"])

        let lists = source.listRequests
        #expect(lists.map(\.continueToken) == [nil, "p2", nil])
        #expect(lists.allSatisfy { $0.limit == WatcherConfiguration.defaultPageSize })
        let watches = source.watchRequests
        #expect(watches.map(\.resourceVersion) == ["10", "15", "20", "20"])
        #expect(watches.allSatisfy { $0.allowWatchBookmarks == true && $0.timeoutSeconds == WatcherConfiguration.defaultWatchTimeoutSeconds })
        // Two errors backed off (0.8 s then 1.6 s); the normal close and the 410 did not.
        #expect(clock.sleeps == [0.8, 1.6])
        let stats = watcher.statistics.stats
        #expect(stats.relists == 1)
        #expect(stats.errors == 2)
        #expect(stats.watchRestarts == 2)
    }

    @Test func cancellingTheConsumerClosesTheStream() async throws {
        let source = WatchTestSource(lists: [.page([], rv: "1")], watches: [])
        let watcher = Watcher(source: source, clock: WatchTestClock())
        let task = Task {
            var n = 0
            for await _ in watcher { n += 1 }
            return n
        }
        #expect(await watchTestEventually { source.openStreams == 1 })
        task.cancel()
        #expect(await task.value == 2)  // init, initDone
        #expect(await watchTestEventually { source.openStreams == 0 })
    }
}
