import Foundation
import KubeCore
import Logging
import Testing
@testable import KubeEmulator

/// The simulated data plane, in process: nodes, scheduling, kubelet readiness, Deployments,
/// Jobs, PVCs, snapshots and faults, awaited by polling the store (never by sleeping).
@Suite struct DataPlaneTests {
    // MARK: Nodes

    @Test func defaultClusterNodesHaveTheirCapacity() async throws {
        try await DataPlaneHarness.with { h in
            let nodes = h.api.store.objects("nodes")
            #expect(nodes.compactMap(\.name).sorted() == ["cpu-node-b", "gpu-node-a", "gpu-node-b", "mig-node-a"])
            let gpu = try #require(h.api.store.get("nodes", namespace: "", name: "gpu-node-a"))
            #expect(gpu["status"]["allocatable"]["nvidia.com/gpu"] == "8")
            #expect(gpu["status"]["capacity"]["pods"] == "110")
            #expect(gpu["metadata"]["labels"]["topology.kubernetes.io/zone"] == "zone-a")
            #expect(gpu["metadata"]["labels"]["nvidia.com/gpu.product"] == "NVIDIA-H100-80GB-HBM3")
            #expect(gpu["metadata"]["labels"]["nvidia.com/gpu.count"] == "8")
            #expect(gpu["metadata"]["labels"]["nvidia.com/gpu.memory"] == "81559")
            #expect(gpu["spec"]["taints"] == [["key": "nvidia.com/gpu", "value": "present", "effect": "NoSchedule"]])
            #expect(gpu.dpConditionTrue("Ready"))
            let mig = try #require(h.api.store.get("nodes", namespace: "", name: "mig-node-a"))
            #expect(mig["status"]["allocatable"]["nvidia.com/mig-1g.10gb"] == "16")
            #expect(mig["status"]["allocatable"]["nvidia.com/mig-2g.20gb"] == "8")
            #expect(mig["status"]["allocatable"]["nvidia.com/mig-3g.40gb"] == "8")
            #expect(mig["status"]["allocatable"]["nvidia.com/gpu"].isNull)
            #expect(mig["metadata"]["labels"]["nvidia.com/mig.strategy"] == "mixed")
            #expect(mig["metadata"]["labels"]["nvidia.com/mig.config"] == "all-balanced")
            #expect(mig["metadata"]["labels"]["nvidia.com/mig.config.state"] == "success")
            let cpu = try #require(h.api.store.get("nodes", namespace: "", name: "cpu-node-b"))
            #expect(cpu["spec"]["taints"].isNull)
            #expect(cpu["metadata"]["labels"]["topology.kubernetes.io/zone"] == "zone-b")
            #expect(cpu["status"]["allocatable"]["cpu"] == "63")
        }
    }

