import Foundation
import KubeCore

/// kube-controller-manager's Job controller (`pkg/controller/job`), for `batch/v1` Jobs:
///
/// - keeps `min(parallelism, completions - succeeded)` pods active (`parallelism` default 1;
///   `completions` default 1 when neither is set; without `completions` the Job is a work queue
///   that completes once a pod succeeded and none is active); `Indexed` Jobs get one pod per
///   missing index with the `batch.kubernetes.io/job-completion-index` annotation and label;
/// - pods are named `<job>-<random>` (`<job>-<index>-<random>`), labelled
///   `batch.kubernetes.io/controller-uid`, `batch.kubernetes.io/job-name` (and the legacy
///   `controller-uid`, `job-name`), owned by the Job;
/// - `status.active`, `ready`, `succeeded`, `failed` (a finished pod is counted once, even
///   if deleted later), `startTime`, `completionTime`, `completedIndexes`;
/// - success: conditions `SuccessCriteriaMet` then `Complete` (reason `CompletionsReached`),
///   as 1.31+; failure when `failed > backoffLimit` (default 6): `FailureTarget` then `Failed`
///   (`BackoffLimitExceeded`), or after `activeDeadlineSeconds` (`DeadlineExceeded`); active
///   pods are deleted when the Job finishes;
/// - `suspend` deletes active pods (condition `Suspended`); resuming resets `startTime`;
/// - `ttlSecondsAfterFinished` deletes the finished Job (the TTL-after-finished controller).
struct JobController {
    static let apiVersion = "batch/v1"
    static let kind = "Job"
    static let defaultBackoffLimit = 6
    static let completionIndexKey = "batch.kubernetes.io/job-completion-index"
    let pass: ReconcilePass

    func run() {
        guard let jobDef = pass.definition(DataPlaneKeys.jobs), let podDef = pass.definition(DataPlaneKeys.pods) else { return }
        let writer = pass.writer(ObjectWriter.Manager.controllerManager)
        for job in pass.objects(DataPlaneKeys.jobs) where !job.dpTerminating {
            sync(job, jobDef: jobDef, podDef: podDef, writer: writer)
        }
    }

    static func isFinished(_ job: JSONValue) -> Bool { job.dpConditionTrue("Complete") || job.dpConditionTrue("Failed") }

    func sync(_ job: JSONValue, jobDef: ResourceDefinition, podDef: ResourceDefinition, writer: ObjectWriter) {
        guard let uid = job.uid, let name = job.name, let ns = job.namespace else { return }
        if Self.isFinished(job) {
            expireIfDue(job, jobDef: jobDef, writer: writer)
            return
        }
        let now = pass.timestamp
        let pods = pass.objects(DataPlaneKeys.pods, controlledBy: uid).filter { $0.namespace == ns }
        let spec = job["spec"]
        let parallelism = spec.dpInt("parallelism") ?? 1
        let completions: Int? = spec.dpInt("completions") ?? (spec["parallelism"].isNull ? 1 : nil)
        let backoffLimit = spec.dpInt("backoffLimit") ?? Self.defaultBackoffLimit
        let indexed = spec["completionMode"].stringValue == "Indexed"
        let suspended = spec["suspend"].boolValue == true

        // Count newly finished pods once.
        var succeeded = job.dpInt("status", "succeeded") ?? 0
        var failed = job.dpInt("status", "failed") ?? 0
        let finished = pods.filter(Scheduler.isTerminal)
        var counted = pass.memory.jobCountedPods[uid] ?? (succeeded + failed > 0 ? Set(finished.compactMap(\.uid)) : [])
        var succeededIndexes = Set(Self.parseIndexes(job["status"]["completedIndexes"].stringValue ?? ""))
        for pod in finished {
            guard let podUID = pod.uid, !counted.contains(podUID) else { continue }
            counted.insert(podUID)
            if pod["status"]["phase"].stringValue == "Succeeded" {
                succeeded += 1
                if let i = Self.index(of: pod) { succeededIndexes.insert(i) }
            } else {
                failed += 1
            }
        }
        pass.memory.jobCountedPods[uid] = counted
        var active = pods.filter(ReplicaSetController.isActive)

        var status = job["status"]
        var conditions = status["conditions"].arrayValue ?? []
        if status["startTime"].isNull && !suspended { status["startTime"] = .string(now) }

        // Finished?
        var finish: (success: Bool, reason: String, message: String)?
        if failed > backoffLimit {
            finish = (false, "BackoffLimitExceeded", "Job has reached the specified backoff limit")
        } else if let deadline = spec.dpInt("activeDeadlineSeconds"), !suspended, let start = status["startTime"].dpDate {
            let end = start.addingTimeInterval(TimeInterval(deadline))
            if end <= pass.now { finish = (false, "DeadlineExceeded", "Job was active longer than specified deadline") } else { pass.wake(at: end) }
        }
        if finish == nil {
            let done: Bool
            if indexed, let completions { done = succeededIndexes.filter { $0 < completions }.count >= completions } else if let completions { done = succeeded >= completions } else { done = succeeded > 0 && active.isEmpty }
            if done { finish = (true, "CompletionsReached", "Reached expected number of succeeded pods") }
        }

        if let finish {
            for pod in active { if let n = pod.name { writer.delete(podDef, namespace: ns, name: n) } }
            active = []
            if finish.success {
                conditions = Self.setting(conditions, "SuccessCriteriaMet", finish.reason, finish.message, now: now)
                conditions = Self.setting(conditions, "Complete", finish.reason, finish.message, now: now)
                status["completionTime"] = .string(now)
            } else {
                conditions = Self.setting(conditions, "FailureTarget", finish.reason, finish.message, now: now)
                conditions = Self.setting(conditions, "Failed", finish.reason, finish.message, now: now)
            }
            pass.logger.debug("job finished", metadata: ["job": "\(job.dpKey)", "reason": "\(finish.reason)"])
        } else if suspended {
            for pod in active { if let n = pod.name { writer.delete(podDef, namespace: ns, name: n) } }
            active = []
            if !job.dpConditionTrue("Suspended") { conditions = Self.setting(conditions, "Suspended", "JobSuspended", "Job suspended", now: now) }
        } else {
            if job.dpConditionTrue("Suspended") {
                conditions = Self.setting(conditions, "Suspended", "JobResumed", "Job resumed", now: now, status: "False")
                status["startTime"] = .string(now)
            }
            let owner = ControllerRefs.reference(to: job, apiVersion: Self.apiVersion, kind: Self.kind)
            let labels = ["batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": name, "controller-uid": uid, "job-name": name]
            if indexed, let completions {
                let busy = Set(active.compactMap(Self.index(of:)))
                let missing = (0..<completions).filter { !succeededIndexes.contains($0) && !busy.contains($0) }
                for i in missing.prefix(max(0, parallelism - active.count)) {
                    let body = ReplicaSetController.pod(from: spec["template"], generateName: "\(name)-\(i)-", namespace: ns, owner: owner,
                                                        extraLabels: labels.merging([Self.completionIndexKey: String(i)]) { a, _ in a },
                                                        extraAnnotations: [Self.completionIndexKey: String(i)])
                    if let pod = writer.create(podDef, namespace: ns, body) { active.append(pod) }
                }
            } else {
                let want = completions.map { min(parallelism, max(0, $0 - succeeded)) } ?? (succeeded > 0 ? 0 : parallelism)
                if active.count < want {
                    for _ in 0..<(want - active.count) {
                        let body = ReplicaSetController.pod(from: spec["template"], generateName: "\(name)-", namespace: ns, owner: owner, extraLabels: labels)
                        if let pod = writer.create(podDef, namespace: ns, body) { active.append(pod) }
                    }
                } else if active.count > want {
                    for pod in ReplicaSetController.podsToDelete(active, count: active.count - want) {
                        if let n = pod.name, writer.delete(podDef, namespace: ns, name: n) { active.removeAll { $0.uid == pod.uid } }
                    }
                }
            }
        }

        Self.setCount(&status, "active", active.count)
        status["ready"] = .int(Int64(active.filter { ReplicaSetController.readySince($0) != nil }.count))
        Self.setCount(&status, "succeeded", succeeded)
        Self.setCount(&status, "failed", failed)
        if indexed { status["completedIndexes"] = .string(Self.formatIndexes(succeededIndexes.sorted())) }
        status["uncountedTerminatedPods"] = .emptyObject
        if conditions.isEmpty { status.removeValue(forKey: "conditions") } else { status["conditions"] = .array(conditions) }
        writer.update(jobDef, namespace: ns, name: name) { current in
            guard current.uid == uid, !Self.isFinished(current) else { return nil }
            var o = current
            o["status"] = status
            return o
        }
    }

