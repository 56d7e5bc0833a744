import Foundation
import KubeCore

/// Scaling, pausing and history cleanup of the Deployment controller (`sync.go`).
extension DeploymentSync {
    /// `isScalingEvent`: an active ReplicaSet's `desired-replicas` differs from `replicas`.
    func isScalingEvent() -> Bool {
        let (newRS, oldRSs) = allReplicaSets(createIfMissing: false)
        for rs in Self.active(oldRSs + [newRS].compactMap { $0 }) {
            guard let desired = rs.dpAnnotations[Annotation.desiredReplicas].flatMap({ Int($0) }) else { continue }
            if desired != replicas { return true }
        }
        return false
    }

    /// `checkPausedConditions`: Progressing=Unknown `DeploymentPaused` / `DeploymentResumed`.
    func checkPausedConditions() {
        guard hasProgressDeadline else { return }
        let cond = d.dpCondition("Progressing")
        if cond?["reason"].stringValue == "ProgressDeadlineExceeded" { return }
        let pausedCondExists = cond?["reason"].stringValue == "DeploymentPaused"
        let now = pass.timestamp
        if isPaused && !pausedCondExists {
            updateDeployment { o in
                var c = o["status"]["conditions"].arrayValue ?? []
                DeploymentStatusCalculator.setCondition(&c, DeploymentStatusCalculator.condition("Progressing", "Unknown", reason: "DeploymentPaused", message: "Deployment is paused", now: now))
                o["status"]["conditions"] = .array(c)
            }
        } else if !isPaused && pausedCondExists {
            updateDeployment { o in
                var c = o["status"]["conditions"].arrayValue ?? []
                DeploymentStatusCalculator.setCondition(&c, DeploymentStatusCalculator.condition("Progressing", "Unknown", reason: "DeploymentResumed", message: "Deployment is resumed", now: now))
                o["status"]["conditions"] = .array(c)
            }
        }
    }

    /// `sync`: scaling (or a paused Deployment) without rolling out.
    func syncScaling() {
        let (newRS, oldRSs) = allReplicaSets(createIfMissing: false)
        scaleForScalingEvent(newRS: newRS, oldRSs: oldRSs)
        let current = allReplicaSets(createIfMissing: false)
        if isPaused { cleanup(old: current.1) }
        syncDeploymentStatus(all: current.1 + [current.0].compactMap { $0 }, newRS: current.0)
    }

    /// `scale`: resizes the only active ReplicaSet, or spreads the difference proportionally
    /// over all active ones (`getProportion`), leftovers to the largest.
    func scaleForScalingEvent(newRS: JSONValue?, oldRSs: [JSONValue]) {
        if let target = activeOrLatest(newRS: newRS, oldRSs: oldRSs) {
            if Self.specReplicas(target) != replicas { scale(target, to: replicas) }
            return
        }
        if let newRS, isSaturated(newRS) {
            for rs in Self.active(oldRSs) { scale(rs, to: 0) }
            return
        }
        guard isRollingUpdate else { return }
        var all = Self.active(oldRSs + [newRS].compactMap { $0 })
        let allowed = replicas > 0 ? replicas + maxSurge : 0
        let toAdd = allowed - Self.sumSpec(all)
        if toAdd > 0 {
            all.sort { a, b in Self.specReplicas(a) != Self.specReplicas(b) ? Self.specReplicas(a) > Self.specReplicas(b) : !Self.byCreation(a, b) }
        } else if toAdd < 0 {
            all.sort { a, b in Self.specReplicas(a) != Self.specReplicas(b) ? Self.specReplicas(a) > Self.specReplicas(b) : Self.byCreation(a, b) }
        }
        var added = 0
        var sizes: [Int] = []
        for rs in all {
            if toAdd != 0 {
                let p = proportion(rs, toAdd: toAdd, added: added)
                sizes.append(Self.specReplicas(rs) + p)
                added += p
            } else {
                sizes.append(Self.specReplicas(rs))
            }
        }
        for (i, rs) in all.enumerated() {
            var size = sizes[i]
            if i == 0 && toAdd != 0 { size = max(0, size + toAdd - added) }
            scale(rs, to: size)
        }
    }

    /// `getProportion` / `getReplicaSetFraction`.
    func proportion(_ rs: JSONValue, toAdd: Int, added: Int) -> Int {
        let size = Self.specReplicas(rs)
        if size == 0 || toAdd == 0 || toAdd == added { return 0 }
        let fraction: Int
        if replicas == 0 {
            fraction = -size
        } else {
            let deploymentReplicas = replicas + maxSurge
            let annotated = rs.dpAnnotations[Annotation.maxReplicas].flatMap { Int($0) } ?? (d.dpInt("status", "replicas") ?? 0)
            fraction = annotated == 0 ? 0 : Int((Double(size * deploymentReplicas) / Double(annotated)).rounded(.toNearestOrAwayFromZero)) - size
        }
        let allowed = toAdd - added
        return toAdd > 0 ? min(fraction, allowed) : max(fraction, allowed)
    }

    /// `FindActiveOrLatest`: the only active ReplicaSet, or the newest when none is active.
    func activeOrLatest(newRS: JSONValue?, oldRSs: [JSONValue]) -> JSONValue? {
        if newRS == nil && oldRSs.isEmpty { return nil }
        let newestFirst = oldRSs.sorted { Self.byCreation($1, $0) }
        let active = Self.active(newestFirst + [newRS].compactMap { $0 })
        switch active.count {
        case 0: return newRS ?? newestFirst.first
        case 1: return active[0]
        default: return nil
        }
    }

    /// `IsSaturated`: the new ReplicaSet has all the replicas, all available.
    func isSaturated(_ rs: JSONValue) -> Bool {
        rs.dpAnnotations[Annotation.desiredReplicas] == String(replicas) && Self.specReplicas(rs) == replicas && Self.availableReplicas(rs) == replicas
    }

    /// `cleanupDeployment`: deletes the oldest idle old ReplicaSets beyond `revisionHistoryLimit`.
    func cleanup(old: [JSONValue]) {
        let cleanable = old.filter { Self.statusReplicas($0) == 0 && Self.specReplicas($0) == 0 && !$0.dpTerminating }
        let diff = cleanable.count - revisionHistoryLimit
        guard diff > 0 else { return }
        let byRevision = cleanable.sorted { a, b in Self.revision(a) != Self.revision(b) ? Self.revision(a) < Self.revision(b) : Self.byCreation(a, b) }
        for rs in byRevision.prefix(diff) {
            guard let rsName = rs.name, (rs.dpInt("status", "observedGeneration") ?? 0) >= Int(rs.dpGeneration) else { continue }
            if writer.delete(rsDef, namespace: namespace, name: rsName) { rsList.removeAll { $0.uid == rs.uid } }
        }
    }
}