    @Test func clusterFileIsParsedAndValidated() throws {
        let spec = try ClusterSpec(json: Array(#"{"nodes":[{"name":"n1","zone":"z","capacity":{"cpu":"4","memory":"8Gi","pods":"10"},"taints":[{"key":"k","effect":"NoExecute"}]}]}"#.utf8))
        #expect(spec.nodes.first?.zone == "z")
        #expect(throws: ClusterSpec.InvalidSpec.self) { try ClusterSpec(json: Array(#"{"nodes":[{"name":"n1","capacity":{"cpu":"lots"}}]}"#.utf8)) }
        #expect(throws: ClusterSpec.InvalidSpec.self) { try ClusterSpec(json: Array(#"{"nodes":[{"name":"n1","capacity":{},"taints":[{"key":"k","effect":"Sometimes"}]}]}"#.utf8)) }
    }

    // MARK: Scheduling

    @Test func gpuPodWithTolerationLandsOnAGPUNodeAndBecomesReady() async throws {
        try await DataPlaneHarness.with { h in
            try h.create("pods", DataPlaneHarness.pod("train", limits: ["nvidia.com/gpu": "1"], tolerateGPU: true))
            let pod = try await h.waitFor("pod Ready") { h.pod("train").flatMap { $0.dpConditionTrue("Ready") ? $0 : nil } }
            #expect(["gpu-node-a", "gpu-node-b"].contains(pod["spec"]["nodeName"].stringValue ?? ""))
            #expect(pod["status"]["phase"] == "Running")
            #expect(pod.dpConditionTrue("PodScheduled") && pod.dpConditionTrue("Initialized") && pod.dpConditionTrue("ContainersReady"))
            #expect(pod["status"]["podIP"].stringValue?.hasPrefix("10.244.") == true)
            #expect(pod["status"]["containerStatuses"][0]["ready"] == true)
            #expect(!pod["status"]["startTime"].isNull)
        }
    }

    @Test func gpuPodWithoutTolerationStaysPendingWithTheSchedulerMessage() async throws {
        try await DataPlaneHarness.with { h in
            try h.create("pods", DataPlaneHarness.pod("greedy", limits: ["nvidia.com/gpu": "1"], tolerateGPU: false))
            let pod = try await h.waitFor("Unschedulable") { h.pod("greedy").flatMap { $0.dpCondition("PodScheduled")?["reason"] == "Unschedulable" ? $0 : nil } }
            #expect(pod["status"]["phase"] == "Pending")
            #expect(pod["spec"]["nodeName"].isNull)
            #expect(pod.dpCondition("PodScheduled")?["status"] == "False")
            #expect(pod.dpCondition("PodScheduled")?["message"] == "0/4 nodes are available: 1 Insufficient nvidia.com/gpu, 3 node(s) had untolerated taint {nvidia.com/gpu: present}. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.")
        }
    }

    @Test func migPodLandsOnTheMIGNode() async throws {
        try await DataPlaneHarness.with { h in
            try h.create("pods", DataPlaneHarness.pod("mig", limits: ["nvidia.com/mig-3g.40gb": "1"], tolerateGPU: true))
            let pod = try await h.waitFor("scheduled") { h.pod("mig").flatMap { $0["spec"]["nodeName"].isNull ? nil : $0 } }
            #expect(pod["spec"]["nodeName"] == "mig-node-a")
        }
    }

    @Test func seventeenSingleGPUPodsLeaveOnePending() async throws {
        try await DataPlaneHarness.with { h in
            for i in 0..<17 {
                try h.create("pods", DataPlaneHarness.pod("gpu-\(i)", limits: ["nvidia.com/gpu": "1"], tolerateGPU: true))
            }
            let pending = try await h.waitFor("16 bound, 1 unschedulable") { () -> [JSONValue]? in
                let pods = h.api.store.objects("pods", namespace: "default")
                let bound = pods.filter { !$0["spec"]["nodeName"].isNull }
                let unschedulable = pods.filter { $0.dpCondition("PodScheduled")?["reason"] == "Unschedulable" }
                return bound.count == 16 && unschedulable.count == 1 ? unschedulable : nil
            }
            #expect(pending[0].dpCondition("PodScheduled")?["message"] == "0/4 nodes are available: 4 Insufficient nvidia.com/gpu. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.")
            let perNode = Dictionary(grouping: h.api.store.objects("pods", namespace: "default").compactMap { $0["spec"]["nodeName"].stringValue }, by: { $0 }).mapValues(\.count)
            #expect(perNode == ["gpu-node-a": 8, "gpu-node-b": 8])
        }
    }

    @Test func nodeSelectorAffinityAndPVCsAreHonoured() async throws {
        try await DataPlaneHarness.with { h in
            var zoned = DataPlaneHarness.pod("zoned", limits: [:], tolerateGPU: true)
            zoned["spec"]["affinity"] = ["nodeAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": [
                ["matchExpressions": [["key": "topology.kubernetes.io/zone", "operator": "In", "values": ["zone-a"]],
                                      ["key": "nvidia.com/gpu.count", "operator": "Gt", "values": ["4"]],
                                      ["key": "nvidia.com/mig.config", "operator": "DoesNotExist"]]],
            ]]]]
            try h.create("pods", zoned)
            var nowhere = DataPlaneHarness.pod("nowhere", limits: [:], tolerateGPU: false)
            nowhere["spec"]["nodeSelector"] = ["kubernetes.io/hostname": "gpu-node-a"]
            try h.create("pods", nowhere)
            var claim = DataPlaneHarness.pod("claimer", limits: [:], tolerateGPU: false)
            claim["spec"]["volumes"] = [["name": "data", "persistentVolumeClaim": ["claimName": "missing"]]]
            try h.create("pods", claim)
            let z = try await h.waitFor("zoned scheduled") { h.pod("zoned").flatMap { $0["spec"]["nodeName"].isNull ? nil : $0 } }
            #expect(z["spec"]["nodeName"] == "gpu-node-a")
            let n = try await h.waitFor("nowhere unschedulable") { h.pod("nowhere")?.dpCondition("PodScheduled")?["message"].stringValue }
            #expect(n == "0/4 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 3 node(s) had untolerated taint {nvidia.com/gpu: present}. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.")
            let c = try await h.waitFor("claimer unschedulable") { h.pod("claimer")?.dpCondition("PodScheduled")?["message"].stringValue }
            #expect(c == "0/4 nodes are available: persistentvolumeclaim \"missing\" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.")
        }
    }

    // MARK: Deployments