    /// The TTL-after-finished controller: deletes the Job (foreground) `ttlSecondsAfterFinished`
    /// after it finished.
    func expireIfDue(_ job: JSONValue, jobDef: ResourceDefinition, writer: ObjectWriter) {
        guard let ttl = job.dpInt("spec", "ttlSecondsAfterFinished"), let name = job.name else { return }
        let finishedAt = job["status"]["completionTime"].dpDate
            ?? (job.dpCondition("Failed") ?? job.dpCondition("Complete"))?["lastTransitionTime"].dpDate ?? pass.now
        let due = finishedAt.addingTimeInterval(TimeInterval(ttl))
        if due <= pass.now {
            writer.delete(jobDef, namespace: job.namespace, name: name, policy: .foreground)
        } else {
            pass.wake(at: due)
        }
    }

    /// Job conditions (`newCondition`): `lastProbeTime` and `lastTransitionTime` now, unless a
    /// condition of the type already has the status.
    static func setting(_ list: [JSONValue], _ type: String, _ reason: String, _ message: String, now: String, status: String = "True") -> [JSONValue] {
        if let c = list.first(where: { $0["type"].stringValue == type }), c["status"].stringValue == status, c["reason"].stringValue == reason { return list }
        let c: JSONValue = ["type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message), "lastProbeTime": .string(now), "lastTransitionTime": .string(now)]
        return Conditions.replacing(list, with: c)
    }

    static func setCount(_ status: inout JSONValue, _ key: String, _ value: Int) {
        if value == 0 { status.removeValue(forKey: key) } else { status[key] = .int(Int64(value)) }
    }

    static func index(of pod: JSONValue) -> Int? { pod.dpAnnotations[completionIndexKey].flatMap { Int($0) } }

    /// `completedIndexes` syntax: `1,3-5,7`.
    static func parseIndexes(_ text: String) -> [Int] {
        text.split(separator: ",").flatMap { part -> [Int] in
            let bounds = part.split(separator: "-").compactMap { Int($0) }
            if bounds.count == 2, bounds[0] <= bounds[1] { return Array(bounds[0]...bounds[1]) }
            return bounds.count == 1 ? bounds : []
        }
    }

    static func formatIndexes(_ sorted: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(j == i ? String(sorted[i]) : "\(sorted[i])-\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }
}
