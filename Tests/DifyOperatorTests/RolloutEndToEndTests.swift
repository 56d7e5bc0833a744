import DifyAPI
import DifyPlanners
import EmulatorTestSupport
import Foundation
import KubeClient
import KubeCore
import KubeEmulator
import Synchronization
import Testing

/// A revision change on a cluster with no spare GPU: one GPU node with exactly the GPUs the
/// DifyDeployment's replicas use (and a CPU node for the preload Jobs).
@Suite(.serialized) struct RolloutEndToEndTests {
    static let gpus = 2

    static var tightCluster: DataPlane.Configuration {
        var node = ClusterSpec.h100Node(name: "gpu-only", zone: "zone-a")
        node.capacity["nvidia.com/gpu"] = String(gpus)
        node.allocatable?["nvidia.com/gpu"] = String(gpus)
        var config = OperatorHarness.testDataPlane
        config.cluster = ClusterSpec(nodes: [node, ClusterSpec.cpuNode(name: "cpu-only", zone: "zone-a")])
        return config
    }

    static let manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: ai}
        ---
        apiVersion: dify.ai/v1alpha1
        kind: DifyModel
        metadata: {name: llama, namespace: ai}
        spec:
          source: {uri: "hf://meta-llama/Meta-Llama-3-8B-Instruct", revision: v1}
          size: {parameters: 8B}
          resources:
            gpu: {count: 1, product: NVIDIA-H100-80GB-HBM3}
        ---
        apiVersion: dify.ai/v1alpha1
        kind: DifyDeployment
        metadata: {name: chat, namespace: ai}
        spec:
          modelRef: {name: llama}
          replicas: 2
        """

    @Test func revisionChangeNeverAsksForMoreGPUsThanTheClusterHas() async throws {
        try await OperatorHarness.with(dataPlane: Self.tightCluster) { o in
            try await o.apply(yaml: Self.manifests)
            #expect(try await o.waitHealthy("chat", ready: 2))
            let first = try #require(try await o.deployment("chat").status?.stableRevision)

            // Watch every Deployment change: the replicas asked for, over all revisions.
            let peak = Mutex<Int32>(0)
            let replicas = Mutex<[String: Int32]>([:])
            let stream = try await o.client.resource(Deployment.self).watch(namespace: "ai")
            let watcher = Task {
                for try await event in stream {
                    guard let d = event.object, let name = d.metadata.name else { continue }
                    let total = replicas.withLock { r -> Int32 in
                        if case .deleted = event { r[name] = nil } else { r[name] = d.spec?.replicas ?? 0 }
                        return r.values.reduce(0, +)
                    }
                    peak.withLock { $0 = max($0, total) }
                }
            }
            defer { watcher.cancel() }

            // A new model revision: every DifyDeployment of the model rolls.
            _ = try await o.client.resource(DifyModel.self).patch("llama", namespace: "ai", type: .merge, ["spec": ["source": ["revision": "v2"]]])
            #expect(try await pollUntil(timeout: 30) {
                let s = try await o.deployment("chat").status
                return s?.stableRevision != nil && s?.stableRevision != first && s?.phase == "Healthy" && s?.readyReplicas == 2
            })
            let second = try #require(try await o.deployment("chat").status?.stableRevision)
            #expect(try await o.model("llama").status?.revision == second)
            #expect(try await pollUntil { try await o.workloads("chat").map(\.metadata.name) == ["chat-\(second)"] })
            // The status lists only the live revision (server-side apply to /status removes the old entry).
            #expect(try await pollUntil { try await o.deployment("chat").status?.revisions?.map(\.deploymentName) == ["chat-\(second)"] })
            #expect(peak.withLock { $0 } <= Int32(Self.gpus), "asked for \(peak.withLock { $0 }) replicas of 1 GPU on a \(Self.gpus)-GPU cluster")
            let reasons = try await o.eventReasons(for: "chat")
            #expect(reasons.contains("RollingUpdate"))
            #expect(reasons.contains("RolloutComplete"))
            #expect(reasons.contains("RevisionRetired"))
            // Every pod of the new revision runs; none waits for a GPU.
            let pods = try await o.pods("chat")
            #expect(pods.count == 2 && pods.allSatisfy { $0.metadata.labels?["dify.ai/revision"] == second && $0.status?.phase == "Running" })
        }
    }
}

/// Replicas that cannot run say why in the DifyDeployment's status.
@Suite(.serialized) struct MissingReplicasEndToEndTests {
    @Test func podsThatCannotBeScheduledAreExplained() async throws {
        try await OperatorHarness.with(dataPlane: RolloutEndToEndTests.tightCluster) { o in
            // Three replicas of one GPU each on a cluster with two GPUs.
            try await o.apply(yaml: RolloutEndToEndTests.manifests.replacingOccurrences(of: "replicas: 2", with: "replicas: 3"))
            #expect(try await pollUntil(timeout: 30) {
                let progressing = try await o.deployment("chat").status?.conditions?.first { $0.type == "Progressing" }
                return progressing?.message.contains("1 pod Pending") == true && progressing?.message.contains("Insufficient nvidia.com/gpu") == true
            })
            #expect(try await pollUntil { try await o.deployment("chat").status?.readyReplicas == 2 })
            #expect(try await o.deployment("chat").status?.phase == "Progressing")
        }
    }
}
