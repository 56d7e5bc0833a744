import KubeClient
import KubeCore
@testable import KubeRuntime
import Synchronization
import Testing

@Suite("Informer integration (emulator)")
struct InformerIntegrationTests {
    static let ns = "default"

    @Test func informerConvergesWhileWatchesDropAndHistoryIsCompacted() async throws {
        try await WatchTestEmulator.with { h in
            let cms = h.configMaps
            for i in 0..<7 { _ = try await cms.create(watchTestConfigMap("cm-\(i)", Self.ns)) }
            // A small page size makes the listing paginate.
            let informer = Informer(client: cms, namespace: Self.ns, configuration: WatcherConfiguration(pageSize: 3))
            informer.start()
            defer { informer.stop() }
            try await informer.waitForSync()
            #expect(watchTestCacheState(informer.cache, namespace: Self.ns) == (try await h.serverState(namespace: Self.ns)))

            for round in 0..<4 {
                _ = try await cms.create(watchTestConfigMap("new-\(round)", Self.ns))
                var cm = try await cms.get("cm-\(round)", namespace: Self.ns)
                cm.data = ["round": "\(round)"]
                _ = try await cms.replace(cm)
                #expect(await watchTestEventually { h.openWatches >= 1 })
                h.closeAllWatches()
                try await cms.delete("cm-\(6 - round)", namespace: Self.ns)
                _ = try await cms.patch("new-\(round)", namespace: Self.ns, type: .merge, ["data": ["p": .string("\(round)")]])
                h.compact()
                #expect(await watchTestEventually { h.openWatches >= 1 })
                h.closeAllWatches()
                _ = try await cms.create(watchTestConfigMap("late-\(round)", Self.ns))
            }
            let server = try await h.serverState(namespace: Self.ns)
            let converged = await watchTestEventually(timeout: 20) {
                watchTestCacheState(informer.cache, namespace: Self.ns) == server
            }
            #expect(converged, "cache \(watchTestCacheState(informer.cache, namespace: Self.ns)) != server \(server)")
            let stats = informer.statistics.stats
            #expect(stats.watchRestarts >= 4)
            #expect(stats.completedLists >= 1)
        }
    }

    /// The pull-based watcher does no I/O while not pulled, so faults can be placed exactly:
    /// the watch is closed, changes happen, history is compacted; resuming then gets 410 and
    /// must relist, and the relist reflects every change.
    @Test func watcherRelistsAfterCompactionAgainstTheServer() async throws {
        try await WatchTestEmulator.with { h in
            let cms = h.configMaps
            _ = try await cms.create(watchTestConfigMap("a", Self.ns))
            let watcher = Watcher(client: cms, namespace: Self.ns)
            var it = watcher.makeAsyncIterator()
            let cache = Cache<ConfigMap>()
            func pullUntilSynced() async {
                while let e = await it.next() {
                    cache.apply(e)
                    if case .initDone = e { return }
                }
            }
            await pullUntilSynced()
            #expect(cache.get(namespace: Self.ns, name: "a") != nil)
            // Open the watch and see one live event.
            _ = try await cms.create(watchTestConfigMap("b", Self.ns))
            if let e = await it.next() { cache.apply(e) }
            #expect(cache.get(namespace: Self.ns, name: "b") != nil)

            h.closeAllWatches()
            try await cms.delete("a", namespace: Self.ns)
            _ = try await cms.create(watchTestConfigMap("c", Self.ns))
            h.compact()
            await pullUntilSynced()  // re-watch from the old RV → 410 → relist
            #expect(watcher.statistics.stats.relists == 1)
            #expect(watchTestCacheState(cache, namespace: Self.ns) == (try await h.serverState(namespace: Self.ns)))
            #expect(cache.get(namespace: Self.ns, name: "a") == nil)
        }
    }

    @Test func subscribersGetChangesAndLateOnesGetAReplay() async throws {
        try await WatchTestEmulator.with { h in
            let cms = h.configMaps
            _ = try await cms.create(watchTestConfigMap("x", Self.ns))
            let informer = Informer(client: cms, namespace: Self.ns)
            let early = informer.subscribe()
            informer.start()
            try await informer.waitForSync()
            let late = informer.subscribe()
            _ = try await cms.create(watchTestConfigMap("y", Self.ns))
            _ = try await cms.patch("x", namespace: Self.ns, type: .merge, ["data": ["k": "v2"]])
            try await cms.delete("y", namespace: Self.ns)

            func collect(_ s: AsyncStream<InformerEvent<ConfigMap>>, count: Int) async -> [String] {
                var out: [String] = []
                for await e in s {
                    switch e {
                    case .added(let o): out.append("added \(o.metadata.name!)")
                    case .updated(_, let o): out.append("updated \(o.metadata.name!)")
                    case .deleted(let o): out.append("deleted \(o.metadata.name!)")
                    }
                    if out.count == count { break }
                }
                return out
            }
            let expected = ["added x", "added y", "updated x", "deleted y"]
            #expect(await collect(early, count: 4) == expected)
            #expect(await collect(late, count: 4) == expected)
            #expect(informer.cache.list(namespace: Self.ns).map(\.metadata.name) == ["x"])
            informer.stop()
            #expect(!informer.isRunning)
        }
    }

    @Test func sharedInformersShareOneWatchPerKey() async throws {
        try await WatchTestEmulator.with { h in
            let cms = h.configMaps
            _ = try await cms.create(watchTestConfigMap("web", Self.ns, labels: ["app": "web"]))
            _ = try await cms.create(watchTestConfigMap("db", Self.ns, labels: ["app": "db"]))
            let shared = SharedInformers(client: h.client)
            let a = shared.informer(for: ConfigMap.self, namespace: Self.ns)
            let b = shared.informer(for: ConfigMap.self, namespace: Self.ns)
            let web = shared.informer(for: ConfigMap.self, namespace: Self.ns, labelSelector: "app=web")
            let dynamic = shared.informer(JSONValue.self, descriptor: ConfigMap.descriptor, namespace: Self.ns)
            #expect(a === b)
            #expect(a !== web)
            #expect(shared.keys.count == 3)
            shared.startAll()
            defer { shared.stopAll() }
            try await shared.waitForSync()
            #expect(shared.hasSynced)
            #expect(Set(a.cache.list(namespace: Self.ns).compactMap(\.metadata.name)).isSuperset(of: ["web", "db"]))
            #expect(web.cache.list().compactMap(\.metadata.name) == ["web"])
            #expect(dynamic.cache.get(namespace: Self.ns, name: "db")?["data"]["k"].stringValue == "v")
            // Created after startAll: started at once.
            let late = shared.informer(for: ConfigMap.self, namespace: "kube-system")
            #expect(late.isRunning)
        }
    }
}
