import AsyncHTTPClient
import Foundation
import KubeClient
import KubeCore
import Prometheus
import Testing
@testable import KubeEmulator
@testable import KubeRuntime

/// A reconciler for the tests: every Secret labelled `mirror=true` gets a ConfigMap
/// `<name>-mirror` listing its keys (never its values), owned by the Secret.
struct MirrorReconciler: Reconciler {
    let secrets: Informer<Secret>
    let configMaps: ResourceClient<ConfigMap>

    func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        guard let secret = secrets.cache.get(namespace: request.namespace, name: request.name), !(secret.metadata.deletionTimestamp != nil) else {
            return .done  // garbage collection removes the mirror through its owner reference
        }
        let keys = (secret.data ?? [:]).keys.sorted()
        let mirror = ConfigMap(metadata: ObjectMeta(name: "\(request.name)-mirror", namespace: request.namespace, labels: ["mirror-of": request.name]), data: ["keys": keys.joined(separator: ",")])
        _ = try await OwnedApply(fieldManager: "mirror-controller").apply(mirror, ownedBy: secret, using: configMaps)
        return .done
    }
}

@Suite struct ManagerIntegrationTests {
    static func desired(_ secrets: [Secret]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: secrets.filter { $0.metadata.labels?["mirror"] == "true" }.map { ("\($0.metadata.name!)-mirror", ($0.data ?? [:]).keys.sorted().joined(separator: ",")) })
    }

    @Test func aControllerConvergesThroughDroppedWatchesAndCompaction() async throws {
        try await WatchTestEmulator.with { h in
            let registry = PrometheusCollectorRegistry()
            let operatorClient = try Manager.makeClient(configuration: h.client.configuration, registry: registry)
            let manager = Manager(client: operatorClient, options: ManagerOptions(probeAddress: ServingAddress(host: "127.0.0.1", port: 0), metricsAddress: nil), registry: registry)
            let secrets = manager.informers.informer(for: Secret.self, namespace: "default", labelSelector: "mirror=true")
            let mirrors = manager.informers.informer(for: ConfigMap.self, namespace: "default", labelSelector: "mirror-of")
            let controller = Controller(name: "mirror", reconciler: MirrorReconciler(secrets: secrets, configMaps: operatorClient.resource(ConfigMap.self)), options: ControllerOptions(maxConcurrentReconciles: 2, metricsFactory: PrometheusMetricsFactory(registry: registry)))
            controller.watchPrimary(secrets)
            controller.watchOwned(mirrors, owner: Secret.self)
            manager.add(controller)
            let running = Task { try await manager.run() }

            let secretClient = h.client.resource(Secret.self)
            for i in 0..<8 {
                _ = try await secretClient.create(Secret(metadata: ObjectMeta(name: "s\(i)", namespace: "default", labels: ["mirror": "true"]), data: ["a": "MQ==", "k\(i)": "Mg=="]))
                if i == 3 { h.closeAllWatches() }
            }
            h.compact()
            var s2 = try await secretClient.get("s2", namespace: "default")
            s2.data = ["only": "eA=="]
            _ = try await secretClient.replace(s2)
            h.closeAllWatches()
            try await secretClient.delete("s5", namespace: "default")
            // Someone tampers with a mirror: the owned-object watch brings it back.
            _ = try await h.client.resource(ConfigMap.self).patch("s1-mirror", namespace: "default", type: .merge, ["data": ["keys": "tampered"]])

            let converged = try await watchTestEventually(timeout: 20) {
                let all = try await secretClient.list(namespace: "default").items
                let actual = Dictionary(uniqueKeysWithValues: try await h.client.resource(ConfigMap.self).list(namespace: "default", options: ListOptions(labelSelector: "mirror-of")).items.map { ($0.metadata.name!, $0.data?["keys"] ?? "") })
                return actual == Self.desired(all)
            }
            #expect(converged)

            // Probes and metrics of the running manager.
            let port = try #require(manager.health.probePort)
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            func get(_ path: String) async throws -> (Int, String) {
                let r = try await http.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(5))
                return (Int(r.status.code), String(buffer: try await r.body.collect(upTo: 1 << 20)))
            }
            #expect(try await get("/healthz").0 == 200)
            #expect(try await get("/readyz").0 == 200)
            let metrics = try await get("/metrics").1
            #expect(metrics.contains(#"controller_runtime_reconcile_total{controller="mirror""#))
            #expect(metrics.contains("workqueue_adds_total"))
            #expect(metrics.contains(#"rest_client_requests_total{"#))
            try await http.shutdown()

            manager.shutdown()
            try await running.value
            try await operatorClient.shutdown()
        }
    }

    @Test func gracefulShutdownReleasesTheLease() async throws {
        try await WatchTestEmulator.with { h in
            let config = try LeaderElectionConfig(namespace: "default", name: "mgr-lock", identity: "replica-1", leaseDurationSeconds: 3, renewDeadlineSeconds: 2, retryPeriodSeconds: 0.2)
            let manager = Manager(client: h.client, options: ManagerOptions(probeAddress: ServingAddress(host: "127.0.0.1", port: 0), metricsAddress: nil, leaderElection: config), registry: PrometheusCollectorRegistry())
            let running = Task { try await manager.run() }
            let leases = h.client.resource(Lease.self)
            #expect(try await watchTestEventually(timeout: 10) { try await leases.getIfExists("mgr-lock", namespace: "default")?.spec?.holderIdentity == "replica-1" })
            manager.shutdown()
            try await running.value
            let lease = try await leases.get("mgr-lock", namespace: "default")
            #expect((lease.spec?.holderIdentity ?? "").isEmpty)
        }
    }
}
