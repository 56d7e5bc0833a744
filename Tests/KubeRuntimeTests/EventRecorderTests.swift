import Foundation
import KubeClient
import KubeCore
import Prometheus
import Testing

@testable import KubeRuntime

@Suite("EventRecorder")
struct EventRecorderTests {
    static func ref(_ name: String) -> ObjectReference {
        ObjectReference(kind: "ConfigMap", namespace: "default", name: name, uid: "uid-\(name)", apiVersion: "v1")
    }

    static func events(_ client: KubernetesClient) async throws -> [Event] {
        try await client.resource(Event.self).list(namespace: "default").items
    }

    @Test func repeatsMergeIntoOneSeries() async throws {
        try await LeaderTestEmulator.with { h in
            let recorder = EventRecorder(client: h.client, reportingController: "dify.ai/test", reportingInstance: "test-0")
            let target = Self.ref("web")
            #expect(recorder.record(regarding: target, type: .normal, reason: "Scaled", action: "Scale", note: "scaled to 2"))
            #expect(try await leaderTestEventually { try await Self.events(h.client).count == 1 })
            let first = try #require(try await Self.events(h.client).first)
            #expect(first.series == nil, "first occurrence has count 1 (no series)")
            #expect(first.reason == "Scaled")
            #expect(first.action == "Scale")
            #expect(first.type == "Normal")
            #expect(first.regarding?.name == "web")
            #expect(first.reportingController == "dify.ai/test")

            recorder.record(regarding: target, type: .normal, reason: "Scaled", action: "Scale", note: "scaled to 2")
            recorder.record(regarding: target, type: .normal, reason: "Scaled", action: "Scale", note: "scaled to 2")
            // A different note is a different event.
            recorder.record(regarding: target, type: .warning, reason: "Scaled", action: "Scale", note: "other")
            await recorder.shutdown()

            let all = try await Self.events(h.client)
            #expect(all.count == 2)
            let merged = try #require(all.first { $0.metadata.name == first.metadata.name })
            #expect(merged.series?.count == 3)
            #expect(merged.series.map { $0.lastObservedTime.date >= first.eventTime!.date } == true)
            #expect(recorder.droppedCount == 0)
        }
    }

    @Test func perObjectAndGlobalRateLimitsDrop() async throws {
        try await LeaderTestEmulator.with { h in
            let registry = PrometheusCollectorRegistry()
            var options = EventRecorder.Options()
            options.perObjectBurst = 3
            options.perObjectRefillPerSecond = 1e-9
            options.globalBurst = 6
            options.globalRefillPerSecond = 1e-9
            let recorder = EventRecorder(
                client: h.client, reportingController: "dify.ai/test", reportingInstance: "test-0", options: options,
                metricsFactory: PrometheusMetricsFactory(registry: registry))
            // A hot loop on one object: only the burst gets through.
            var accepted = 0
            for i in 0..<10 {
                if recorder.record(regarding: Self.ref("hot"), type: .warning, reason: "Failed", action: "Reconcile", note: "attempt \(i)") { accepted += 1 }
            }
            #expect(accepted == 3)
            #expect(recorder.droppedCount == 7)
            // The global bucket (6) has 3 tokens left for all other objects.
            for i in 0..<5 {
                if recorder.record(regarding: Self.ref("obj-\(i)"), type: .normal, reason: "Synced", action: "Reconcile", note: "ok") { accepted += 1 }
            }
            #expect(accepted == 6)
            #expect(recorder.droppedCount == 9)
            await recorder.shutdown()
            let written = try await Self.events(h.client)
            #expect(written.count == 6)
            #expect(registry.emitToString().contains("events_dropped_total{reason=\"rate_limited\"} 9"))
        }
    }

    @Test func notesAreTruncatedToOneKiB() {
        let long = String(repeating: "é", count: 600)  // 1200 bytes
        let cut = EventRecorder.truncate(long, maxBytes: EventRecorder.Options.maxNoteBytes)
        #expect(cut.utf8.count == 1024)
        #expect(cut.count == 512)
        #expect(EventRecorder.truncate("short", maxBytes: 1024) == "short")
    }
}
