import DifyAPI
import Foundation
import KubeCore

/// Plans a DifyDeployment (pure): the Deployment of each live revision and their replicas,
/// the Service, the HPA, the status and the events of this pass.
///
/// - An invalid spec is reported (phase `Invalid`) and nothing is touched: a running workload
///   is never torn down because a later edit is invalid.
/// - Serving pods of a revision start only once the model is `Ready` for that revision. While
///   the model is missing, invalid, failed or caching a new revision, the live revisions keep
///   serving; replica changes still apply to them.
/// - A revision change runs ``RollingUpdate`` across the per-revision Deployments, one step per
///   pass, each pass triggered by the Deployments' status changing (pods turning Ready).
///
/// Phases: `Invalid`, `Degraded` (the model is invalid or failed, or the change made no progress
/// within `progressDeadlineSeconds`), `Progressing`, `Healthy` (one revision, every replica
/// Ready). Conditions: `Available`, `Progressing`, `ModelReady`.
public enum DeploymentPlanner {
    public enum Phase {
        public static let progressing = "Progressing"
        public static let healthy = "Healthy"
        public static let degraded = "Degraded"
        public static let invalid = "Invalid"
    }

    public enum ConditionType {
        public static let available = "Available"
        public static let progressing = "Progressing"
        public static let modelReady = "ModelReady"
    }

    /// How long a DifyDeployment may be short of Ready replicas before the reconciler reads its
    /// pods to say why (a model loading for a minute is normal; a pod Pending for lack of a GPU
    /// is worth saying). Until then, the reconciler reads nothing beyond its caches.
    public static let podDiagnosisAfterSeconds = 30.0

    /// Whether the reconciler should list the pods of the DifyDeployment for this pass: pods are
    /// wanted, fewer are Ready, and that has lasted ``podDiagnosisAfterSeconds`` since the last
    /// progress (or since the status last changed its Available condition).
    public static func needsPodDiagnosis(_ snapshot: DeploymentSnapshot) -> Bool {
        let dd = snapshot.deployment
        let desired = dd.spec.replicas ?? DifyDefaults.replicas
        let ready = snapshot.deployments.reduce(Int32(0)) { $0 + ($1.status?.readyReplicas ?? 0) }
        guard desired > 0, ready < desired, !snapshot.deployments.isEmpty else { return false }
        let since = dd.status?.lastProgressTime?.date ?? dd.status?.conditions?.first { $0.type == ConditionType.available }?.lastTransitionTime.date
        guard let since else { return false }
        return snapshot.now.timeIntervalSince(since) >= snapshot.podDiagnosisAfterSeconds
    }

    /// "1 replica", "3 replicas".
    static func replicas(_ n: Int32) -> String { n == 1 ? "1 replica" : "\(n) replicas" }

    public static func plan(_ snapshot: DeploymentSnapshot) -> DeploymentPlan {
        let dd = snapshot.deployment
        let name = dd.metadata.name ?? ""
        let namespace = dd.metadata.namespace ?? ""
        let previous = dd.status ?? DifyDeploymentStatus()
        var conditions = ConditionList(previous: previous.conditions, generation: dd.metadata.generation, now: snapshot.now)
        var events: [PlannedEvent] = []
        var status = previous
        status.observedGeneration = dd.metadata.generation
        status.selector = ObjectLabels.servingSelector(name).map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ",")
        var plan = DeploymentPlan(status: status, apply: nil, scale: [], delete: [], service: nil, autoscaler: nil, deleteAutoscaler: false, events: [], requeueAfter: nil)

        // Live revisions, oldest first (creation time, then name for a stable order).
        let live = snapshot.deployments.sorted { a, b in
            let ta = a.metadata.creationTimestamp?.date ?? .distantPast
            let tb = b.metadata.creationTimestamp?.date ?? .distantPast
            return ta == tb ? (a.metadata.name ?? "") < (b.metadata.name ?? "") : ta < tb
        }
        func observe(into status: inout DifyDeploymentStatus) {
            status.replicas = live.reduce(0) { $0 + ($1.status?.replicas ?? 0) }
            status.readyReplicas = live.reduce(0) { $0 + ($1.status?.readyReplicas ?? 0) }
        }

        if let problem = DeploymentValidator.validateName(name) ?? DeploymentValidator.validate(dd.spec) {
            observe(into: &plan.status)
            conditions.set(ConditionType.progressing, .false, reason: problem.reason, message: problem.description)
            plan.status.phase = Phase.invalid
            plan.status.conditions = conditions.conditions
            if previous.phase != Phase.invalid || previous.conditions?.first(where: { $0.type == ConditionType.progressing })?.message != problem.description {
                plan.events.append(PlannedEvent(.warning, "InvalidSpec", problem.description))
            }
            return plan
        }

