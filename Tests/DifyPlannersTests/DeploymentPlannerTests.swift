import DifyAPI
import DifyPlanners
import Foundation
import KubeCore
import Testing

struct DeploymentPlannerTests {
    typealias F = Fixtures
    static let revision = Revisions.model(F.modelSpec)

    func condition(_ status: DifyDeploymentStatus, _ type: String) -> Condition? { status.conditions?.first { $0.type == type } }

    @Test func aReadyModelGetsItsDeploymentServiceAndEndpoint() throws {
        let plan = DeploymentPlanner.plan(DeploymentSnapshot(deployment: F.deployment(), model: F.readyModel(), now: F.now))
        let d = try #require(plan.apply)
        #expect(d.metadata.name == "chat-\(Self.revision)")
        #expect(d.spec?.replicas == 2)
        #expect(d.metadata.ownerReferences?.first?.uid == "uid-chat")
        #expect(d.spec?.selector.matchLabels == ["dify.ai/deployment": "chat", "dify.ai/revision": Self.revision])
        let labels = try #require(d.spec?.template.metadata?.labels)
        #expect(labels["app.kubernetes.io/managed-by"] == "dify-operator")
        #expect(labels["dify.ai/model"] == "llama")
        #expect(d.spec?.strategy?.rollingUpdate == RollingUpdateDeployment(maxUnavailable: .int(1), maxSurge: .int(0)))
        let service = try #require(plan.service)
        #expect(service.metadata.name == "chat")
        #expect(service.spec?.selector == ["dify.ai/deployment": "chat"])
        #expect(service.spec?.ports?.first?.targetPort == .string("http"))
        #expect(plan.autoscaler == nil)
        #expect(plan.status.endpoint == Endpoint(url: "http://chat.ai.svc:80/v1", modelName: "llama"))
        #expect(plan.status.selector == "dify.ai/deployment=chat")
        #expect(plan.status.currentRevision == Self.revision)
        #expect(plan.status.stableRevision == nil)
        #expect(plan.status.phase == "Progressing")
        #expect(plan.status.revisions == [RevisionStatus(revision: Self.revision, deploymentName: "chat-\(Self.revision)", replicas: 2, readyReplicas: 0)])
        #expect(condition(plan.status, "ModelReady")?.status == .true)
        #expect(condition(plan.status, "Available")?.status == .false)
        #expect(plan.events.map(\.reason) == ["CreatedService", "CreatedDeployment"])
    }

    @Test func allReplicasReadyIsHealthyAndASecondPassChangesNothing() {
        let live = [F.live("chat-\(Self.revision)", revision: Self.revision, replicas: 2, ready: 2)]
        let first = DeploymentPlanner.plan(DeploymentSnapshot(deployment: F.deployment(), model: F.readyModel(), deployments: live, now: F.now))
        #expect(first.status.phase == "Healthy")
        #expect(first.status.stableRevision == Self.revision)
        #expect(first.status.readyReplicas == 2 && first.status.replicas == 2)
        #expect(condition(first.status, "Available")?.status == .true)
        #expect(condition(first.status, "Progressing")?.reason == "NewRevisionAvailable")
        #expect(first.events.map(\.reason).contains("RolloutComplete"))
        let second = DeploymentPlanner.plan(DeploymentSnapshot(deployment: F.deployment(status: first.status), model: F.readyModel(), deployments: live, now: F.now.addingTimeInterval(3600)))
        #expect(second.status == first.status)
        #expect(second.events.map(\.reason) == ["CreatedService"], "only the Service, absent from this snapshot")
        #expect(second.scale.isEmpty && second.delete.isEmpty)
    }

