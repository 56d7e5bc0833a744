import Foundation
import KubeClient
import KubeCore

/// The client benchmark: watch-event and LIST decoding of ~4 KB Deployments.
enum ClientBench {
    static func run(eventCount: Int, listCount: Int) async throws {

        let deployment = SampleObjects.deployment(index: 0)
        let eventBytes = SampleObjects.watchEvent(deployment)
        print("Deployment event size: \(eventBytes.count) bytes")

        /// The whole body of a watch carrying `count` events, cut into 16 KiB chunks as a server would send it.
        func watchBody(count: Int) -> [[UInt8]] {
            var body: [UInt8] = []
            body.reserveCapacity(count * (eventBytes.count + 64))
            for i in 0..<count { body += SampleObjects.watchEvent(SampleObjects.deployment(index: i)) }
            return stride(from: 0, to: body.count, by: 16_384).map { Array(body[$0..<min($0 + 16_384, body.count)]) }
        }

        func measureWatch<T: Decodable & Sendable>(_ type: T.Type, chunks: [[UInt8]]) async throws -> (seconds: Double, events: Int) {
            let stream = AsyncThrowingStream<[UInt8], any Error> { c in
                for chunk in chunks { c.yield(chunk) }
                c.finish()
            }
            let start = ContinuousClock.now
            var n = 0
            for try await event in WatchStream<T>(chunks: stream, idleTimeoutSeconds: 600) {
                if event.object != nil { n += 1 }
            }
            let d = ContinuousClock.now - start
            return (Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18, n)
        }

        func measureList<T: Decodable & Sendable>(_ type: T.Type, body: [UInt8]) throws -> (seconds: Double, items: Int) {
            let start = ContinuousClock.now
            let list = try JSONCoding.decode(ObjectList<T>.self, from: body)
            let d = ContinuousClock.now - start
            return (Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18, list.items.count)
        }

        let chunks = watchBody(count: eventCount)
        let totalBytes = chunks.reduce(0) { $0 + $1.count }
        var listBody: [UInt8] = Array(#"{"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"1"},"items":["#.utf8)
        for i in 0..<listCount {
            if i > 0 { listBody.append(UInt8(ascii: ",")) }
            listBody += SampleObjects.deployment(index: i).serialized()
        }
        listBody += Array("]}".utf8)

        print("")
        print("| benchmark | items | seconds | items/s | MB/s |")
        print("| --- | ---: | ---: | ---: | ---: |")
        func row(_ name: String, _ items: Int, _ seconds: Double, _ bytes: Int) {
            print(String(format: "| %@ | %d | %.3f | %.0f | %.1f |", name, items, seconds, Double(items) / seconds, Double(bytes) / seconds / 1e6))
        }
        // Warm up once so that first-touch allocation is not measured.
        _ = try await measureWatch(Deployment.self, chunks: [eventBytes])
        let typed = try await measureWatch(Deployment.self, chunks: chunks)
        row("watch decode, typed Deployment", typed.events, typed.seconds, totalBytes)
        let dynamic = try await measureWatch(JSONValue.self, chunks: chunks)
        row("watch decode, unstructured", dynamic.events, dynamic.seconds, totalBytes)
        let listTyped = try measureList(Deployment.self, body: listBody)
        row("list decode, typed Deployment", listTyped.items, listTyped.seconds, listBody.count)
        let listDynamic = try measureList(JSONValue.self, body: listBody)
        row("list decode, unstructured", listDynamic.items, listDynamic.seconds, listBody.count)

    }
}