        let desired = dd.spec.replicas ?? DifyDefaults.replicas
        let rolling = dd.spec.strategy?.rollingUpdate
        let maxSurge = rolling?.maxSurge ?? DifyDefaults.maxSurge
        let maxUnavailable = rolling?.maxUnavailable ?? DifyDefaults.maxUnavailable

        // The model: which revision may run.
        let modelName = dd.spec.modelRef.name
        var target: (revision: String, model: DifyModel, resolved: ResolvedModel)?
        let modelState: (status: ConditionStatus, reason: String, message: String)
        if let model = snapshot.model {
            let ms = model.status
            let current = ms?.observedGeneration == model.metadata.generation
            switch (ms?.phase, current) {
            case (ModelPlanner.Phase.ready?, true):
                switch ModelResolver.resolve(model) {
                case .success(let resolved) where resolved.revision == ms?.revision:
                    target = (Revisions.deployment(modelRevision: resolved.revision, overrides: dd.spec.template), model, resolved)
                    modelState = (.true, "ModelReady", "DifyModel \(modelName) revision \(resolved.revision) is ready")
                case .success:
                    modelState = (.false, "ModelNotReady", "DifyModel \(modelName) has not reported its current revision yet")
                case .failure(let problem):
                    modelState = (.false, "ModelInvalid", "DifyModel \(modelName) is invalid: \(problem.description)")
                }
            case (ModelPlanner.Phase.invalid?, true):
                let reason = ms?.conditions?.first { $0.type == ModelPlanner.ConditionType.validated }?.message ?? "invalid spec"
                modelState = (.false, "ModelInvalid", "DifyModel \(modelName) is invalid: \(reason)")
            case (ModelPlanner.Phase.failed?, true):
                modelState = (.false, "ModelFailed", "DifyModel \(modelName) failed: \(ms?.conditions?.first { $0.type == ModelPlanner.ConditionType.cacheReady }?.message ?? "")")
            default:
                // Not the model's phase: each of its phases would cost this status a write, and
                // `kubectl get dm` shows it.
                modelState = (.false, "ModelNotReady", "Waiting for DifyModel \(modelName) to be Ready (its cache is being filled or its claim is missing)")
            }
            plan.service = DeploymentChildren.service(dd, modelName: modelName)
            if snapshot.service == nil {
                plan.events.append(PlannedEvent(.normal, "CreatedService", "Created Service \(name)"))
            }
            if let autoscaling = dd.spec.autoscaling {
                plan.autoscaler = DeploymentChildren.autoscaler(dd, modelName: modelName, autoscaling: autoscaling)
                if snapshot.autoscaler == nil {
                    plan.events.append(PlannedEvent(.normal, "CreatedAutoscaler", "Created HorizontalPodAutoscaler \(name) (\(autoscaling.minReplicas ?? DifyDefaults.minReplicas) to \(autoscaling.maxReplicas) replicas) targeting this DifyDeployment's /scale"))
                }
            } else if snapshot.autoscaler != nil {
                plan.deleteAutoscaler = true
                plan.events.append(PlannedEvent(.normal, "DeletedAutoscaler", "Deleted HorizontalPodAutoscaler \(name): autoscaling was removed"))
            }
            let port = dd.spec.service?.port ?? DifyDefaults.servicePort
            plan.status.endpoint = Endpoint(url: "http://\(name).\(namespace).svc:\(port)/v1", modelName: ModelResolver.servedModelName(model))
        } else {
            modelState = (.false, "ModelNotFound", "DifyModel \(modelName) does not exist in namespace \(namespace)")
        }
        conditions.set(ConditionType.modelReady, modelState.status, reason: modelState.reason, message: modelState.message)
        if modelState.status != .true, previous.conditions?.first(where: { $0.type == ConditionType.modelReady })?.reason != modelState.reason {
            let type: PlannedEvent.Kind = modelState.reason == "ModelNotReady" ? .normal : .warning
            plan.events.append(PlannedEvent(type, modelState.reason == "ModelNotReady" ? "WaitingForModel" : modelState.reason, modelState.message))
        }