    @Test func deploymentBecomesAvailableThroughAReplicaSet() async throws {
        try await DataPlaneHarness.with { h in
            try h.create("apps/deployments", DataPlaneHarness.deployment("web", replicas: 2, image: "nginx:1.27"))
            let d = try await h.waitFor("Available") { h.deployment("web").flatMap { $0.dpConditionTrue("Available") && $0["status"]["readyReplicas"] == 2 ? $0 : nil } }
            #expect(d["status"]["replicas"] == 2)
            #expect(d["status"]["updatedReplicas"] == 2)
            #expect(d["status"]["availableReplicas"] == 2)
            #expect(d["status"]["unavailableReplicas"].isNull)
            #expect(d["status"]["observedGeneration"] == 1)
            #expect(d.dpCondition("Available")?["reason"] == "MinimumReplicasAvailable")
            #expect(d["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "1")
            let done = try await h.waitFor("NewReplicaSetAvailable") { h.deployment("web").flatMap { $0.dpCondition("Progressing")?["reason"] == "NewReplicaSetAvailable" ? $0 : nil } }
            let sets = h.api.store.objects("apps/replicasets", namespace: "default")
            #expect(sets.count == 1)
            let rs = try #require(sets.first)
            let hash = try #require(rs["metadata"]["labels"]["pod-template-hash"].stringValue)
            #expect(rs.name == "web-\(hash)")
            #expect(rs.dpControllerUID == done.uid)
            #expect(rs["spec"]["selector"]["matchLabels"]["pod-template-hash"] == .string(hash))
            let pods = h.api.store.objects("pods", namespace: "default")
            #expect(pods.count == 2)
            for p in pods {
                #expect(p.dpControllerRef?["kind"] == "ReplicaSet")
                #expect(p.dpControllerUID == rs.uid)
                #expect(p["metadata"]["labels"]["pod-template-hash"] == .string(hash))
                #expect(p["spec"]["nodeName"] == "cpu-node-b")
            }
        }
    }

    @Test func rollingUpdateWithoutSurgeNeverExceedsTheReplicas() async throws {
        try await DataPlaneHarness.with { h in
            var d = DataPlaneHarness.deployment("roll", replicas: 2, image: "app:v1")
            d["spec"]["strategy"] = ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 0, "maxUnavailable": 1]]
            try h.create("apps/deployments", d)
            _ = try await h.waitFor("v1 available") { h.deployment("roll").flatMap { $0["status"]["readyReplicas"] == 2 ? $0 : nil } }

