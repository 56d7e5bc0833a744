import DifyAPI
import Foundation
import KubeCore

/// Plans a DifyModel (pure): its cache PVC, the preload Job of its revision, its status and
/// the events of this pass.
///
/// Phases: `Invalid` (the spec cannot be acted on; nothing is touched and the last valid
/// `revision` and `resolved` stay in status, so DifyDeployments keep serving it), `Pending`
/// (the cache claim does not exist yet), `Caching` (the preload Job of the revision runs),
/// `Failed` (it failed), `Ready` (serving pods may start).
/// Conditions: `Validated`, `CacheReady`, `Ready`, each with the generation it describes.
public enum ModelPlanner {
    public enum Phase {
        public static let pending = "Pending"
        public static let caching = "Caching"
        public static let ready = "Ready"
        public static let invalid = "Invalid"
        public static let failed = "Failed"
    }

    public enum ConditionType {
        public static let validated = "Validated"
        public static let cacheReady = "CacheReady"
        public static let ready = "Ready"
    }

    public static func plan(_ snapshot: ModelSnapshot) -> ModelPlan {
        let model = snapshot.model
        let previous = model.status ?? DifyModelStatus()
        var conditions = ConditionList(previous: previous.conditions, generation: model.metadata.generation, now: snapshot.now)

        let resolved: ResolvedModel
        switch ModelResolver.resolve(model).flatMap({ r in cacheProblem(r, model: model, live: snapshot.claim).map { .failure($0) } ?? .success(r) }) {
        case .failure(let problem):
            conditions.set(ConditionType.validated, .false, reason: problem.reason, message: problem.message)
            conditions.set(ConditionType.ready, .false, reason: "InvalidSpec", message: previous.revision.map { "The spec is invalid; revision \($0) keeps serving." } ?? "The spec is invalid; nothing is served.")
            var status = previous
            status.observedGeneration = model.metadata.generation
            status.phase = Phase.invalid
            status.conditions = conditions.conditions
            var events: [PlannedEvent] = []
            if previous.phase != Phase.invalid || previous.conditions?.first(where: { $0.type == ConditionType.validated })?.message != problem.message {
                events.append(PlannedEvent(.warning, "InvalidSpec", problem.description))
            }
            return ModelPlan(status: status, claim: nil, createJob: nil, deleteJobs: [], events: events)
        case .success(let r):
            resolved = r
        }
        conditions.set(ConditionType.validated, .true, reason: "Valid", message: validMessage(resolved))

        var events: [PlannedEvent] = []
        let claim = resolved.managesClaim ? ModelChildren.claim(model, resolved: resolved, live: snapshot.claim) : nil
        if claim != nil, snapshot.claim == nil {
            events.append(PlannedEvent(.normal, "CreatedCacheClaim", "Created PersistentVolumeClaim \(resolved.claimName) for the model cache"))
        }

        let modelName = model.metadata.name ?? ""
        let jobName = DifyNames.preloadJob(model: modelName, revision: resolved.revision)
        let current = snapshot.jobs.first { $0.metadata.name == jobName }
        let deleteJobs = snapshot.jobs.compactMap(\.metadata.name).filter { $0 != jobName }.sorted()
        var createJob: Job?
        var cache = CacheStatus(claimName: resolved.claimName, loaded: false, jobName: nil)
        let phase: String

        if !resolved.managesClaim && snapshot.claim == nil {
            // An existing claim or a pvc:// source that is not there (yet): nothing can mount it.
            conditions.set(ConditionType.cacheReady, .false, reason: "ClaimNotFound", message: "PersistentVolumeClaim \(resolved.claimName) does not exist")
            phase = Phase.pending
        } else if !resolved.preloads {
            cache.loaded = resolved.source.pvcClaim != nil
            let reason = resolved.source.pvcClaim != nil ? "SourceIsVolume" : "PreloadDisabled"
            let message = resolved.source.pvcClaim != nil
                ? "Serving pods mount PersistentVolumeClaim \(resolved.claimName) directly"
                : "Preloading is off; serving pods download the weights into \(resolved.claimName) themselves"
            conditions.set(ConditionType.cacheReady, .true, reason: reason, message: message)
            phase = Phase.ready
        } else {
            cache.jobName = jobName
            if let job = current {
                if job.isComplete {
                    cache.loaded = true
                    conditions.set(ConditionType.cacheReady, .true, reason: "Preloaded", message: "Preload Job \(jobName) filled \(resolved.claimName) with revision \(resolved.revision)")
                    phase = Phase.ready
                } else if let failure = job.failure {
                    conditions.set(ConditionType.cacheReady, .false, reason: "PreloadFailed", message: "Preload Job \(jobName) failed: \(failure)")
                    phase = Phase.failed
                } else {
                    conditions.set(ConditionType.cacheReady, .false, reason: "Preloading", message: "Preload Job \(jobName) is filling \(resolved.claimName)")
                    phase = Phase.caching
                }
            } else {
                createJob = ModelChildren.preloadJob(model, resolved: resolved)
                conditions.set(ConditionType.cacheReady, .false, reason: "Preloading", message: "Starting preload Job \(jobName)")
                phase = Phase.caching
                events.append(PlannedEvent(.normal, "Preloading", "Started preload Job \(jobName) for revision \(resolved.revision)"))
            }
        }

        switch phase {
        case Phase.ready:
            conditions.set(ConditionType.ready, .true, reason: "Ready", message: "Revision \(resolved.revision) is ready to serve")
            if previous.phase != Phase.ready || previous.revision != resolved.revision {
                events.append(PlannedEvent(.normal, "ModelReady", "Revision \(resolved.revision) is ready to serve"))
            }
        case Phase.failed:
            conditions.set(ConditionType.ready, .false, reason: "PreloadFailed", message: "The cache could not be filled")
            if previous.phase != Phase.failed {
                events.append(PlannedEvent(.warning, "PreloadFailed", conditions.conditions.first { $0.type == ConditionType.cacheReady }?.message ?? "preload failed"))
            }
        default:
            let reason = phase == Phase.pending ? "WaitingForClaim" : "WaitingForCache"
            conditions.set(ConditionType.ready, .false, reason: reason, message: "Waiting for the cache of revision \(resolved.revision)")
        }

        let placement = resolved.placement
        let status = DifyModelStatus(
            observedGeneration: model.metadata.generation,
            phase: phase,
            revision: resolved.revision,
            resolved: ResolvedResources(
                gpuResourceName: placement.resourceName,
                gpuResourceCount: placement.resourceName == nil ? nil : placement.count,
                nodeSelector: placement.nodeSelector.isEmpty ? nil : placement.nodeSelector,
                estimatedMemory: placement.estimate?.quantityString,
                migProfile: placement.migProfile),
            cache: cache,
            conditions: conditions.conditions)
        return ModelPlan(status: status, claim: claim, createJob: createJob, deleteJobs: deleteJobs, events: events)
    }

