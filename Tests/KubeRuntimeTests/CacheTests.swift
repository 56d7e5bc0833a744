import KubeCore
@testable import KubeRuntime
import Synchronization
import Testing

@Suite("Cache")
struct CacheTests {
    static func fill(_ cache: Cache<WatchTestItem>, _ items: [WatchTestItem]) {
        cache.apply(.initStarted)
        for i in items { cache.apply(.initApply(i)) }
        cache.apply(.initDone)
    }

    @Test func listingIsInvisibleUntilDone() {
        let cache = Cache<WatchTestItem>()
        #expect(!cache.hasSynced)
        cache.apply(.initStarted)
        cache.apply(.initApply(WatchTestItem("a", rv: "1")))
        #expect(cache.count == 0)
        #expect(cache.get(namespace: "default", name: "a") == nil)
        let changes = cache.apply(.initDone)
        #expect(changes.count == 1)
        #expect(cache.hasSynced)
        #expect(cache.get(namespace: "default", name: "a")?.metadata.resourceVersion == "1")
    }

    @Test func relistSwapsAtomicallyAndReportsTheDiff() {
        let cache = Cache<WatchTestItem>()
        Self.fill(cache, [WatchTestItem("a", rv: "1"), WatchTestItem("b", rv: "2"), WatchTestItem("c", rv: "3")])
        cache.apply(.initStarted)
        cache.apply(.initApply(WatchTestItem("a", rv: "1")))
        cache.apply(.initApply(WatchTestItem("b", rv: "5")))
        cache.apply(.initApply(WatchTestItem("d", rv: "6")))
        // Still the old contents while the relist is buffered.
        #expect(cache.list().map(\.metadata.name) == ["a", "b", "c"])
        let changes = cache.apply(.initDone)
        #expect(cache.list().map(\.metadata.name) == ["a", "b", "d"])
        var kinds: [String: String] = [:]
        for c in changes {
            switch c {
            case .added(let o): kinds[o.metadata.name!] = "added"
            case .updated(let old, let new): kinds[new.metadata.name!] = "updated \(old.metadata.resourceVersion!)->\(new.metadata.resourceVersion!)"
            case .deleted(let o): kinds[o.metadata.name!] = "deleted"
            }
        }
        #expect(kinds == ["b": "updated 2->5", "c": "deleted", "d": "added"])  // a unchanged: no event
        #expect(cache.hasSynced)
    }