            // Count live pods from the store's change feed, which sees every intermediate state.
            let feed = h.api.store.subscribe()
            let maxPods = LockedValue(0)
            let live = LockedValue(Set(h.api.store.objects("pods", namespace: "default").compactMap(\.name)))
            let counter = Task {
                for await e in feed where e.storageKey == "pods" {
                    let n = live.withLock { set -> Int in
                        if e.kind == .deleted { set.remove(e.object.name ?? "") } else { set.insert(e.object.name ?? "") }
                        return set.count
                    }
                    maxPods.withLock { $0 = max($0, n) }
                }
            }
            defer { counter.cancel() }
            try h.update("apps/deployments", "roll") { o in
                var container = o["spec"]["template"]["spec"]["containers"][0]
                container["image"] = "app:v2"
                o["spec"]["template"]["spec"]["containers"] = [container]
            }
            let done = try await h.waitFor("v2 rolled out") { () -> JSONValue? in
                guard let d = h.deployment("roll"), d["status"]["observedGeneration"] == 2, d["status"]["updatedReplicas"] == 2,
                      d["status"]["replicas"] == 2, d["status"]["readyReplicas"] == 2 else { return nil }
                let images = h.api.store.objects("pods", namespace: "default").map { $0["spec"]["containers"][0]["image"] }
                return images == ["app:v2", "app:v2"] ? d : nil
            }
            #expect(done["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "2")
            #expect(maxPods.value <= 2)
            let sets = h.api.store.objects("apps/replicasets", namespace: "default")
            #expect(sets.count == 2)
            #expect(sets.map { $0["spec"]["replicas"].intValue ?? -1 }.sorted() == [0, 2])
        }
    }

    @Test func scalingAndRecreate() async throws {
        try await DataPlaneHarness.with { h in
            var d = DataPlaneHarness.deployment("re", replicas: 1, image: "app:v1")
            d["spec"]["strategy"] = ["type": "Recreate"]
            try h.create("apps/deployments", d)
            _ = try await h.waitFor("1 ready") { h.deployment("re").flatMap { $0["status"]["readyReplicas"] == 1 ? $0 : nil } }
            try h.update("apps/deployments", "re") { o in o["spec"]["replicas"] = 3 }
            _ = try await h.waitFor("3 ready") { h.deployment("re").flatMap { $0["status"]["readyReplicas"] == 3 ? $0 : nil } }
            try h.update("apps/deployments", "re") { o in o["spec"]["template"]["metadata"]["labels"]["v"] = "2" }
            _ = try await h.waitFor("recreated") { () -> JSONValue? in
                guard let d = h.deployment("re"), d["status"]["observedGeneration"] == 3, d["status"]["updatedReplicas"] == 3, d["status"]["readyReplicas"] == 3, d["status"]["replicas"] == 3 else { return nil }
                return d
            }
            try h.update("apps/deployments", "re") { o in o["spec"]["replicas"] = 1 }
            _ = try await h.waitFor("scaled down") { h.api.store.objects("pods", namespace: "default").count == 1 ? true : nil }
        }
    }

    @Test func zoneDownMakesPodsNotReadyAndDeploymentFollows() async throws {
        try await DataPlaneHarness.with { h in
            try h.create("apps/deployments", DataPlaneHarness.deployment("zonal", replicas: 2, image: "nginx:1.27"))
            _ = try await h.waitFor("ready") { h.deployment("zonal").flatMap { $0["status"]["readyReplicas"] == 2 ? $0 : nil } }
            let response = await h.dataPlane.handleAdmin(method: "POST", path: ["zones", "zone-b", "down"], body: .emptyObject)
            #expect(response?.statusCode == 200)
            let node = try #require(h.api.store.get("nodes", namespace: "", name: "cpu-node-b"))
            #expect(node.dpCondition("Ready")?["status"] == "Unknown")
            #expect(node["spec"]["taints"].arrayValue?.contains { $0["key"] == "node.kubernetes.io/unreachable" && $0["effect"] == "NoExecute" } == true)
            let down = try await h.waitFor("not ready") { h.deployment("zonal").flatMap { ($0["status"]["readyReplicas"].intValue ?? 0) == 0 ? $0 : nil } }
            #expect(down.dpCondition("Available")?["status"] == "False")
            for p in h.api.store.objects("pods", namespace: "default") {
                #expect(p.dpCondition("Ready")?["status"] == "False")
                #expect(p["status"]["phase"] == "Running")
            }
            h.dataPlane.setZone("zone-b", up: true)
            _ = try await h.waitFor("ready again") { h.deployment("zonal").flatMap { $0["status"]["readyReplicas"] == 2 && $0.dpConditionTrue("Available") ? $0 : nil } }
        }
    }

    @Test func podsAreEvictedFromADownNodeAfterTheirToleration() async throws {
        var config = DataPlane.Configuration.immediate
        config.notReadyTolerationSeconds = 0
        try await DataPlaneHarness.with(config) { h in
            try h.create("apps/deployments", DataPlaneHarness.deployment("evict", replicas: 1, image: "nginx:1.27"))
            let first = try await h.waitFor("ready") { h.api.store.objects("pods", namespace: "default").first { $0.dpConditionTrue("Ready") } }
            h.dataPlane.setNode("cpu-node-b", up: false)
            let replacement = try await h.waitFor("replacement unschedulable") { () -> JSONValue? in
                let pods = h.api.store.objects("pods", namespace: "default")
                guard pods.count == 1, let p = pods.first, p.uid != first.uid, p.dpCondition("PodScheduled")?["reason"] == "Unschedulable" else { return nil }
                return p
            }
            #expect(replacement.dpCondition("PodScheduled")?["message"].stringValue?.contains("1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }") == true)
            h.dataPlane.setNode("cpu-node-b", up: true)
            _ = try await h.waitFor("ready again") { h.deployment("evict").flatMap { $0["status"]["readyReplicas"] == 1 ? $0 : nil } }
        }
    }

    @Test func neverReadyImageKeepsReadyReplicasAtZero() async throws {
        try await DataPlaneHarness.with { h in
            let r = await h.dataPlane.handleAdmin(method: "POST", path: ["images", "never-ready"], body: ["image": "registry.example/stuck"])
            #expect(r?.statusCode == 200)
            try h.create("apps/deployments", DataPlaneHarness.deployment("stuck", replicas: 2, image: "registry.example/stuck:1.0"))
            let d = try await h.waitFor("pods running") { () -> JSONValue? in
                let pods = h.api.store.objects("pods", namespace: "default")
                guard pods.count == 2, pods.allSatisfy({ $0["status"]["phase"] == "Running" }),
                      let d = h.deployment("stuck"), d["status"]["replicas"] == 2 else { return nil }
                return d
            }
            #expect((d["status"]["readyReplicas"].intValue ?? 0) == 0)
            #expect(d.dpCondition("Available")?["status"] == "False")
            #expect(d["status"]["unavailableReplicas"] == 2)
            for p in h.api.store.objects("pods", namespace: "default") {
                #expect(p.dpCondition("Ready")?["reason"] == "ContainersNotReady")
                #expect(p.dpCondition("Ready")?["message"] == "containers with unready status: [app]")
            }
            _ = await h.dataPlane.handleAdmin(method: "DELETE", path: ["images", "never-ready"], body: .emptyObject)
            _ = try await h.waitFor("ready once cleared") { h.deployment("stuck").flatMap { $0["status"]["readyReplicas"] == 2 ? $0 : nil } }
        }
    }

    @Test func progressDeadlineIsReported() async throws {
        try await DataPlaneHarness.with { h in
            h.dataPlane.setNeverReady(image: "slow", true)
            var d = DataPlaneHarness.deployment("late", replicas: 1, image: "slow")
            d["spec"]["progressDeadlineSeconds"] = 1
            try h.create("apps/deployments", d)
            let timedOut = try await h.waitFor("ProgressDeadlineExceeded", timeout: .seconds(15)) {
                h.deployment("late").flatMap { $0.dpCondition("Progressing")?["reason"] == "ProgressDeadlineExceeded" ? $0 : nil }
            }
            #expect(timedOut.dpCondition("Progressing")?["status"] == "False")
            #expect(timedOut.dpCondition("Progressing")?["message"].stringValue?.hasSuffix("has timed out progressing.") == true)
        }
    }

    @Test func dataPlaneGoesIdleOnceConverged() async throws {
        try await DataPlaneHarness.with(DataPlane.Configuration(podReadyDelay: .milliseconds(200), jobDuration: .milliseconds(300), snapshotDelay: .zero)) { h in
            try h.create("apps/deployments", DataPlaneHarness.deployment("calm", replicas: 3, image: "nginx:1.27"))
            try h.create("batch/jobs", DataPlaneHarness.job("once", image: "busybox:1"))
            _ = try await h.waitFor("converged") { () -> Bool? in
                h.deployment("calm")?.dpCondition("Progressing")?["reason"] == "NewReplicaSetAvailable" && h.get("batch/jobs", "once")?.dpConditionTrue("Complete") == true ? true : nil
            }
            // No further writes nor passes once everything has converged.
            var last = (h.api.store.revision, h.dataPlane.passes.value)
            var stableSince = ContinuousClock.now
            _ = try await h.waitFor("no more writes") { () -> Bool? in
                let now = (h.api.store.revision, h.dataPlane.passes.value)
                if now != last { last = now; stableSince = ContinuousClock.now; return nil }
                return ContinuousClock.now - stableSince >= .milliseconds(500) ? true : nil
            }
        }
    }

    // MARK: Jobs and volumes

    @Test func jobCompletes() async throws {
        try await DataPlaneHarness.with { h in
            try h.create("batch/jobs", DataPlaneHarness.job("migrate", image: "migrate:1"))
            let job = try await h.waitFor("Complete") { h.get("batch/jobs", "migrate").flatMap { $0.dpConditionTrue("Complete") ? $0 : nil } }
            #expect(job["status"]["succeeded"] == 1)
            #expect(job["status"]["active"].isNull)
            #expect(job.dpConditionTrue("SuccessCriteriaMet"))
            #expect(!job["status"]["startTime"].isNull && !job["status"]["completionTime"].isNull)
            let pods = h.api.store.objects("pods", namespace: "default")
            #expect(pods.count == 1)
            #expect(pods.first?["status"]["phase"] == "Succeeded")
            #expect(pods.first?["metadata"]["labels"]["batch.kubernetes.io/job-name"] == "migrate")
        }
    }

    @Test func failingJobHitsItsBackoffLimit() async throws {
        try await DataPlaneHarness.with { h in
            h.dataPlane.setFailing(image: "broken", true)
            var job = DataPlaneHarness.job("bad", image: "broken:2")
            job["spec"]["backoffLimit"] = 1
            try h.create("batch/jobs", job)
            let failed = try await h.waitFor("Failed") { h.get("batch/jobs", "bad").flatMap { $0.dpConditionTrue("Failed") ? $0 : nil } }
            #expect(failed["status"]["failed"] == 2)
            #expect(failed.dpCondition("Failed")?["reason"] == "BackoffLimitExceeded")
            #expect(failed.dpConditionTrue("FailureTarget"))
        }
    }

    /// The interleaving behind a once-flaky `failingJobHitsItsBackoffLimit`, made deterministic:
    /// a pass has read the faults when, from another thread, an image is made failing and then
    /// a Job of it is created. The fault change must wait for that pass: were the pass to go on
    /// and see the Job, its kubelet would run the pod to `Succeeded` with the stale faults, and
    /// the Job would complete instead of failing.
    @Test func faultChangeWaitsForThePassInFlight() throws {
        let hook = LockedValue<(@Sendable () -> Void)?>(nil)
        let store = ObjectStore()
        let api = APIServer(store: store, registry: ResourceRegistry(), tokens: [:], admission: EmulatorAdmission(), fieldTracker: ManagedFieldTracker(schemas: SchemaLookup()),
                            faults: Faults(), logger: Logger(label: "test"), bookmarkInterval: .seconds(60), continueTokenTTL: ContinuePager.defaultTTL) {
            // The pass reads the clock right after the faults: the hook runs there, once.
            hook.withLock { h in defer { h = nil }; return h }?()
            return Date()
        }
        let nsDef = try #require(api.registry.lookup(group: "", version: "v1", plural: "namespaces"))
        _ = try api.create(nsDef, namespace: nil, body: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "default"]], options: WriteContext(manager: "test", now: Date()))
        let dataPlane = DataPlane(api: api, configuration: .immediate)
        dataPlane.createNodes()
        let jobDef = try #require(api.definition(forStorageKey: "batch/jobs"))
        var job = DataPlaneHarness.job("bad", image: "broken:2")
        job["spec"]["backoffLimit"] = 1

        let done = DispatchSemaphore(value: 0)
        hook.value = { [job] in
            Thread.detachNewThread {
                dataPlane.setFailing(image: "broken", true)
                _ = try? api.create(jobDef, namespace: "default", body: job, options: WriteContext(manager: "test", now: Date()))
                done.signal()
            }
            // Give the other thread its chance to act in the middle of the pass.
            if done.wait(timeout: .now() + .milliseconds(500)) == .success { done.signal() }
        }
        dataPlane.reconcile()
        done.wait()
        for _ in 0..<10 where !(store.get("batch/jobs", namespace: "default", name: "bad").map(JobController.isFinished) ?? false) {
            dataPlane.reconcile()
        }
        let finished = try #require(store.get("batch/jobs", namespace: "default", name: "bad"))
        #expect(finished.dpConditionTrue("Failed"))
        #expect(!finished.dpConditionTrue("Complete"))
        #expect(finished["status"]["failed"] == 2)
        #expect(store.objects("pods", namespace: "default").allSatisfy { $0["status"]["phase"] == "Failed" })
    }

    @Test func pvcBecomesBound() async throws {
        try await DataPlaneHarness.with { h in
            try h.create("persistentvolumeclaims", DataPlaneHarness.pvc("data", size: "10Gi"))
            let pvc = try await h.waitFor("Bound") { h.get("persistentvolumeclaims", "data").flatMap { $0["status"]["phase"] == "Bound" ? $0 : nil } }
            #expect(pvc["status"]["capacity"]["storage"] == "10Gi")
            #expect(pvc["status"]["accessModes"] == ["ReadWriteOnce"])
            #expect(pvc["spec"]["volumeName"].stringValue == "pvc-\(pvc.uid ?? "")")
        }
    }

    @Test func volumeSnapshotsFollowTheSnapshotMode() async throws {
        try await DataPlaneHarness.with { h in
            try h.create("apiextensions.k8s.io/customresourcedefinitions", DataPlaneHarness.volumeSnapshotCRD, namespace: nil)
            _ = try await h.waitFor("CRD served") { h.api.definition(forStorageKey: "snapshot.storage.k8s.io/volumesnapshots") }
            try h.create("persistentvolumeclaims", DataPlaneHarness.pvc("src", size: "5Gi"))
            try h.create("snapshot.storage.k8s.io/volumesnapshots", DataPlaneHarness.snapshot("snap-ok", pvc: "src"))
            let ok = try await h.waitFor("ready") { h.get("snapshot.storage.k8s.io/volumesnapshots", "snap-ok").flatMap { $0["status"]["readyToUse"] == true ? $0 : nil } }
            #expect(ok["status"]["restoreSize"] == "5Gi")
            #expect(!ok["status"]["creationTime"].isNull)

            let r = await h.dataPlane.handleAdmin(method: "POST", path: ["snapshots"], body: ["mode": "fail"])
            #expect(r?.statusCode == 200)
            try h.create("snapshot.storage.k8s.io/volumesnapshots", DataPlaneHarness.snapshot("snap-bad", pvc: "src"))
            let bad = try await h.waitFor("error") { h.get("snapshot.storage.k8s.io/volumesnapshots", "snap-bad").flatMap { $0["status"]["error"].isNull ? nil : $0 } }
            #expect(bad["status"]["readyToUse"] == false)
            #expect(!bad["status"]["error"]["message"].isNull && !bad["status"]["error"]["time"].isNull)

            h.dataPlane.setSnapshotMode(.hang)
            try h.create("snapshot.storage.k8s.io/volumesnapshots", DataPlaneHarness.snapshot("snap-hang", pvc: "src"))
            _ = try await h.waitFor("seen") { h.get("snapshot.storage.k8s.io/volumesnapshots", "snap-hang").flatMap { $0["status"]["readyToUse"] == false ? $0 : nil } }
            h.dataPlane.setSnapshotMode(.normal)
            _ = try await h.waitFor("released") { h.get("snapshot.storage.k8s.io/volumesnapshots", "snap-hang").flatMap { $0["status"]["readyToUse"] == true ? $0 : nil } }

            var restored = DataPlaneHarness.pvc("restored", size: "1Gi")
            restored["spec"]["dataSource"] = ["apiGroup": "snapshot.storage.k8s.io", "kind": "VolumeSnapshot", "name": "snap-ok"]
            try h.create("persistentvolumeclaims", restored)
            let pvc = try await h.waitFor("restored Bound") { h.get("persistentvolumeclaims", "restored").flatMap { $0["status"]["phase"] == "Bound" ? $0 : nil } }
            #expect(pvc["status"]["capacity"]["storage"] == "5Gi")
        }
    }

    @Test func adminAPIReportsAndRejects() async throws {
        try await DataPlaneHarness.with { h in
            #expect(await h.dataPlane.handleAdmin(method: "POST", path: ["nodes", "nope", "down"], body: .emptyObject)?.statusCode == 404)
            #expect(await h.dataPlane.handleAdmin(method: "POST", path: ["snapshots"], body: ["mode": "maybe"])?.statusCode == 400)
            #expect(await h.dataPlane.handleAdmin(method: "POST", path: ["images", "fail"], body: .emptyObject)?.statusCode == 400)
            #expect(await h.dataPlane.handleAdmin(method: "GET", path: ["unrelated"], body: .emptyObject) == nil)
            _ = await h.dataPlane.handleAdmin(method: "POST", path: ["nodes", "gpu-node-a", "down"], body: .emptyObject)
            _ = await h.dataPlane.handleAdmin(method: "POST", path: ["controllers", "pause"], body: .emptyObject)
            #expect(h.dataPlane.faultState.downNodes == ["gpu-node-a"])
            #expect(h.dataPlane.faultState.controllersPaused)
            _ = await h.dataPlane.handleAdmin(method: "POST", path: ["controllers", "resume"], body: .emptyObject)
            #expect(!h.dataPlane.faultState.controllersPaused)
        }
    }

    @Test func adminPathsAreServedThroughTheAPIServer() async throws {
        try await DataPlaneHarness.with { h in
            func send(_ method: String, _ path: String, _ body: String = "") async -> APIResponse {
                await h.api.handle(APIRequest(method: method, path: path, query: [:], headers: [("Authorization", "Bearer \(h.emulator.adminToken)")], body: Array(body.utf8), user: nil))
            }
            #expect(await send("POST", "/emulator/nodes/gpu-node-b/down").statusCode == 200)
            let node = try await h.waitFor("node down") { h.api.store.get("nodes", namespace: "", name: "gpu-node-b").flatMap { $0.dpCondition("Ready")?["status"] == "Unknown" ? $0 : nil } }
            #expect(node.dpCondition("Ready")?["reason"] == "NodeStatusUnknown")
            #expect(await send("POST", "/emulator/nodes/gpu-node-b/up").statusCode == 200)
            #expect(h.api.store.get("nodes", namespace: "", name: "gpu-node-b")?.dpConditionTrue("Ready") == true)
            #expect(await send("POST", "/emulator/images/fail", #"{"image":"crash"}"#).statusCode == 200)
            #expect(h.dataPlane.faultState.failingImages == ["crash"])
            #expect(await send("POST", "/emulator/zones/zone-x/down").statusCode == 404)
            #expect(await send("POST", "/emulator/nowhere").statusCode == 404)
        }
    }

    // MARK: Rules

    @Test func tolerationsAndNodeAffinityRules() {
        let taint: JSONValue = ["key": "nvidia.com/gpu", "value": "present", "effect": "NoSchedule"]
        #expect(NodeMatching.tolerates(["operator": "Exists"], taint))
        #expect(NodeMatching.tolerates(["key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"], taint))
        #expect(NodeMatching.tolerates(["key": "nvidia.com/gpu", "value": "present"], taint))
        #expect(!NodeMatching.tolerates(["key": "nvidia.com/gpu", "value": "absent"], taint))
        #expect(!NodeMatching.tolerates(["key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoExecute"], taint))
        #expect(!NodeMatching.tolerates(["operator": "Equal"], taint))
        #expect(NodeMatching.requirementMatches(["operator": "NotIn", "values": ["a"]], value: nil))
        #expect(NodeMatching.requirementMatches(["operator": "Lt", "values": ["10"]], value: "9"))
        #expect(!NodeMatching.requirementMatches(["operator": "Gt", "values": ["10"]], value: "x"))
        #expect(!NodeMatching.termMatches(.emptyObject, nodeName: "n", labels: [:]))
        #expect(NodeMatching.termMatches(["matchFields": [["key": "metadata.name", "operator": "In", "values": ["n"]]]], nodeName: "n", labels: [:]))
    }

    @Test func podRequestsDefaultToLimitsAndCountInitContainers() throws {
        let pod: JSONValue = ["spec": [
            "containers": [["name": "a", "resources": ["limits": ["nvidia.com/gpu": "2", "cpu": "1"], "requests": ["cpu": "500m"]]]],
            "initContainers": [["name": "i", "resources": ["requests": ["cpu": "2"]]]],
        ]]
        let r = PodResources.pod(pod)
        #expect(r["nvidia.com/gpu"] == 2)
        #expect(r["cpu"] == 2)
        #expect(PodResources.qosClass(pod) == "Burstable")
        #expect(PodResources.qosClass(["spec": ["containers": [["name": "a"]]]]) == "BestEffort")
    }

    @Test func podTemplateHashIsStableAndSafe() {
        let t: JSONValue = ["metadata": ["labels": ["app": "x"]], "spec": ["containers": [["name": "c", "image": "i"]]]]
        let h = PodTemplateHash.compute(t, collisionCount: nil)
        #expect(h == PodTemplateHash.compute(t, collisionCount: nil))
        #expect(h != PodTemplateHash.compute(t, collisionCount: 1))
        #expect(h.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
        var labelled = t
        labelled["metadata"]["labels"]["pod-template-hash"] = .string(h)
        #expect(PodTemplateHash.equalIgnoringHash(t, labelled))
    }
}

