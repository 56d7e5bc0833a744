import DifyAPI
import DifyPlanners
import Foundation
import KubeCore

/// Objects for the planner tests, as the cache would hold them (uids, generations, times).
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let created = Time(Date(timeIntervalSince1970: 1_799_990_000))

    static func model(_ name: String = "llama", spec: DifyModelSpec = modelSpec, generation: Int64 = 1, status: DifyModelStatus? = nil) -> DifyModel {
        var meta = ObjectMeta(name: name, namespace: "ai")
        meta.uid = "uid-\(name)"
        meta.generation = generation
        meta.creationTimestamp = created
        return DifyModel(metadata: meta, spec: spec, status: status)
    }

    static let modelSpec = DifyModelSpec(
        source: ModelSource(uri: "hf://meta-llama/Meta-Llama-3-8B-Instruct"),
        size: ModelSize(parameters: "8B"),
        resources: ModelResources(gpu: GPURequest(count: 1, product: "NVIDIA-H100-80GB-HBM3")))

    /// A model the model controller has reported Ready for its current spec.
    static func readyModel(_ name: String = "llama", spec: DifyModelSpec = modelSpec) -> DifyModel {
        var m = model(name, spec: spec)
        let plan = ModelPlanner.plan(ModelSnapshot(model: m, claim: claim(DifyNames.cacheClaim(model: name)), jobs: [completeJob(DifyNames.preloadJob(model: name, revision: Revisions.model(spec)))], now: now))
        m.status = plan.status
        return m
    }

    static func deployment(_ name: String = "chat", model: String = "llama", replicas: Int32? = 2, generation: Int64 = 1, spec: ((inout DifyDeploymentSpec) -> Void)? = nil, status: DifyDeploymentStatus? = nil) -> DifyDeployment {
        var meta = ObjectMeta(name: name, namespace: "ai")
        meta.uid = "uid-\(name)"
        meta.generation = generation
        var s = DifyDeploymentSpec(modelRef: LocalName(name: model), replicas: replicas)
        spec?(&s)
        return DifyDeployment(metadata: meta, spec: s, status: status)
    }

    static func claim(_ name: String) -> PersistentVolumeClaim {
        PersistentVolumeClaim(metadata: ObjectMeta(name: name, namespace: "ai"))
    }

    static func job(_ name: String, conditions: [JobCondition]? = nil) -> Job {
        var meta = ObjectMeta(name: name, namespace: "ai")
        meta.uid = "uid-\(name)"
        return Job(metadata: meta, status: JobStatus(conditions: conditions))
    }

    static func completeJob(_ name: String) -> Job {
        job(name, conditions: [JobCondition(type: "Complete", status: .true)])
    }

    /// A live revision Deployment with `replicas` asked for and `ready` Ready.
    static func live(_ name: String, revision: String, replicas: Int32, ready: Int32, createdAt seconds: Double = 0) -> Deployment {
        var meta = ObjectMeta(name: name, namespace: "ai", labels: [DifyNames.revisionLabel: revision])
        meta.creationTimestamp = Time(Date(timeIntervalSince1970: 1_799_990_000 + seconds))
        var d = Deployment(metadata: meta, spec: DeploymentSpec(replicas: replicas, selector: LabelSelector(), template: PodTemplateSpec()))
        d.status = DeploymentStatus(replicas: replicas, readyReplicas: ready)
        return d
    }
}
