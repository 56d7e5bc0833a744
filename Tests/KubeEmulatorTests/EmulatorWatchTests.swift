import Foundation
import KubeClient
import EmulatorTestSupport
import KubeCore
import Testing
@testable import KubeEmulator

/// Watch semantics over HTTPS: ordering, resume, 410 after compaction, bookmarks, timeouts,
/// and a dropped stream.
@Suite struct EmulatorWatchTests {
    @Test func eventsArriveInOrderAndResumeFromAResourceVersion() async throws {
        try await EmulatorHarness.with { h in
            let cms = h.client.resource(ConfigMap.self)
            let list = try await cms.list(namespace: "default")
            let stream = try await cms.watch(namespace: "default", options: ListOptions(resourceVersion: list.metadata.resourceVersion, timeoutSeconds: 30))
            var created = try await cms.create(.named("w"))
            created.data = ["k": "2"]
            let modified = try await cms.replace(created)
            try await cms.delete("w", namespace: "default")
            var seen: [String] = []
            var lastRV = ""
            for try await e in stream {
                seen.append(e.typeName)
                lastRV = e.object?.metadata.resourceVersion ?? lastRV
                if seen.count == 3 { break }
            }
            #expect(seen == ["ADDED", "MODIFIED", "DELETED"])
            // Resuming from the MODIFIED event's version replays only what came after it.
            let resumed = try await cms.watch(namespace: "default", options: ListOptions(resourceVersion: modified.metadata.resourceVersion, timeoutSeconds: 30))
            for try await e in resumed {
                #expect(e.typeName == "DELETED")
                #expect(e.object?.metadata.resourceVersion == lastRV)
                break
            }
        }
    }

    @Test func aCompactedResourceVersionAnswersGone() async throws {
        try await EmulatorHarness.with { h in
            let cms = h.client.resource(ConfigMap.self)
            let old = try await cms.create(.named("x"))
            _ = try await cms.create(.named("y"))
            h.emulator.api.store.compact()
            let stream = try await cms.watch(namespace: "default", options: ListOptions(resourceVersion: old.metadata.resourceVersion, timeoutSeconds: 30))
            var events: [WatchEvent<ConfigMap>] = []
            for try await e in stream { events.append(e) }
            guard case .error(let status)? = events.first else { Issue.record("expected an ERROR event, got \(events.map(\.typeName))"); return }
            #expect(status.code == 410)
            #expect(status.reason == "Expired")
        }
    }

    @Test func unsetResourceVersionStartsWithSyntheticAdds() async throws {
        try await EmulatorHarness.with { h in
            let cms = h.client.resource(ConfigMap.self)
            _ = try await cms.create(.named("one"))
            _ = try await cms.create(.named("two"))
            var names: [String] = []
            for try await e in try await cms.watch(namespace: "default", options: ListOptions(timeoutSeconds: 30)) {
                guard case .added(let cm) = e else { continue }
                names.append(cm.metadata.name!)
                if names.count == 2 { break }
            }
            #expect(names == ["one", "two"])
        }
    }

    @Test func bookmarksTimeoutAndClosedWatches() async throws {
        try await EmulatorHarness.with(configure: { $0.bookmarkInterval = .milliseconds(100) }) { h in
            let cms = h.client.resource(ConfigMap.self)
            let rv = try await cms.list(namespace: "default").metadata.resourceVersion
            var sawBookmark = false
            for try await e in try await cms.watch(namespace: "default", options: ListOptions(resourceVersion: rv, timeoutSeconds: 30, allowWatchBookmarks: true)) {
                if case .bookmark(let brv) = e { sawBookmark = !brv.isEmpty; break }
            }
            #expect(sawBookmark)
            // timeoutSeconds ends the stream normally.
            var count = 0
            for try await _ in try await cms.watch(namespace: "default", options: ListOptions(resourceVersion: rv, timeoutSeconds: 1)) { count += 1 }
            #expect(count == 0)
            // Closing every watch (a fault) ends streams without an error.
            let stream = try await cms.watch(namespace: "default", options: ListOptions(resourceVersion: rv, timeoutSeconds: 60))
            let consumer = Task { () -> Int in
                var n = 0
                for try await _ in stream { n += 1 }
                return n
            }
            #expect(await h.eventually { h.emulator.api.store.watcherCount >= 1 })
            h.emulator.api.store.closeAllWatches()
            #expect(try await consumer.value == 0)
        }
    }

    @Test func anEventOverOneMebibyte() async throws {
        try await EmulatorHarness.with { h in
            let cms = h.client.resource(ConfigMap.self)
            let rv = try await cms.list(namespace: "default").metadata.resourceVersion
            let stream = try await cms.watch(namespace: "default", options: ListOptions(resourceVersion: rv, timeoutSeconds: 30))
            _ = try await cms.create(.named("big", data: ["blob": String(repeating: "z", count: 1_300_000)]))
            for try await e in stream {
                #expect(e.object?.data?["blob"]?.count == 1_300_000)
                break
            }
        }
    }

    @Test func departedWatchersAreReleased() async throws {
        try await EmulatorHarness.with { h in
            let cms = h.client.resource(ConfigMap.self)
            let stream = try await cms.watch(namespace: "default", options: ListOptions(timeoutSeconds: 60))
            let consumer = Task { for try await _ in stream {} }
            #expect(await h.eventually { h.emulator.api.store.watcherCount == 1 })
            consumer.cancel()
            #expect(await h.eventually { h.emulator.api.store.watcherCount == 0 })
        }
    }
}