    @Test func aNewModelRevisionRollsWithSurgeZero() throws {
        var spec = F.modelSpec
        spec.source.revision = "v2"
        let next = Revisions.model(spec)
        let live = [F.live("chat-\(Self.revision)", revision: Self.revision, replicas: 2, ready: 2)]
        let previous = DifyDeploymentStatus(currentRevision: Self.revision, stableRevision: Self.revision)
        let plan = DeploymentPlanner.plan(DeploymentSnapshot(deployment: F.deployment(status: previous), model: F.readyModel(spec: spec), deployments: live, now: F.now))
        #expect(plan.apply?.metadata.name == "chat-\(next)")
        #expect(plan.apply?.spec?.replicas == 1)
        #expect(plan.scale == [.init(name: "chat-\(Self.revision)", from: 2, to: 1)])
        #expect(plan.status.currentRevision == next)
        #expect(plan.status.stableRevision == Self.revision)
        #expect(plan.status.phase == "Progressing")
        #expect(plan.status.lastProgressTime == Time(F.now))
        #expect(plan.requeueAfter == DeploymentPlanner.podDiagnosisAfterSeconds, "back when the pods are worth a look (before the 900 s deadline)")
        #expect(plan.events.map(\.reason) == ["CreatedService", "CreatedDeployment", "RollingUpdate", "Scaled"])

        // The last step retires the old revision by deleting its Deployment.
        let late = [F.live("chat-\(Self.revision)", revision: Self.revision, replicas: 1, ready: 1), F.live("chat-\(next)", revision: next, replicas: 1, ready: 1, createdAt: 10)]
        let last = DeploymentPlanner.plan(DeploymentSnapshot(deployment: F.deployment(status: plan.status), model: F.readyModel(spec: spec), deployments: late, now: F.now))
        #expect(last.delete == ["chat-\(Self.revision)"])
        #expect(last.apply?.spec?.replicas == 2)
    }

    @Test func aChangeWithoutProgressPastTheDeadlineIsDegraded() {
        var spec = F.modelSpec
        spec.source.revision = "v2"
        let next = Revisions.model(spec)
        let stuck = [F.live("chat-\(Self.revision)", revision: Self.revision, replicas: 1, ready: 1), F.live("chat-\(next)", revision: next, replicas: 1, ready: 0, createdAt: 10)]
        let since = Time(F.now.addingTimeInterval(-1000))
        let previous = DifyDeploymentStatus(readyReplicas: 1, currentRevision: next, stableRevision: Self.revision, lastProgressTime: since)
        let plan = DeploymentPlanner.plan(DeploymentSnapshot(deployment: F.deployment(status: previous), model: F.readyModel(spec: spec), deployments: stuck, now: F.now))
        #expect(plan.status.phase == "Degraded")
        #expect(condition(plan.status, "Progressing")?.status == .false)
        #expect(condition(plan.status, "Progressing")?.reason == "ProgressDeadlineExceeded")
        #expect(plan.events.map(\.reason).contains("ProgressDeadlineExceeded"))
        #expect(plan.scale.isEmpty && plan.delete.isEmpty, "waits for readiness; removes nothing more")

        let early = DeploymentPlanner.plan(DeploymentSnapshot(deployment: F.deployment(status: previous), model: F.readyModel(spec: spec), deployments: stuck, now: F.now.addingTimeInterval(-500)))
        #expect(early.status.phase == "Progressing")
        #expect(early.requeueAfter == 400)
    }

    @Test func aMissingModelIsInvalidAndStartsNothing() {
        let plan = DeploymentPlanner.plan(DeploymentSnapshot(deployment: F.deployment(), model: nil, now: F.now))
        #expect(plan.status.phase == "Invalid")
        #expect(condition(plan.status, "ModelReady")?.reason == "ModelNotFound")
        #expect(plan.apply == nil && plan.service == nil)
        #expect(plan.events.map(\.reason) == ["ModelNotFound"])
    }

