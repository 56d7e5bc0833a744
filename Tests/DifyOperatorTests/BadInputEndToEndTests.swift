import DifyAPI
import DifyPlanners
import EmulatorTestSupport
import Foundation
import KubeClient
import KubeCore
import Testing

/// Specs the API server accepts but the operator cannot act on (the emulator, like a cluster
/// without the CRD's CEL rules, does not evaluate CEL), and what the operator says about them.
@Suite(.serialized) struct BadInputEndToEndTests {
    static let namespace = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: ai}
        """

    static func model(_ name: String, parameters: String = "8B", gpu: String = "{count: 1}", claim: String? = nil) -> String {
        """
        apiVersion: dify.ai/v1alpha1
        kind: DifyModel
        metadata: {name: \(name), namespace: ai}
        spec:
          source: {uri: "\(claim.map { "pvc://\($0)/llama" } ?? "hf://meta-llama/Meta-Llama-3-8B-Instruct")"}
          size: {parameters: \(parameters)}
          resources:
            gpu: \(gpu)
        """
    }

    static func deployment(_ name: String, model: String, replicas: Int = 1) -> String {
        """
        apiVersion: dify.ai/v1alpha1
        kind: DifyDeployment
        metadata: {name: \(name), namespace: ai}
        spec:
          modelRef: {name: \(model)}
          replicas: \(replicas)
        """
    }

    @Test func anInvalidEditNeverTearsDownTheRunningWorkload() async throws {
        try await OperatorHarness.with { o in
            try await o.apply(yaml: [Self.namespace, Self.model("llama"), Self.deployment("chat", model: "llama")].joined(separator: "\n---\n"))
            #expect(try await o.waitHealthy("chat", ready: 1))
            let running = try await o.workloads("chat")
            let revision = try await o.model("llama").status?.revision

            // 70B bf16 weights do not fit one 80 GB GPU: Invalid, with the reason and an event.
            _ = try await o.client.resource(DifyModel.self).patch("llama", namespace: "ai", type: .merge, ["spec": ["size": ["parameters": "70B"]]])
            #expect(try await pollUntil { try await o.model("llama").status?.phase == "Invalid" })
            let model = try await o.model("llama")
            let validated = try #require(model.status?.conditions?.first { $0.type == "Validated" })
            #expect(validated.status == .false && validated.reason == "ModelDoesNotFit")
            #expect(validated.observedGeneration == model.metadata.generation)
            #expect(model.status?.revision == revision, "the last valid revision stays")
            #expect(try await pollUntil { try await o.eventReasons(for: "llama").contains("InvalidSpec") })
            #expect(try await pollUntil {
                try await o.deployment("chat").status?.conditions?.first { $0.type == "ModelReady" }?.reason == "ModelInvalid"
            })
            #expect(await o.waitIdle())
            // The serving Deployment is exactly as it was, and its pod still serves.
            let after = try await o.workloads("chat")
            #expect(after.map(\.metadata.name) == running.map(\.metadata.name))
            #expect(after.map(\.spec) == running.map(\.spec))
            #expect(try await o.deployment("chat").status?.readyReplicas == 1)

            // Fixing the spec returns to the same revision without touching the workload.
            _ = try await o.client.resource(DifyModel.self).patch("llama", namespace: "ai", type: .merge, ["spec": ["size": ["parameters": "8B"]]])
            #expect(try await pollUntil { try await o.model("llama").status?.phase == "Ready" })
            #expect(try await o.waitHealthy("chat", ready: 1, revision: revision))
            #expect(try await o.workloads("chat").map(\.metadata.name) == running.map(\.metadata.name))
        }
    }

    @Test func aMissingModelIsReportedAndPicksUpWhenCreated() async throws {
        try await OperatorHarness.with { o in
            try await o.apply(yaml: [Self.namespace, Self.deployment("chat", model: "later")].joined(separator: "\n---\n"))
            #expect(try await pollUntil { try await o.deployment("chat").status?.phase == "Invalid" })
            let cond = try #require(try await o.deployment("chat").status?.conditions?.first { $0.type == "ModelReady" })
            #expect(cond.status == .false && cond.reason == "ModelNotFound")
            #expect(try await pollUntil { try await o.eventReasons(for: "chat").contains("ModelNotFound") })
            #expect(try await o.workloads("chat").isEmpty)

            try await o.apply(yaml: Self.model("later"))
            #expect(try await o.waitHealthy("chat", ready: 1))
        }
    }

    @Test func aModelThatIsNotReadyStartsNoServingPods() async throws {
        try await OperatorHarness.with { o in
            // A pvc:// source whose claim does not exist yet: the model waits, so does the deployment.
            try await o.apply(yaml: [Self.namespace, Self.model("llama", claim: "weights"), Self.deployment("chat", model: "llama")].joined(separator: "\n---\n"))
            #expect(try await pollUntil {
                try await o.deployment("chat").status?.conditions?.first { $0.type == "ModelReady" }?.reason == "ModelNotReady"
            })
            #expect(try await o.model("llama").status?.conditions?.first { $0.type == "CacheReady" }?.reason == "ClaimNotFound")
            let dd = try await o.deployment("chat")
            #expect(dd.status?.phase == "Progressing")
            #expect(dd.status?.conditions?.first { $0.type == "Progressing" }?.reason == "WaitingForModel")
            #expect(await o.waitIdle())
            #expect(try await o.workloads("chat").isEmpty)
            #expect(try await o.pods("chat").isEmpty)

            try await o.apply(yaml: """
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: weights, namespace: ai}
                spec:
                  accessModes: [ReadWriteMany]
                  resources: {requests: {storage: 50Gi}}
                """)
            #expect(try await o.waitHealthy("chat", ready: 1))
            let pod = try #require(try await o.workloads("chat").first?.spec?.template.spec)
            #expect(pod.volumes?.contains { $0.persistentVolumeClaim?.claimName == "weights" && $0.persistentVolumeClaim?.readOnly == true } == true)
        }
    }
}
