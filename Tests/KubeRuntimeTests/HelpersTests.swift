import Foundation
import KubeClient
import KubeCore
import Prometheus
import Testing

@testable import KubeRuntime

@Suite("HelpersTests")
struct HelpersTests {
    static let mine = "dify.ai/cleanup"
    static let other = "other.example.com/protect"

    static func configMap(_ name: String) -> ConfigMap {
        ConfigMap(metadata: ObjectMeta(name: name, namespace: "default"), data: ["k": "v"])
    }

    @Test func finalizerAddAndRemoveKeepAnotherControllersEntry() async throws {
        try await LeaderTestEmulator.with { h in
            let cms = h.client.resource(ConfigMap.self)
            _ = try await cms.create(Self.configMap("fin"))
            let stale = try await cms.get("fin")  // our cached copy, about to go stale

            // Another controller adds its finalizer after we read.
            _ = try await Finalizers.add(Self.other, to: try await cms.get("fin"), using: cms)

            // Adding ours from the stale copy fails its `test`, re-reads and keeps theirs.
            let added = try await Finalizers.add(Self.mine, to: stale, using: cms)
            #expect(added.metadata.finalizers == [Self.other, Self.mine])
            #expect(Finalizers.contains(Self.mine, in: added))
            // Adding again is a no-op without a request.
            let again = try await Finalizers.add(Self.mine, to: added, using: cms)
            #expect(again.metadata.resourceVersion == added.metadata.resourceVersion)

            // Someone appends yet another entry; removing ours from the stale copy keeps both others.
            let third = "third.example.com/x"
            _ = try await Finalizers.add(third, to: try await cms.get("fin"), using: cms)
            let removed = try await Finalizers.remove(Self.mine, from: added, using: cms)
            #expect(removed.metadata.finalizers == [Self.other, third])
            let server = try await cms.get("fin")
            #expect(server.metadata.finalizers == [Self.other, third])
        }
    }

    @Test func concurrentFinalizerAddsAllSurvive() async throws {
        try await LeaderTestEmulator.with { h in
            let cms = h.client.resource(ConfigMap.self)
            let snapshot = try await cms.create(Self.configMap("fin-race"))
            let names = (0..<4).map { "c\($0).example.com/f" }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in names {
                    group.addTask { _ = try await Finalizers.add(n, to: snapshot, using: cms) }
                }
                try await group.waitForAll()
            }
            let final = try await cms.get("fin-race")
            #expect(Set(final.metadata.finalizers ?? []) == Set(names))
            #expect(final.metadata.finalizers?.count == 4)
        }
    }

    @Test func statusIsWrittenOnlyWhenChanged() async throws {
        let registry = PrometheusCollectorRegistry()
        let counter = LeaderTestRequestCounter(forward: RESTClientMetrics(metricsFactory: PrometheusMetricsFactory(registry: registry)))
        try await LeaderTestEmulator.with(observer: counter) { h in
            let deployments = h.client.dynamic(Deployment.descriptor)
            let deployment: JSONValue = [
                "apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": ["name": "web", "namespace": "default"],
                "spec": [
                    "replicas": 1,
                    "selector": ["matchLabels": ["app": "web"]],
                    "template": [
                        "metadata": ["labels": ["app": "web"]],
                        "spec": ["containers": [["name": "app", "image": "nginx"]]],
                    ],
                ],
            ]
            _ = try await deployments.create(deployment)
            let writer = StatusWriter()
            let status: JSONValue = [
                "observedGeneration": 1, "replicas": 1,
                "conditions": [["type": "Available", "status": "True", "reason": "MinimumReplicasAvailable", "message": "ok"]],
            ]
            let cached = try await deployments.get("web")
            let before = counter.count(.patch, .apply, .update)
            let first = try await writer.update(cached, desiredStatus: status, using: deployments)
            #expect(first.written)
            #expect(first.object["status"]["replicas"].intValue == 1)
            #expect(counter.count(.patch, .apply, .update) == before + 1)

            // Same status again (keys in another order): no request.
            let fresh = try await deployments.get("web")
            let reordered = try JSONValue.parse(#"{"conditions":[{"message":"ok","reason":"MinimumReplicasAvailable","status":"True","type":"Available"}],"replicas":1,"observedGeneration":1.0}"#)
            let second = try await writer.update(fresh, desiredStatus: reordered, using: deployments)
            #expect(!second.written)
            #expect(counter.count(.patch, .apply, .update) == before + 1)

            // A real change is written; merge patch works too.
            var changed = status
            if case .object(var o) = changed { o["replicas"] = 2; changed = .object(o) }
            let third = try await StatusWriter(method: .mergePatch).update(fresh, desiredStatus: changed, using: deployments)
            #expect(third.written)
            #expect(third.object["status"]["replicas"].intValue == 2)
            #expect(counter.count(.patch, .apply, .update) == before + 2)

            // The client's requests reached the Prometheus registry.
            let text = registry.emitToString()
            #expect(text.contains("rest_client_requests_total{verb=\"GET\",resource=\"apps/v1/deployments\",code=\"200\"}"))
            #expect(text.contains("rest_client_request_duration_seconds"))
        }
    }

    @Test func ownedApplySetsControllerReferenceAndForces() async throws {
        try await LeaderTestEmulator.with { h in
            let cms = h.client.resource(ConfigMap.self)
            let owner = try await cms.create(Self.configMap("owner"))
            // Another manager owns a field first; forcing takes it over.
            _ = try await cms.apply(ConfigMap(metadata: ObjectMeta(name: "child", namespace: "default"), data: ["k": "theirs"]), fieldManager: "someone-else", force: false)
            let applier = OwnedApply(fieldManager: "dify-operator-test")
            let child = try await applier.apply(
                ConfigMap(metadata: ObjectMeta(name: "child", namespace: "default"), data: ["k": "ours"]), ownedBy: owner, using: cms)
            #expect(child.data?["k"] == "ours")
            let ref = try #require(child.metadata.ownerReferences?.first)
            #expect(ref.uid == owner.metadata.uid)
            #expect(ref.controller == true)
            #expect(ref.blockOwnerDeletion == true)
            let managers = (child.metadata.managedFields ?? []).compactMap { $0["manager"].stringValue }
            #expect(managers.contains("dify-operator-test"))
        }
    }
}
