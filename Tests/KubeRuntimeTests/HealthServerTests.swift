import Foundation
import KubeClient
import KubeCore
import Metrics
import Prometheus
import Testing

@testable import KubeRuntime

@Suite("HealthServer")
struct HealthServerTests {
    @Test func probesAndMetrics() async throws {
        let registry = PrometheusCollectorRegistry()
        let local = ServingAddress(host: "127.0.0.1", port: 0)
        let server = HealthServer(configuration: .init(probeAddress: local, metricsAddress: local), registry: registry)
        let synced = LeaderTestBox(false)
        server.addReadinessCheck("caches-synced") { synced.value }
        let task = Task { try await server.run() }
        defer { task.cancel() }
        #expect(await leaderTestEventually { server.probePort != nil })
        let port = try #require(server.probePort)
        #expect(port != 0)
        #expect(server.metricsPort == port)
        let base = "http://127.0.0.1:\(port)"

        let health = try await leaderTestHTTPGet(base + "/healthz")
        #expect(health.status == 200)
        let notReady = try await leaderTestHTTPGet(base + "/readyz")
        #expect(notReady.status == 503)
        #expect(notReady.body.contains("[-]caches-synced failed"))
        synced.update { $0 = true }
        #expect(try await leaderTestEventually { try await leaderTestHTTPGet(base + "/readyz").status == 200 })

        let factory = PrometheusMetricsFactory(registry: registry)
        Counter(label: "test_reconciles_total", dimensions: [("controller", "demo")], factory: factory).increment(by: 3)
        let metrics = try await leaderTestHTTPGet(base + "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains("test_reconciles_total{controller=\"demo\"} 3"))
        task.cancel()
        _ = await task.result
    }

    @Test func separateMetricsAndProbeListeners() async throws {
        let registry = PrometheusCollectorRegistry()
        let server = HealthServer(
            configuration: .init(probeAddress: ServingAddress(host: "127.0.0.1", port: 0), metricsAddress: ServingAddress(host: "127.0.0.2", port: 0)),
            registry: registry)
        let task = Task { try await server.run() }
        defer { task.cancel() }
        #expect(await leaderTestEventually { server.probePort != nil && server.metricsPort != nil })
        let probe = try await leaderTestHTTPGet("http://127.0.0.1:\(server.probePort!)/metrics")
        #expect(probe.status == 404)
        let metrics = try await leaderTestHTTPGet("http://127.0.0.2:\(server.metricsPort!)/metrics")
        #expect(metrics.status == 200)
        task.cancel()
        _ = await task.result
    }

    @Test func bindAddressParsing() {
        #expect(ServingAddress(parsing: ":8080") == ServingAddress(host: "0.0.0.0", port: 8080))
        #expect(ServingAddress(parsing: "127.0.0.1:8081") == ServingAddress(host: "127.0.0.1", port: 8081))
        #expect(ServingAddress(parsing: "nope") == nil)
        #expect(MetricsSetup.defaultMetricsAddress.port == 8080)
        #expect(MetricsSetup.defaultProbeAddress.port == 8081)
    }
}