    @Test func aModelThatIsNotReadyStartsNoPods() {
        let caching = ModelPlanner.plan(ModelSnapshot(model: F.model(), claim: F.claim("llama-cache"), now: F.now)).status
        let plan = DeploymentPlanner.plan(DeploymentSnapshot(deployment: F.deployment(), model: F.model(status: caching), now: F.now))
        #expect(plan.apply == nil && plan.scale.isEmpty)
        #expect(plan.status.phase == "Progressing")
        #expect(condition(plan.status, "ModelReady")?.reason == "ModelNotReady")
        #expect(condition(plan.status, "Progressing")?.reason == "WaitingForModel")
        #expect(plan.events.map(\.reason).contains("WaitingForModel"))
    }

    @Test func anInvalidModelLeavesRunningRevisionsAlone() {
        var bad = F.readyModel()
        bad.spec.size = ModelSize(parameters: "70B")
        bad.metadata.generation = 2
        bad.status = ModelPlanner.plan(ModelSnapshot(model: bad, now: F.now)).status
        let live = [F.live("chat-\(Self.revision)", revision: Self.revision, replicas: 2, ready: 2)]
        let previous = DifyDeploymentStatus(currentRevision: Self.revision, stableRevision: Self.revision)
        let plan = DeploymentPlanner.plan(DeploymentSnapshot(deployment: F.deployment(status: previous), model: bad, deployments: live, now: F.now))
        #expect(plan.apply == nil && plan.scale.isEmpty && plan.delete.isEmpty)
        #expect(plan.status.phase == "Degraded")
        #expect(condition(plan.status, "ModelReady")?.reason == "ModelInvalid")
        #expect(plan.status.readyReplicas == 2)
    }

    @Test func replicaChangesReachTheLiveRevisionWhileTheModelCaches() {
        let caching = ModelPlanner.plan(ModelSnapshot(model: F.model(), claim: F.claim("llama-cache"), now: F.now)).status
        let live = [F.live("chat-\(Self.revision)", revision: Self.revision, replicas: 2, ready: 2)]
        let previous = DifyDeploymentStatus(currentRevision: Self.revision, stableRevision: Self.revision)
        let plan = DeploymentPlanner.plan(DeploymentSnapshot(deployment: F.deployment(replicas: 3, status: previous), model: F.model(status: caching), deployments: live, now: F.now))
        #expect(plan.apply == nil)
        #expect(plan.scale == [.init(name: "chat-\(Self.revision)", from: 2, to: 3)])
    }

    @Test func anInvalidSpecTouchesNothing() {
        let dd = F.deployment { $0.autoscaling = AutoscalingSpec(minReplicas: 5, maxReplicas: 2) }
        let live = [F.live("chat-\(Self.revision)", revision: Self.revision, replicas: 2, ready: 2)]
        let plan = DeploymentPlanner.plan(DeploymentSnapshot(deployment: dd, model: F.readyModel(), deployments: live, now: F.now))
        #expect(plan.status.phase == "Invalid")
        #expect(plan.apply == nil && plan.service == nil && plan.autoscaler == nil && plan.scale.isEmpty && plan.delete.isEmpty && !plan.deleteAutoscaler)
        #expect(plan.events.map(\.reason) == ["InvalidSpec"])
        #expect(plan.status.readyReplicas == 2)
    }

    @Test func autoscalingTargetsTheScaleSubresource() throws {
        let dd = F.deployment { $0.autoscaling = AutoscalingSpec(maxReplicas: 6, targetCPUUtilizationPercentage: 70) }
        let hpa = try #require(DeploymentPlanner.plan(DeploymentSnapshot(deployment: dd, model: F.readyModel(), now: F.now)).autoscaler)
        #expect(hpa.metadata.name == "chat")
        #expect(hpa.spec?.scaleTargetRef == CrossVersionObjectReference(apiVersion: "dify.ai/v1alpha1", kind: "DifyDeployment", name: "chat"))
        #expect(hpa.spec?.minReplicas == 1 && hpa.spec?.maxReplicas == 6)
        #expect(hpa.spec?.metrics == [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 70]]]])
        let custom: JSONValue = ["type": "Pods", "pods": ["metric": ["name": "vllm_num_requests_waiting"], "target": ["type": "AverageValue", "averageValue": "5"]]]
        let dd2 = F.deployment { $0.autoscaling = AutoscalingSpec(maxReplicas: 6, metrics: [custom], behavior: ["scaleDown": ["stabilizationWindowSeconds": 600]]) }
        let hpa2 = try #require(DeploymentPlanner.plan(DeploymentSnapshot(deployment: dd2, model: F.readyModel(), now: F.now)).autoscaler)
        #expect(hpa2.spec?.metrics == [custom])
        #expect(hpa2.spec?.behavior == ["scaleDown": ["stabilizationWindowSeconds": 600]])
        // Removing autoscaling deletes the HPA.
        let removed = DeploymentPlanner.plan(DeploymentSnapshot(deployment: F.deployment(), model: F.readyModel(), autoscaler: hpa, now: F.now))
        #expect(removed.deleteAutoscaler)
    }