        // The revision to grow: the model's, or (while the model is not ready) the newest live one.
        let targetRevision = target?.revision
        let newName = targetRevision.map { DifyNames.deployment(name, revision: $0) }
            ?? previous.currentRevision.map { DifyNames.deployment(name, revision: $0) }
        let newLive = live.first { $0.metadata.name == newName }
        let oldLive = live.filter { $0.metadata.name != newName }
        let newRev = RollingUpdate.Revision(name: newName ?? "", replicas: newLive?.spec?.replicas ?? 0, ready: newLive?.status?.readyReplicas ?? 0)
        let oldRevs = oldLive.map { RollingUpdate.Revision(name: $0.metadata.name ?? "", replicas: $0.spec?.replicas ?? 0, ready: $0.status?.readyReplicas ?? 0) }

        var step: RollingUpdate.Step?
        if let target {
            step = RollingUpdate.step(desired: desired, maxSurge: maxSurge, maxUnavailable: maxUnavailable, new: newRev, old: oldRevs)
            plan.apply = DeploymentChildren.deployment(dd, model: target.model, resolved: target.resolved, revision: target.revision, replicas: step!.newReplicas)
            if newLive == nil {
                plan.events.append(PlannedEvent(.normal, "CreatedDeployment", "Created Deployment \(newRev.name) for revision \(target.revision) with \(Self.replicas(step!.newReplicas))"))
            } else if newRev.replicas != step!.newReplicas {
                plan.events.append(PlannedEvent(.normal, "Scaled", "Scaled Deployment \(newRev.name) from \(newRev.replicas) to \(Self.replicas(step!.newReplicas))"))
            }
            if let current = previous.currentRevision, current != target.revision {
                plan.events.append(PlannedEvent(.normal, "RollingUpdate", "Rolling from revision \(current) to \(target.revision) (maxSurge \(maxSurge), maxUnavailable \(maxUnavailable))"))
            }
            plan.status.currentRevision = target.revision
        } else if newLive != nil {
            // Hold the revision, honour replica changes on the live revisions through /scale.
            step = RollingUpdate.step(desired: desired, maxSurge: maxSurge, maxUnavailable: maxUnavailable, new: newRev, old: oldRevs)
            if newRev.replicas != step!.newReplicas {
                plan.scale.append(.init(name: newRev.name, from: newRev.replicas, to: step!.newReplicas))
                plan.events.append(PlannedEvent(.normal, "Scaled", "Scaled Deployment \(newRev.name) from \(newRev.replicas) to \(Self.replicas(step!.newReplicas))"))
            }
        }
        if let step {
            for (old, replicas) in zip(oldRevs, step.oldReplicas) where replicas != old.replicas || replicas == 0 {
                if replicas == 0 && target != nil {
                    plan.delete.append(old.name)
                    plan.events.append(PlannedEvent(.normal, "RevisionRetired", "Deleted Deployment \(old.name): revision replaced by \(target!.revision)"))
                } else if replicas != old.replicas {
                    plan.scale.append(.init(name: old.name, from: old.replicas, to: replicas))
                    plan.events.append(PlannedEvent(.normal, "Scaled", "Scaled Deployment \(old.name) from \(old.replicas) to \(Self.replicas(replicas))"))
                }
            }
        }

        // Status from the live objects, with this pass's replica decisions.
        observe(into: &plan.status)
        let planned: [String: Int32] = Dictionary(uniqueKeysWithValues:
            (plan.scale.map { ($0.name, $0.to) }) + (plan.apply.map { [($0.metadata.name ?? "", $0.spec?.replicas ?? 0)] } ?? []))
        var revisions: [RevisionStatus] = live.filter { !plan.delete.contains($0.metadata.name ?? "") }.map { d in
            let n = d.metadata.name ?? ""
            return RevisionStatus(revision: d.metadata.labels?[DifyNames.revisionLabel] ?? "", deploymentName: n, replicas: planned[n] ?? d.spec?.replicas ?? 0, readyReplicas: d.status?.readyReplicas ?? 0)
        }
        if let apply = plan.apply, newLive == nil, let rev = targetRevision {
            revisions.append(RevisionStatus(revision: rev, deploymentName: apply.metadata.name ?? "", replicas: apply.spec?.replicas ?? 0, readyReplicas: 0))
        }
        plan.status.revisions = revisions.isEmpty ? nil : revisions
        let newReady = newLive?.status?.readyReplicas ?? 0
        plan.status.updatedReplicas = newLive?.status?.replicas ?? 0
        let ready = plan.status.readyReplicas ?? 0

