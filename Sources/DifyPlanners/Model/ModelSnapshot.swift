import DifyAPI
import Foundation
import KubeCore

/// What the model planner looks at: the DifyModel and the live objects it owns, read from the
/// cache, and the time.
public struct ModelSnapshot: Sendable {
    public var model: DifyModel
    /// The PVC the model uses (its cache, an existing claim, or a `pvc://` source's claim), if it exists.
    public var claim: PersistentVolumeClaim?
    /// The model's preload Jobs (label `dify.ai/model`), every revision.
    public var jobs: [Job]
    public var now: Date

    public init(model: DifyModel, claim: PersistentVolumeClaim? = nil, jobs: [Job] = [], now: Date) {
        self.model = model
        self.claim = claim
        self.jobs = jobs
        self.now = now
    }
}

/// What the model planner decided.
public struct ModelPlan: Sendable {
    /// The status to write (written only if it differs from the stored one).
    public var status: DifyModelStatus
    /// The cache PVC to apply, if the operator manages one; nil when the spec is invalid.
    public var claim: PersistentVolumeClaim?
    /// The preload Job of the current revision, when it does not exist yet.
    public var createJob: Job?
    /// Preload Jobs of other revisions, to delete (they are not model data).
    public var deleteJobs: [String]
    public var events: [PlannedEvent]
}