    @Test func podOverridesAddToTheModelsPlacement() throws {
        let dd = F.deployment {
            $0.template = PodOverrides(
                nodeSelector: ["topology.kubernetes.io/zone": "zone-b", "nvidia.com/gpu.product": "something-else"],
                tolerations: [Toleration(key: "dedicated", operator: "Equal", value: "llm", effect: "NoSchedule")],
                priorityClassName: "llm-serving", labels: ["team": "ml", "dify.ai/deployment": "spoofed"], annotations: ["prometheus.io/scrape": "true"])
            $0.service = ServiceSpecOverrides(type: "LoadBalancer", port: 8000)
        }
        let plan = DeploymentPlanner.plan(DeploymentSnapshot(deployment: dd, model: F.readyModel(), now: F.now))
        let d = try #require(plan.apply)
        #expect(d.metadata.name != "chat-\(Self.revision)", "overrides are part of the revision")
        let pod = try #require(d.spec?.template.spec)
        #expect(pod.nodeSelector == ["topology.kubernetes.io/zone": "zone-b", "nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3"])
        #expect(pod.tolerations?.contains { $0.key == "dedicated" } == true)
        #expect(pod.tolerations?.contains { $0.key == "nvidia.com/gpu" } == true)
        #expect(pod.priorityClassName == "llm-serving")
        #expect(d.spec?.template.metadata?.labels?["team"] == "ml")
        #expect(d.spec?.template.metadata?.labels?["dify.ai/deployment"] == "chat")
        #expect(d.spec?.template.metadata?.annotations == ["prometheus.io/scrape": "true"])
        #expect(plan.service?.spec?.type == "LoadBalancer")
        #expect(plan.status.endpoint?.url == "http://chat.ai.svc:8000/v1")
    }
}

struct DeploymentNameAndAvailabilityTests {
    typealias F = Fixtures

    @Test(arguments: ["llama-3.1", "8b-chat", String(repeating: "c", count: 64), "chat-", "Chat"])
    func aNameThatCannotNameItsServiceIsInvalid(_ name: String) {
        let plan = DeploymentPlanner.plan(DeploymentSnapshot(deployment: F.deployment(name), model: F.readyModel(), now: F.now))
        #expect(plan.status.phase == "Invalid")
        #expect(plan.status.conditions?.first { $0.type == "Progressing" }?.reason == "InvalidName")
        #expect(plan.apply == nil && plan.service == nil)
    }