        // Complete: only the target revision is left and all its replicas are Ready.
        let complete = target != nil && revisions.count == 1 && (step?.newReplicas ?? 0) == desired && newReady >= desired && (newLive?.spec?.replicas ?? -1) == desired
        if complete, let rev = targetRevision, previous.stableRevision != rev {
            plan.status.stableRevision = rev
            plan.events.append(PlannedEvent(.normal, "RolloutComplete", "Revision \(rev) serves \(desired == 1 ? "its replica" : "all \(desired) replicas")"))
        }
        let changing = !complete

        // Progress: a replica decision, a revision change or a pod turning Ready.
        let progressed = plan.apply.map { $0.spec?.replicas != newLive?.spec?.replicas } == true || !plan.scale.isEmpty || !plan.delete.isEmpty
            || ready > (previous.readyReplicas ?? 0) || previous.currentRevision != plan.status.currentRevision
        if changing && (progressed || previous.lastProgressTime == nil) {
            plan.status.lastProgressTime = Time(snapshot.now)
        }
        let deadline = Double(dd.spec.strategy?.progressDeadlineSeconds ?? DifyDefaults.progressDeadlineSeconds)
        var stalled = false
        if changing, target != nil, let since = plan.status.lastProgressTime?.date {
            let elapsed = snapshot.now.timeIntervalSince(since)
            if elapsed >= deadline { stalled = true } else { plan.requeueAfter = deadline - elapsed }
        }

        // Conditions and phase.
        // As the Deployment controller's (desired − maxUnavailable), but never 0 while pods are
        // wanted: a model server with no Ready pod serves nothing, whatever the budget allows.
        let minAvailable = desired > 0 ? max(1, desired - maxUnavailable) : 0
        if ready >= minAvailable {
            conditions.set(ConditionType.available, .true, reason: "MinimumReplicasAvailable", message: "\(ready) of \(Self.replicas(desired)) ready")
        } else {
            conditions.set(ConditionType.available, .false, reason: "MinimumReplicasUnavailable", message: "\(ready) of \(Self.replicas(desired)) ready; at least \(minAvailable) needed")
        }
        let phase: String
        if modelState.reason == "ModelInvalid" || modelState.reason == "ModelFailed" {
            conditions.set(ConditionType.progressing, .false, reason: modelState.reason, message: modelState.message)
            phase = Phase.degraded
        } else if modelState.reason == "ModelNotFound" {
            conditions.set(ConditionType.progressing, .false, reason: modelState.reason, message: modelState.message)
            phase = Phase.invalid
        } else if target == nil {
            conditions.set(ConditionType.progressing, .true, reason: "WaitingForModel", message: modelState.message)
            phase = Phase.progressing
        } else if stalled {
            conditions.set(ConditionType.progressing, .false, reason: "ProgressDeadlineExceeded", message: "Revision \(targetRevision!) made no progress for \(Int(deadline)) seconds: \(newReady) of \(Self.replicas(desired)) ready")
            if previous.conditions?.first(where: { $0.type == ConditionType.progressing })?.reason != "ProgressDeadlineExceeded" {
                plan.events.append(PlannedEvent(.warning, "ProgressDeadlineExceeded", "Revision \(targetRevision!) made no progress for \(Int(deadline)) seconds"))
            }
            phase = Phase.degraded
        } else if complete {
            conditions.set(ConditionType.progressing, .true, reason: "NewRevisionAvailable", message: "Revision \(targetRevision!) is rolled out")
            phase = Phase.healthy
        } else {
            conditions.set(ConditionType.progressing, .true, reason: "NewRevisionProgressing", message: "Rolling out revision \(targetRevision!): \(newReady) of \(Self.replicas(desired)) ready")
            phase = Phase.progressing
        }
        if let pods = snapshot.pods, !complete, let why = PodDiagnosis.summary(pods), let c = conditions.conditions.first(where: { $0.type == ConditionType.progressing }) {
            conditions.set(ConditionType.progressing, c.status, reason: c.reason, message: "\(c.message). \(why)")
            // Look again later: pods change without the Deployment's counts changing.
            plan.requeueAfter = min(plan.requeueAfter ?? snapshot.podDiagnosisAfterSeconds, snapshot.podDiagnosisAfterSeconds)
        }
        if snapshot.pods == nil, !complete, target != nil, !stalled, snapshot.podDiagnosisAfterSeconds > 0 {
            let since = plan.status.lastProgressTime?.date ?? snapshot.now
            let wait = snapshot.podDiagnosisAfterSeconds - snapshot.now.timeIntervalSince(since)
            if wait > 0 { plan.requeueAfter = min(plan.requeueAfter ?? wait, wait) }
        }
        plan.status.phase = phase
        plan.status.conditions = conditions.conditions
        return plan
    }
}
