import DifyAPI
import DifyControllers
import DifyPlanners
import EmulatorTestSupport
import Foundation
import KubeClient
import KubeCore
import Synchronization
import Testing

/// The samples of `crds/samples`, applied to the emulator with the operator running, as a user
/// would with `kubectl apply -f crds/samples`.
@Suite(.serialized) struct SamplesEndToEndTests {
    @Test func samplesConvergeScaleIdleAndDelete() async throws {
        try await OperatorHarness.with { o in
            // Record every phase the llama model goes through.
            let phases = Mutex<[String]>([])
            let stream = try await o.client.resource(DifyModel.self).watch(namespace: "ai", options: ListOptions(fieldSelector: "metadata.name=llama3-8b"))
            let recorder = Task {
                for try await event in stream {
                    guard let phase = event.object?.status?.phase else { continue }
                    phases.withLock { if $0.last != phase { $0.append(phase) } }
                }
            }
            defer { recorder.cancel() }

            try await o.applySamples()
            #expect(try await o.waitHealthy("chat", ready: 2))
            #expect(try await o.waitHealthy("qwen-mig", ready: 1))
            #expect(try await o.waitHealthy("embeddings", ready: 1))

            // The model went Caching, then Ready.
            #expect(try await pollUntil { phases.withLock { $0.last == "Ready" } })
            let seen = phases.withLock { $0 }
            #expect(seen.firstIndex(of: "Caching").map { $0 < seen.lastIndex(of: "Ready")! } == true, "phases seen: \(seen)")

            // Whole GPU: nvidia.com/gpu with requests == limits, the product selector, the taint tolerated.
            let llama = try await o.model("llama3-8b")
            let revision = try #require(llama.status?.revision)
            #expect(llama.status?.resolved?.gpuResourceName == "nvidia.com/gpu")
            #expect(llama.status?.cache?.claimName == "llama3-8b-cache")
            #expect(llama.status?.cache?.loaded == true)
            #expect(llama.status?.cache?.jobName == "llama3-8b-preload-\(revision)")
            let chat = try await o.workloads("chat")
            #expect(chat.map(\.metadata.name) == ["chat-\(revision)"])
            let chatPod = try #require(chat.first?.spec?.template.spec)
            let server = try #require(chatPod.containers.first)
            #expect(server.resources?.limits?["nvidia.com/gpu"] == Quantity(integer: 1))
            #expect(server.resources?.requests?["nvidia.com/gpu"] == Quantity(integer: 1))
            #expect(chatPod.nodeSelector?["nvidia.com/gpu.product"] == "NVIDIA-H100-80GB-HBM3")
            #expect(chatPod.tolerations?.contains { $0.key == "nvidia.com/gpu" && $0.effect == "NoSchedule" } == true)
            #expect(chat.first?.spec?.selector.matchLabels == ["dify.ai/deployment": "chat", "dify.ai/revision": revision])
            let chatNodes = Set(try await o.pods("chat").compactMap(\.spec?.nodeName))
            #expect(chatNodes.isSubset(of: ["gpu-node-a", "gpu-node-b", "mig-node-a"]) && !chatNodes.isEmpty)

            // MIG, profile auto: the smallest H100 profile that holds a 7B bf16 model, as nvidia.com/mig-<profile>.
            let qwen = try await o.model("qwen25-14b-mig")
            let profile = try #require(qwen.status?.resolved?.migProfile)
            #expect(profile == "3g.40gb", "14B bf16 (31.3 GiB) fits 3g.40gb but not 2g.20gb")
            #expect(qwen.status?.resolved?.gpuResourceName == "nvidia.com/mig-\(profile)")
            let qwenServer = try #require(try await o.workloads("qwen-mig").first?.spec?.template.spec?.containers.first)
            #expect(qwenServer.resources?.limits?["nvidia.com/mig-\(profile)"] == Quantity(integer: 1))
            #expect(qwenServer.resources?.limits?["nvidia.com/gpu"] == nil)
            #expect(Set(try await o.pods("qwen-mig").compactMap(\.spec?.nodeName)) == ["mig-node-a"])

            // CPU only: no GPU resource, no toleration needed.
            let embedServer = try #require(try await o.workloads("embeddings").first?.spec?.template.spec?.containers.first)
            #expect(embedServer.resources?.limits?.keys.contains { $0.hasPrefix("nvidia.com/") } != true)
            #expect(try await o.model("nomic-embed").status?.resolved?.gpuResourceName == nil)

            // The Service Dify calls, the endpoint in status, the HPA on /scale.
            let dd = try await o.deployment("chat")
            #expect(dd.status?.endpoint == Endpoint(url: "http://chat.ai.svc:80/v1", modelName: ModelResolver.servedModelName(llama)))
            #expect(dd.status?.selector == "dify.ai/deployment=chat")
            #expect(dd.status?.currentRevision == revision && dd.status?.stableRevision == revision)
            #expect(dd.status?.observedGeneration == dd.metadata.generation)
            #expect(dd.status?.conditions?.first { $0.type == "Available" }?.status == .true)
            #expect(dd.status?.conditions?.first { $0.type == "ModelReady" }?.status == .true)
            let service = try await o.client.resource(Service.self).get("chat", namespace: "ai")
            #expect(service.spec?.selector == ["dify.ai/deployment": "chat"])
            #expect(service.spec?.ports?.first?.port == 80 && service.spec?.ports?.first?.targetPort == .string("http"))
            #expect(service.metadata.ownerReferences?.first?.uid == dd.metadata.uid)
            let hpa = try await o.client.resource(HorizontalPodAutoscaler.self).get("chat", namespace: "ai")
            #expect(hpa.spec?.scaleTargetRef == CrossVersionObjectReference(apiVersion: "dify.ai/v1alpha1", kind: "DifyDeployment", name: "chat"))
            #expect(hpa.spec?.maxReplicas == dd.spec.autoscaling?.maxReplicas)

            // Labels and owners of what the operator creates; the cache PVC is kept on purpose.
            let claim = try await o.client.resource(PersistentVolumeClaim.self).get("llama3-8b-cache", namespace: "ai")
            #expect(claim.metadata.ownerReferences == nil)
            #expect(claim.metadata.labels?["app.kubernetes.io/managed-by"] == "dify-operator")
            #expect(chat.first?.metadata.labels?["dify.ai/revision"] == revision)
            #expect(try await o.eventReasons(for: "llama3-8b").contains("Preloading"))
            #expect(try await o.eventReasons(for: "chat").contains("CreatedDeployment"))

            // /scale (what kubectl scale and the HPA use) changes the pods.
            let scale = try await o.client.resource(DifyDeployment.self).patchScale("chat", namespace: "ai", ["spec": ["replicas": 3]])
            #expect(scale.status?.selector == "dify.ai/deployment=chat")
            #expect(try await o.waitHealthy("chat", ready: 3))
            #expect(try await o.workloads("chat").first?.spec?.replicas == 3)
            #expect(try await o.pods("chat").count == 3)

            // An idle operator writes nothing, even when it reconciles everything again.
            #expect(await o.waitIdle())
            let before = o.emulator.api.metrics.writes()
            o.difyOperator.modelController.resync()
            o.difyOperator.deploymentController.resync()
            #expect(await o.waitIdle())
            #expect(o.emulator.api.metrics.writes() - before == 0)

            // All of it as the chart's ServiceAccount under the chart's RBAC: nothing was refused.
            #expect(o.emulator.api.metrics.count(code: 403) == 0)

            // Deleting the DifyDeployment removes its children; deleting the model keeps its cache.
            try await o.client.resource(DifyDeployment.self).delete("chat", namespace: "ai")
            #expect(try await pollUntil(timeout: 15) {
                let left = try await o.workloads("chat").count + (try await o.pods("chat").count)
                let svc = try await o.client.resource(Service.self).getIfExists("chat", namespace: "ai")
                let hpa = try await o.client.resource(HorizontalPodAutoscaler.self).getIfExists("chat", namespace: "ai")
                return left == 0 && svc == nil && hpa == nil
            })
            try await o.client.resource(DifyModel.self).delete("llama3-8b", namespace: "ai")
            #expect(try await pollUntil(timeout: 15) {
                try await o.client.resource(Job.self).list(namespace: "ai", options: ListOptions(labelSelector: "dify.ai/model=llama3-8b")).items.isEmpty
            })
            #expect(try await o.client.resource(PersistentVolumeClaim.self).getIfExists("llama3-8b-cache", namespace: "ai") != nil)
        }
    }
}