    /// Available needs at least one Ready pod whenever pods are wanted, even when
    /// maxUnavailable would allow zero (1 replica, maxUnavailable 1).
    @Test func availableNeedsAReadyPod() {
        let revision = Revisions.model(F.modelSpec)
        let previous = DifyDeploymentStatus(currentRevision: revision, stableRevision: revision)
        let none = DeploymentPlanner.plan(DeploymentSnapshot(deployment: F.deployment(replicas: 1, status: previous), model: F.readyModel(), deployments: [F.live("chat-\(revision)", revision: revision, replicas: 1, ready: 0)], now: F.now))
        #expect(none.status.conditions?.first { $0.type == "Available" }?.status == .false)
        let one = DeploymentPlanner.plan(DeploymentSnapshot(deployment: F.deployment(replicas: 1, status: previous), model: F.readyModel(), deployments: [F.live("chat-\(revision)", revision: revision, replicas: 1, ready: 1)], now: F.now))
        #expect(one.status.conditions?.first { $0.type == "Available" }?.status == .true)
        let zero = DeploymentPlanner.plan(DeploymentSnapshot(deployment: F.deployment(replicas: 0, status: previous), model: F.readyModel(), deployments: [F.live("chat-\(revision)", revision: revision, replicas: 0, ready: 0)], now: F.now))
        #expect(zero.status.conditions?.first { $0.type == "Available" }?.status == .true)
    }
}

struct PodDiagnosisTests {
    typealias F = Fixtures

    static func pod(_ name: String, scheduled: String? = nil, waiting: (String, String)? = nil, ready: Bool = false) -> Pod {
        var conditions: [PodCondition] = []
        if let scheduled { conditions.append(PodCondition(type: "PodScheduled", status: .false, reason: "Unschedulable", message: scheduled)) }
        conditions.append(PodCondition(type: "Ready", status: ready ? .true : .false))
        var statuses: [ContainerStatus]?
        if let (reason, message) = waiting {
            statuses = [ContainerStatus(name: "server", ready: false, restartCount: 0, image: "vllm", imageID: "", state: ["waiting": ["reason": .string(reason), "message": .string(message)]])]
        }
        return Pod(metadata: ObjectMeta(name: name, namespace: "ai"), status: PodStatus(phase: scheduled != nil ? "Pending" : "Running", conditions: conditions, containerStatuses: statuses))
    }

    @Test func theSummarySaysWhyPodsAreNotReady() {
        let pods = [
            Self.pod("a", scheduled: "0/4 nodes are available: 3 Insufficient nvidia.com/gpu."),
            Self.pod("b", scheduled: "0/4 nodes are available: 3 Insufficient nvidia.com/gpu."),
            Self.pod("c", waiting: ("CreateContainerConfigError", "secret \"hf-token\" not found")),
            Self.pod("d", ready: true),
        ]
        #expect(PodDiagnosis.summary(pods) == "2 pods Pending: 0/4 nodes are available: 3 Insufficient nvidia.com/gpu.; 1 pod waiting in container server: CreateContainerConfigError: secret \"hf-token\" not found")
        #expect(PodDiagnosis.summary([Self.pod("d", ready: true)]) == nil)
    }

    @Test func podsAreReadOnlyAfterReplicasHaveBeenMissingForAWhile() {
        let revision = Revisions.model(F.modelSpec)
        let live = [F.live("chat-\(revision)", revision: revision, replicas: 2, ready: 1)]
        func snapshot(progressedSecondsAgo: Double) -> DeploymentSnapshot {
            let status = DifyDeploymentStatus(currentRevision: revision, lastProgressTime: Time(F.now.addingTimeInterval(-progressedSecondsAgo)))
            return DeploymentSnapshot(deployment: F.deployment(status: status), model: F.readyModel(), deployments: live, now: F.now)
        }
        #expect(!DeploymentPlanner.needsPodDiagnosis(snapshot(progressedSecondsAgo: 5)))
        #expect(DeploymentPlanner.needsPodDiagnosis(snapshot(progressedSecondsAgo: DeploymentPlanner.podDiagnosisAfterSeconds)))
        var late = snapshot(progressedSecondsAgo: 60)
        late.pods = [Self.pod("a", scheduled: "0/4 nodes are available: 3 Insufficient nvidia.com/gpu.")]
        let plan = DeploymentPlanner.plan(late)
        #expect(plan.status.conditions?.first { $0.type == "Progressing" }?.message.hasSuffix("1 pod Pending: 0/4 nodes are available: 3 Insufficient nvidia.com/gpu.") == true)
    }
}
