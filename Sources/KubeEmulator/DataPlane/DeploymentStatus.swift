import Foundation
import KubeCore

/// `apps/v1 DeploymentStatus` as the Deployment controller computes it.
struct DeploymentStatusValues: Equatable {
    var observedGeneration: Int64 = 0
    var replicas = 0
    var updatedReplicas = 0
    var readyReplicas = 0
    var availableReplicas = 0
    var unavailableReplicas = 0
    var conditions: [JSONValue] = []
    var collisionCount: Int64?

    init() {}

    init(json s: JSONValue) {
        observedGeneration = s["observedGeneration"].intValue ?? 0
        replicas = s.dpInt("replicas") ?? 0
        updatedReplicas = s.dpInt("updatedReplicas") ?? 0
        readyReplicas = s.dpInt("readyReplicas") ?? 0
        availableReplicas = s.dpInt("availableReplicas") ?? 0
        unavailableReplicas = s.dpInt("unavailableReplicas") ?? 0
        conditions = s["conditions"].arrayValue ?? []
        collisionCount = s["collisionCount"].intValue
    }

    /// The JSON form; zero counts are omitted as the API's `omitempty` does.
    var json: JSONValue {
        var s: JSONValue = .emptyObject
        if observedGeneration != 0 { s["observedGeneration"] = .int(observedGeneration) }
        for (key, v) in [("replicas", replicas), ("updatedReplicas", updatedReplicas), ("readyReplicas", readyReplicas), ("availableReplicas", availableReplicas), ("unavailableReplicas", unavailableReplicas)] where v != 0 {
            s[key] = .int(Int64(v))
        }
        if !conditions.isEmpty { s["conditions"] = .array(conditions) }
        if let c = collisionCount { s["collisionCount"] = .int(c) }
        return s
    }
}

/// The status rules of the Deployment controller (`sync.go`, `deployment_util.go`).
enum DeploymentStatusCalculator {
    /// `NewDeploymentCondition`.
    static func condition(_ type: String, _ status: String, reason: String, message: String, now: String) -> JSONValue {
        ["type": .string(type), "status": .string(status), "lastUpdateTime": .string(now), "lastTransitionTime": .string(now), "reason": .string(reason), "message": .string(message)]
    }

    /// `SetDeploymentCondition`: no change when status and reason are the same; the transition
    /// time is kept when only the reason changes; the condition moves to the end of the list.
    static func setCondition(_ conditions: inout [JSONValue], _ c: JSONValue) {
        let current = conditions.first { $0["type"] == c["type"] }
        if let current, current["status"] == c["status"], current["reason"] == c["reason"] { return }
        var new = c
        if let current, current["status"] == c["status"] { new["lastTransitionTime"] = current["lastTransitionTime"] }
        conditions = Conditions.removing(conditions, type: c["type"].stringValue ?? "") + [new]
    }

    static func statusValues(_ json: JSONValue) -> DeploymentStatusValues { DeploymentStatusValues(json: json) }

    /// `calculateStatus`: counts over the ReplicaSets, and `Available` (True with
    /// MinimumReplicasAvailable when at least `replicas - maxUnavailable` pods are available).
    static func calculate(_ s: DeploymentSync, all: [JSONValue], newRS: JSONValue?) -> DeploymentStatusValues {
        let available = all.reduce(0) { $0 + DeploymentSync.availableReplicas($1) }
        let total = DeploymentSync.sumSpec(all)
        var st = DeploymentStatusValues()
        st.observedGeneration = s.d.dpGeneration
        st.replicas = all.reduce(0) { $0 + DeploymentSync.statusReplicas($1) }
        st.updatedReplicas = newRS.map(DeploymentSync.statusReplicas) ?? 0
        st.readyReplicas = all.reduce(0) { $0 + DeploymentSync.readyReplicas($1) }
        st.availableReplicas = available
        st.unavailableReplicas = max(0, total - available)
        st.collisionCount = s.d["status"]["collisionCount"].intValue
        st.conditions = s.d["status"]["conditions"].arrayValue ?? []
        let now = s.pass.timestamp
        if available >= s.replicas - s.maxUnavailable {
            setCondition(&st.conditions, condition("Available", "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability.", now: now))
        } else {
            setCondition(&st.conditions, condition("Available", "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability.", now: now))
        }
        return st
    }

    /// `DeploymentComplete`.
    static func isComplete(_ s: DeploymentSync, _ st: DeploymentStatusValues) -> Bool {
        st.updatedReplicas == s.replicas && st.replicas == s.replicas && st.availableReplicas == s.replicas && st.observedGeneration >= s.d.dpGeneration
    }

