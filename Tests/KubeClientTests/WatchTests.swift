import Foundation
import Testing
@testable import KubeClient
import KubeCore

/// WATCH framing, event types, errors, normal close, idle timeout and cancellation.
@Suite struct WatchTests {
    static let path = "/api/v1/namespaces/ai/configmaps?allowWatchBookmarks=true&resourceVersion=10&timeoutSeconds=290&watch=true"
    static let options = ListOptions(resourceVersion: "10", timeoutSeconds: 290, allowWatchBookmarks: true)

    static func line(_ type: String, _ name: String, rv: String, extra: JSONValue = .null) -> [UInt8] {
        var obj: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": "ai", "resourceVersion": .string(rv)]]
        if !extra.isNull { obj["data"] = extra }
        return (["type": .string(type), "object": obj] as JSONValue).serialized() + [0x0A]
    }

    static func collect<S: AsyncSequence>(_ s: S) async throws -> [S.Element] {
        var out: [S.Element] = []
        for try await e in s { out.append(e) }
        return out
    }

    @Test func eventsSplitAndCoalescedAcrossChunks() async throws {
        let all = Self.line("ADDED", "a", rv: "11") + Self.line("MODIFIED", "a", rv: "12") + Self.line("DELETED", "a", rv: "13")
        // Chunks cut at awkward places: mid-line, and two lines plus a part in one chunk.
        let chunks = [Array(all[0..<7]), Array(all[7..<(all.count - 20)]), Array(all[(all.count - 20)...])]
        let t = MockTransport()
        t.expect(.GET, Self.path, answer: .stream(status: 200, chunks: chunks, end: .close))
        let client = try makeClient(t)
        let events = try await Self.collect(client.resource(ConfigMap.self).watch(namespace: "ai", options: Self.options))
        #expect(events.map(\.typeName) == ["ADDED", "MODIFIED", "DELETED"])
        #expect(events.map { $0.object?.metadata.resourceVersion } == ["11", "12", "13"])
        #expect(t.failures.isEmpty, "\(t.failures)")
    }

    @Test func anEventOverOneMebibyte() async throws {
        let big = String(repeating: "y", count: 1_200_000)
        let bytes = Self.line("ADDED", "big", rv: "11", extra: ["blob": .string(big)]) + Self.line("ADDED", "small", rv: "12")
        let chunks = stride(from: 0, to: bytes.count, by: 8192).map { Array(bytes[$0..<min($0 + 8192, bytes.count)]) }
        let t = MockTransport()
        t.expect(.GET, Self.path, answer: .stream(status: 200, chunks: chunks, end: .close))
        let client = try makeClient(t)
        let events = try await Self.collect(client.resource(ConfigMap.self).watch(namespace: "ai", options: Self.options))
        #expect(events.count == 2)
        #expect(events[0].object?.data?["blob"]?.count == 1_200_000)
        #expect(events[1].object?.metadata.name == "small")
    }

