import Testing
@testable import KubeCore

@Suite struct LineFramerTests {
    @Test func framesLinesSplitAcrossChunks() throws {
        var f = LineFramer()
        #expect(try f.push(Array(#"{"type":"ADD"#.utf8)).isEmpty)
        #expect(try f.push(Array(#"ED"}"#.utf8)).isEmpty)
        let lines = try f.push(Array("\n".utf8))
        #expect(lines.map { String(decoding: $0, as: UTF8.self) } == [#"{"type":"ADDED"}"#])
    }

    @Test func framesManyLinesInOneChunkAndKeepsTheRemainder() throws {
        var f = LineFramer()
        let lines = try f.push(Array("a\nb\n\nc\r\nd".utf8))
        #expect(lines.map { String(decoding: $0, as: UTF8.self) } == ["a", "b", "c\r"])
        #expect(try f.push(Array("e\n".utf8)).map { String(decoding: $0, as: UTF8.self) } == ["de"])
        #expect(f.finish() == nil)
    }

    @Test func aLineOverOneMebibyteSurvivesAnyChunking() throws {
        let payload = Array(repeating: UInt8(ascii: "x"), count: 1_500_000)
        var f = LineFramer()
        var out: [[UInt8]] = []
        var i = 0
        while i < payload.count {
            let end = min(i + 16_384, payload.count)
            out += try f.push(Array(payload[i..<end]))
            i = end
        }
        out += try f.push([0x0A])
        #expect(out.count == 1)
        #expect(out[0].count == 1_500_000)
    }

    @Test func boundsTheLineLength() {
        var f = LineFramer(maxLineBytes: 10)
        #expect(throws: LineFramer.LineTooLong.self) { try f.push(Array(repeating: UInt8(ascii: "x"), count: 11)) }
    }

    @Test func finishReturnsAnUnterminatedFinalLine() throws {
        var f = LineFramer()
        _ = try f.push(Array("abc".utf8))
        #expect(f.finish().map { String(decoding: $0, as: UTF8.self) } == "abc")
    }
}

@Suite struct WatchEventDecodingTests {
    struct Item: Codable, Sendable, Equatable { var metadata: ObjectMeta }

    @Test func decodesEveryEventType() throws {
        let added = try WatchEventDecoder.decode(Array(#"{"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"}}}"#.utf8), as: Item.self)
        #expect(added.object?.metadata.name == "a")
        #expect(added.typeName == "ADDED")
        let deleted = try WatchEventDecoder.decode(Array(#"{"type":"DELETED","object":{"metadata":{"name":"a"}}}"#.utf8), as: Item.self)
        #expect(deleted.typeName == "DELETED")
        let bookmark = try WatchEventDecoder.decode(Array(#"{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"99","annotations":{"k8s.io/initial-events-end":"true"}}}}"#.utf8), as: Item.self)
        #expect(bookmark == .bookmark(resourceVersion: "99"))
        let error = try WatchEventDecoder.decode(Array(#"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 1 (5)","reason":"Expired","code":410}}"#.utf8), as: Item.self)
        guard case .error(let status) = error else { Issue.record("expected ERROR"); return }
        #expect(status.code == 410)
        #expect(status.reason == "Expired")
    }

    @Test func unstructuredEventsKeepEveryField() throws {
        let e = try WatchEventDecoder.decode(Array(#"{"type":"MODIFIED","object":{"metadata":{"name":"a"},"spec":{"unknownField":{"x":1}}}}"#.utf8), as: JSONValue.self)
        #expect(e.object?["spec"]["unknownField"]["x"] == 1)
        let b = try WatchEventDecoder.decode(Array(#"{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"7"}}}"#.utf8), as: JSONValue.self)
        #expect(b == .bookmark(resourceVersion: "7"))
    }

    @Test func rejectsUnknownTypes() {
        #expect(throws: (any Error).self) { try WatchEventDecoder.decode(Array(#"{"type":"CHANGED","object":{}}"#.utf8), as: Item.self) }
        #expect(throws: (any Error).self) { try WatchEventDecoder.decode(Array(#"{"type":"CHANGED","object":{}}"#.utf8), as: JSONValue.self) }
    }
}