    /// `DeploymentProgressing`: more updated, ready or available replicas, or fewer old ones,
    /// than the stored status says.
    static func isProgressing(old: DeploymentStatusValues, new: DeploymentStatusValues) -> Bool {
        new.updatedReplicas > old.updatedReplicas
            || (new.replicas - new.updatedReplicas) < (old.replicas - old.updatedReplicas)
            || new.readyReplicas > old.readyReplicas
            || new.availableReplicas > old.availableReplicas
    }

    /// `DeploymentTimedOut`: the Progressing condition was last updated more than
    /// `progressDeadlineSeconds` ago.
    static func timedOut(_ s: DeploymentSync, _ st: DeploymentStatusValues, now: Date) -> Bool {
        guard let deadline = s.progressDeadlineSeconds, let c = st.conditions.first(where: { $0["type"] == "Progressing" }) else { return false }
        switch c["reason"].stringValue {
        case "NewReplicaSetAvailable": return false
        case "ProgressDeadlineExceeded": return true
        default:
            guard let from = c["lastUpdateTime"].dpDate else { return false }
            return from.addingTimeInterval(TimeInterval(deadline)) < now
        }
    }
}

extension DeploymentSync {
    /// `syncRolloutStatus`: the calculated status plus the Progressing condition
    /// (NewReplicaSetAvailable when complete, ReplicaSetUpdated on progress,
    /// ProgressDeadlineExceeded after `progressDeadlineSeconds` without progress).
    func syncRolloutStatus(all: [JSONValue], newRS: JSONValue?) {
        typealias C = DeploymentStatusCalculator
        let old = DeploymentStatusValues(json: d["status"])
        var st = C.calculate(self, all: all, newRS: newRS)
        let now = pass.timestamp
        if !hasProgressDeadline { st.conditions = Conditions.removing(st.conditions, type: "Progressing") }
        let currentCond = d.dpCondition("Progressing")
        let isCompleteDeployment = st.replicas == st.updatedReplicas && currentCond?["reason"].stringValue == "NewReplicaSetAvailable"
        if hasProgressDeadline && !isCompleteDeployment {
            let rsName = newRS?.name
            if C.isComplete(self, st) {
                let msg = rsName.map { "ReplicaSet \"\($0)\" has successfully progressed." } ?? "Deployment \"\(name)\" has successfully progressed."
                C.setCondition(&st.conditions, C.condition("Progressing", "True", reason: "NewReplicaSetAvailable", message: msg, now: now))
            } else if C.isProgressing(old: old, new: st) {
                let msg = rsName.map { "ReplicaSet \"\($0)\" is progressing." } ?? "Deployment \"\(name)\" is progressing."
                var c = C.condition("Progressing", "True", reason: "ReplicaSetUpdated", message: msg, now: now)
                if let currentCond {
                    if currentCond["status"].stringValue == "True" { c["lastTransitionTime"] = currentCond["lastTransitionTime"] }
                    st.conditions = Conditions.removing(st.conditions, type: "Progressing")
                }
                C.setCondition(&st.conditions, c)
            } else if C.timedOut(self, st, now: pass.now) {
                let msg = rsName.map { "ReplicaSet \"\($0)\" has timed out progressing." } ?? "Deployment \"\(name)\" has timed out progressing."
                C.setCondition(&st.conditions, C.condition("Progressing", "False", reason: "ProgressDeadlineExceeded", message: msg, now: now))
            }
        }
        // `ReplicaFailure` is only ever set from a ReplicaSet's condition; none is simulated.
        st.conditions = Conditions.removing(st.conditions, type: "ReplicaFailure")
        writeStatus(st)
        // `requeueStuckDeployment`: look again when the deadline passes.
        if let deadline = progressDeadlineSeconds, let c = st.conditions.first(where: { $0["type"] == "Progressing" }),
           c["status"].stringValue == "True", c["reason"].stringValue != "NewReplicaSetAvailable", let from = c["lastUpdateTime"].dpDate {
            pass.wake(at: from.addingTimeInterval(TimeInterval(deadline) + 1))
        }
    }

    /// `syncDeploymentStatus`: the calculated status only.
    func syncDeploymentStatus(all: [JSONValue], newRS: JSONValue?) {
        writeStatus(DeploymentStatusCalculator.calculate(self, all: all, newRS: newRS))
    }

    func writeStatus(_ st: DeploymentStatusValues) {
        let json = st.json
        if json == d["status"] { return }
        updateDeployment { o in o["status"] = json }
    }
}