    @Test func bookmarksAndErrors() async throws {
        let bookmark = Array(#"{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"500"}}}"#.utf8) + [0x0A]
        let gone = Array(#"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 10 (400)","reason":"Expired","code":410}}"#.utf8) + [0x0A]
        let t = MockTransport()
        t.expect(.GET, Self.path, answer: .stream(status: 200, chunks: [Self.line("ADDED", "a", rv: "11") + bookmark, gone], end: .close))
        let client = try makeClient(t)
        let events = try await Self.collect(client.resource(ConfigMap.self).watch(namespace: "ai", options: Self.options))
        #expect(events.count == 3)
        guard case .bookmark(let rv) = events[1] else { Issue.record("expected a bookmark"); return }
        #expect(rv == "500")
        guard case .error(let status) = events[2] else { Issue.record("expected an error event"); return }
        #expect(status.code == 410)
        #expect(KubeError.api(status).isGone)
    }

    @Test func aWatchRefusedUpFrontThrowsTheStatus() async throws {
        let t = MockTransport()
        t.expect(.GET, Self.path, status: 410, json: ClientErrorTests.status(410, "Gone", "too old"))
        let client = try makeClient(t)
        do {
            _ = try await client.resource(ConfigMap.self).watch(namespace: "ai", options: Self.options)
            Issue.record("expected 410")
        } catch let e as KubeError {
            #expect(e.isGone)
        }
    }

    @Test func aNormalCloseEndsTheSequenceWithoutError() async throws {
        let t = MockTransport()
        t.expect(.GET, Self.path, answer: .stream(status: 200, chunks: [], end: .close))
        let client = try makeClient(t)
        let events = try await Self.collect(client.resource(ConfigMap.self).watch(namespace: "ai", options: Self.options))
        #expect(events.isEmpty)
    }

    @Test func aStreamCutMidEventEndsNormallyAfterTheLastCompleteEvent() async throws {
        let second = Self.line("MODIFIED", "a", rv: "12")
        let t = MockTransport()
        t.expect(.GET, Self.path, answer: .stream(status: 200, chunks: [Self.line("ADDED", "a", rv: "11") + second.prefix(30)], end: .close))
        let client = try makeClient(t)
        let events = try await Self.collect(client.resource(ConfigMap.self).watch(namespace: "ai", options: Self.options))
        #expect(events.map(\.typeName) == ["ADDED"])
    }

    @Test func aFinalEventWithoutNewlineIsDelivered() async throws {
        let t = MockTransport()
        t.expect(.GET, Self.path, answer: .stream(status: 200, chunks: [Array(Self.line("ADDED", "a", rv: "11").dropLast())], end: .close))
        let client = try makeClient(t)
        let events = try await Self.collect(client.resource(ConfigMap.self).watch(namespace: "ai", options: Self.options))
        #expect(events.map(\.typeName) == ["ADDED"])
    }

    @Test func aBrokenConnectionIsATransportError() async throws {
        let t = MockTransport()
        t.expect(.GET, Self.path, answer: .stream(status: 200, chunks: [Self.line("ADDED", "a", rv: "11")], end: .error(.transport("connection reset"))))
        let client = try makeClient(t)
        var seen = 0
        do {
            for try await _ in try await client.resource(ConfigMap.self).watch(namespace: "ai", options: Self.options) { seen += 1 }
            Issue.record("expected an error")
        } catch let e as KubeError {
            guard case .transport = e else { Issue.record("expected a transport error, got \(e)"); return }
        }
        #expect(seen == 1)
    }

    @Test func aSilentConnectionHitsTheIdleTimeout() async throws {
        let t = MockTransport()
        t.expect(.GET, Self.path, answer: .stream(status: 200, chunks: [Self.line("ADDED", "a", rv: "11")], end: .hang))
        let client = try makeClient(t)
        var seen = 0
        do {
            for try await _ in try await client.resource(ConfigMap.self).watch(namespace: "ai", options: Self.options, idleTimeoutSeconds: 1.0) { seen += 1 }
            Issue.record("expected the idle timeout")
        } catch let e as KubeError {
            guard case .watchIdleTimeout = e else { Issue.record("expected watchIdleTimeout, got \(e)"); return }
        }
        #expect(seen == 1)
        // The upstream stream was cancelled, i.e. the connection closed.
        #expect(t.streamsClosed == 1)
    }

    @Test func cancellingTheConsumerClosesTheConnection() async throws {
        let t = MockTransport()
        t.expect(.GET, Self.path, answer: .stream(status: 200, chunks: [Self.line("ADDED", "a", rv: "11")], end: .hang))
        let client = try makeClient(t)
        let stream = try await client.resource(ConfigMap.self).watch(namespace: "ai", options: Self.options)
        let consumer = Task {
            var n = 0
            for try await _ in stream { n += 1 }
            return n
        }
        // Wait until the event has been consumed, then cancel.
        while t.received.isEmpty { await Task.yield() }
        consumer.cancel()
        _ = try? await consumer.value
        // onTermination runs synchronously with cancellation of the chain; allow the forwarder to observe it.
        for _ in 0..<1000 where t.streamsClosed == 0 { await Task.yield() }
        #expect(t.streamsClosed == 1)
    }

    @Test func dynamicWatchKeepsUnknownFields() async throws {
        let t = MockTransport()
        let line = Array(#"{"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"11"},"spec":{"novel":{"deep":true}}}}"#.utf8) + [0x0A]
        t.expect(.GET, Self.path, answer: .stream(status: 200, chunks: [line], end: .close))
        let client = try makeClient(t)
        let events = try await Self.collect(client.dynamic(ConfigMap.descriptor).watch(namespace: "ai", options: Self.options))
        #expect(events.first?.object?["spec"]["novel"]["deep"] == true)
    }
}