    /// Changes the CRD forbids (its CEL rules) because they would orphan the cached weights,
    /// checked again against what is in use: the claim the status says the model uses, and the
    /// live cache PVC's class and access mode (immutable once the PVC exists).
    static func cacheProblem(_ r: ResolvedModel, model: DifyModel, live: PersistentVolumeClaim?) -> SpecProblem? {
        if let inUse = model.status?.cache?.claimName, inUse != r.claimName {
            return SpecProblem(field: "spec.cache.existingClaimName", reason: "ImmutableField", message: "the model's weights are in PersistentVolumeClaim \(inUse); cache.existingClaimName cannot change it to \(r.claimName): delete and recreate the DifyModel to serve from another claim")
        }
        guard r.managesClaim, let live, let spec = live.spec else { return nil }
        let cache = model.spec.cache
        if let wanted = cache?.storageClassName, let actual = spec.storageClassName, wanted != actual {
            return SpecProblem(field: "spec.cache.storageClassName", reason: "ImmutableField", message: "the cache PersistentVolumeClaim \(r.claimName) has storage class \(actual); a claim's class cannot change: set it back, or delete and recreate the DifyModel")
        }
        let mode = cache?.accessMode ?? DifyDefaults.cacheAccessMode
        if let actual = spec.accessModes, actual != [mode] {
            return SpecProblem(field: "spec.cache.accessMode", reason: "ImmutableField", message: "the cache PersistentVolumeClaim \(r.claimName) has access mode \(actual.joined(separator: ", ")); a claim's access mode cannot change: set it back, or delete and recreate the DifyModel")
        }
        return nil
    }

    static func validMessage(_ r: ResolvedModel) -> String {
        let gpu = r.placement.resourceName.map { "\(r.placement.count) x \($0)" } ?? "no GPU"
        let memory = r.placement.estimate.map { ", estimated memory \($0.quantityString)" } ?? ""
        return "Serves with \(gpu)\(memory)"
    }
}

extension Job {
    /// The Job controller set `Complete` (all completions succeeded).
    var isComplete: Bool { status?.conditions?.contains { $0.type == "Complete" && $0.status == .true } ?? false }

    /// The reason and message of the Job's `Failed` condition, if it failed.
    var failure: String? {
        guard let c = status?.conditions?.first(where: { $0.type == "Failed" && $0.status == .true }) else { return nil }
        return [c.reason, c.message].compactMap { $0 }.joined(separator: ": ")
    }
}