    @Test func readersNeverSeeAPartialListing() async {
        let cache = Cache<WatchTestItem>()
        let n = 200
        Self.fill(cache, (0..<n).map { WatchTestItem("old-\($0)", rv: "1") })
        let writer = Task {
            for round in 0..<30 {
                cache.apply(.initStarted)
                for i in 0..<n { cache.apply(.initApply(WatchTestItem("r\(round)-\(i)", rv: "\(round)"))) }
                cache.apply(.initDone)
                await Task.yield()
            }
        }
        let bad = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    var bad = 0
                    for _ in 0..<2_000 {
                        let items = cache.list()
                        let prefixes = Set(items.map { $0.metadata.name!.split(separator: "-").first! })
                        if items.count != n || prefixes.count != 1 { bad += 1 }
                        await Task.yield()
                    }
                    return bad
                }
            }
            return await group.reduce(0, +)
        }
        await writer.value
        #expect(bad == 0)
        #expect(cache.count == n)
    }

    @Test func liveEventsUpdateAndDelete() {
        let cache = Cache<WatchTestItem>()
        Self.fill(cache, [WatchTestItem("a", rv: "1")])
        let up = cache.apply(.apply(WatchTestItem("a", rv: "2", labels: ["x": "y"])))
        guard case .updated(let old, let new)? = up.first else { Issue.record("expected update"); return }
        #expect(old.metadata.resourceVersion == "1" && new.metadata.resourceVersion == "2")
        #expect(cache.apply(.apply(WatchTestItem("a", rv: "2", labels: ["x": "y"]))).isEmpty)  // same RV: no change
        #expect(cache.list(labelSelector: LabelSelector(matchLabels: ["x": "y"])).count == 1)
        #expect(cache.apply(.delete(WatchTestItem("a", rv: "3"))).count == 1)
        #expect(cache.count == 0)
        #expect(cache.list(labelSelector: LabelSelector(matchLabels: ["x": "y"])).isEmpty)
        #expect(cache.apply(.delete(WatchTestItem("zz", rv: "4"))).isEmpty)
    }

    @Test func indexes() throws {
        let cache = Cache<WatchTestItem>()
        Self.fill(cache, [
            WatchTestItem("a", rv: "1", ns: "n1", labels: ["app": "web", "tier": "fe"], owner: "o1"),
            WatchTestItem("b", rv: "1", ns: "n1", labels: ["app": "web", "tier": "be"], owner: "o2"),
            WatchTestItem("c", rv: "1", ns: "n2", labels: ["app": "db"], owner: "o1"),
            WatchTestItem("d", rv: "1", ns: "n2"),
        ])
        #expect(cache.list(namespace: "n1").map(\.metadata.name) == ["a", "b"])
        #expect(cache.list(namespace: "n3").isEmpty)
        #expect(cache.list().count == 4)
        #expect(cache.list(ownedBy: "o1").map(\.metadata.name) == ["a", "c"])
        #expect(cache.list(labelSelector: LabelSelector(matchLabels: ["app": "web"])).map(\.metadata.name) == ["a", "b"])
        #expect(cache.list(labelSelector: try LabelRequirementSet(parsing: "app=web,tier!=fe")).map(\.metadata.name) == ["b"])
        #expect(cache.list(labelSelector: try LabelRequirementSet(parsing: "app in (web,db)"), namespace: "n2").map(\.metadata.name) == ["c"])
        #expect(cache.list(labelSelector: try LabelRequirementSet(parsing: "!app")).map(\.metadata.name) == ["d"])
        #expect(cache.list(labelSelector: LabelSelector()).count == 4)
        // Re-labelling and re-owning moves the object between index entries.
        cache.apply(.apply(WatchTestItem("a", rv: "2", ns: "n1", labels: ["app": "db"], owner: "o2")))
        #expect(cache.list(ownedBy: "o1").map(\.metadata.name) == ["c"])
        #expect(cache.list(ownedBy: "o2").map(\.metadata.name) == ["a", "b"])
        #expect(cache.list(labelSelector: LabelSelector(matchLabels: ["app": "web"])).map(\.metadata.name) == ["b"])
    }

    @Test func unstructuredObjectsAreIndexedToo() throws {
        let cache = Cache<JSONValue>()
        let obj = try JSONValue.parse(#"{"metadata":{"name":"x","namespace":"ns","resourceVersion":"3","labels":{"a":"b"},"ownerReferences":[{"apiVersion":"v1","kind":"K","name":"o","uid":"u1","controller":true}]}}"#)
        cache.apply(.initStarted)
        cache.apply(.initApply(obj))
        cache.apply(.initDone)
        #expect(cache.get(namespace: "ns", name: "x") != nil)
        #expect(cache.list(ownedBy: "u1").count == 1)
        #expect(cache.list(labelSelector: LabelSelector(matchLabels: ["a": "b"])).count == 1)
    }

    @Test func waitForSyncResumesOnInitDone() async throws {
        let cache = Cache<WatchTestItem>()
        let waiter = Task { try await cache.waitForSync() }
        try await Task.sleep(for: .milliseconds(20))
        Self.fill(cache, [])
        try await waiter.value
        try await cache.waitForSync()  // already synced: returns at once
    }

    @Test func waitForSyncIsCancellable() async {
        let cache = Cache<WatchTestItem>()
        let waiter = Task { try await cache.waitForSync() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
    }
}