/// A started emulator with a data plane whose transitions take no time.
private struct DataPlaneHarness {
    let emulator: Emulator
    var api: APIServer { emulator.api }
    var dataPlane: DataPlane { emulator.dataPlane! }

    static func with(_ configuration: DataPlane.Configuration = .immediate, _ body: (DataPlaneHarness) async throws -> Void) async throws {
        var config = Emulator.Configuration()
        config.dataPlane = configuration
        let emulator = try Emulator(configuration: config)
        try await emulator.start()
        let h = DataPlaneHarness(emulator: emulator)
        do {
            try await body(h)
        } catch {
            await emulator.shutdown()
            throw error
        }
        await emulator.shutdown()
    }

    struct Timeout: Error, CustomStringConvertible {
        var what: String
        var description: String { "timed out waiting for \(what)" }
    }

    /// Polls `check` every 20 ms until it returns a value, failing after `timeout`. A JSON
    /// `null` counts as no value (`cond ? obj : nil` builds `JSONValue.null`, not `nil`).
    func waitFor<T>(_ what: String, timeout: Duration = .seconds(10), _ check: () -> T?) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let v = check(), (v as? JSONValue)?.isNull != true { return v }
            if ContinuousClock.now >= deadline { throw Timeout(what: what) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    func definition(_ storageKey: String) throws -> ResourceDefinition {
        try #require(api.definition(forStorageKey: storageKey))
    }

    @discardableResult
    func create(_ storageKey: String, _ body: JSONValue, namespace: String? = "default") throws -> JSONValue {
        try api.create(try definition(storageKey), namespace: namespace, body: body, options: WriteContext(manager: "test", now: Date())).0
    }

    /// A client-style read-modify-write of the main resource.
    func update(_ storageKey: String, _ name: String, _ change: (inout JSONValue) -> Void) throws {
        let def = try definition(storageKey)
        for _ in 0..<20 {
            var obj = try api.get(def, namespace: "default", name: name)
            change(&obj)
            do {
                _ = try api.update(def, namespace: "default", name: name, subresource: nil, body: obj, options: WriteContext(manager: "test", now: Date()))
                return
            } catch let e as APIError where e.status.code == 409 {
                continue
            }
        }
        throw Timeout(what: "a conflict-free update of \(name)")
    }

    func get(_ storageKey: String, _ name: String) -> JSONValue? { api.store.get(storageKey, namespace: "default", name: name) }
    func pod(_ name: String) -> JSONValue? { get("pods", name) }
    func deployment(_ name: String) -> JSONValue? { get("apps/deployments", name) }

    static func pod(_ name: String, limits: [String: String], tolerateGPU: Bool) -> JSONValue {
        var container: JSONValue = ["name": "main", "image": "cuda:12"]
        if !limits.isEmpty { container["resources"] = ["limits": .object(limits.mapValues { .string($0) })] }
        var pod: JSONValue = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name)], "spec": ["containers": [container]]]
        if tolerateGPU { pod["spec"]["tolerations"] = [["key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"]] }
        return pod
    }

    static func deployment(_ name: String, replicas: Int64, image: String) -> JSONValue {
        ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name)],
         "spec": ["replicas": .int(replicas), "selector": ["matchLabels": ["app": .string(name)]],
                  "template": ["metadata": ["labels": ["app": .string(name)]],
                               "spec": ["containers": [["name": "app", "image": .string(image), "resources": ["requests": ["cpu": "100m", "memory": "64Mi"]]]]]]]]
    }

    static func job(_ name: String, image: String) -> JSONValue {
        ["apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": .string(name)],
         "spec": ["template": ["spec": ["restartPolicy": "Never", "containers": [["name": "job", "image": .string(image)]]]]]]
    }

    static func pvc(_ name: String, size: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": ["name": .string(name)],
         "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": .string(size)]]]]
    }

    static func snapshot(_ name: String, pvc: String) -> JSONValue {
        ["apiVersion": "snapshot.storage.k8s.io/v1", "kind": "VolumeSnapshot", "metadata": ["name": .string(name)],
         "spec": ["volumeSnapshotClassName": "csi-snapclass", "source": ["persistentVolumeClaimName": .string(pvc)]]]
    }

    /// The VolumeSnapshot CRD, reduced to what the emulator needs.
    static let volumeSnapshotCRD: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "volumesnapshots.snapshot.storage.k8s.io"],
        "spec": [
            "group": "snapshot.storage.k8s.io", "scope": "Namespaced",
            "names": ["plural": "volumesnapshots", "singular": "volumesnapshot", "kind": "VolumeSnapshot", "listKind": "VolumeSnapshotList", "shortNames": ["vs"]],
            "versions": [[
                "name": "v1", "served": true, "storage": true, "subresources": ["status": .emptyObject],
                "schema": ["openAPIV3Schema": ["type": "object", "properties": [
                    "spec": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                    "status": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                ]]],
            ]],
        ],
    ]
}
