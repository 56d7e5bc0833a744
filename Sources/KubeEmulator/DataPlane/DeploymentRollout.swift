import Foundation
import KubeCore

/// The two rollout strategies of the Deployment controller (`rolling.go`, `recreate.go`).
extension DeploymentSync {
    /// `rolloutRolling`: grow the new ReplicaSet within `replicas + maxSurge`, then shrink old
    /// ones while at least `replicas - maxUnavailable` pods stay available (unhealthy old
    /// replicas first), one step per sync.
    func rolloutRolling() {
        guard let newRS = allReplicaSets(createIfMissing: true).0 else {
            let (n, old) = allReplicaSets(createIfMissing: false)
            syncRolloutStatus(all: old + [n].compactMap { $0 }, newRS: n)
            return
        }
        var current = currentSets(newRS)
        if reconcileNewReplicaSet(all: current.all, newRS: current.new) {
            current = currentSets(newRS)
            syncRolloutStatus(all: current.all, newRS: current.new)
            return
        }
        if reconcileOldReplicaSets(all: current.all, old: Self.active(current.old), newRS: current.new) {
            current = currentSets(newRS)
            syncRolloutStatus(all: current.all, newRS: current.new)
            return
        }
        if DeploymentStatusCalculator.isComplete(self, DeploymentStatusCalculator.calculate(self, all: current.all, newRS: current.new)) {
            cleanup(old: current.old)
        }
        current = currentSets(newRS)
        syncRolloutStatus(all: current.all, newRS: current.new)
    }

    /// The new ReplicaSet and the others, as they are now in `rsList`.
    func currentSets(_ newRS: JSONValue) -> (new: JSONValue, old: [JSONValue], all: [JSONValue]) {
        let n = rsList.first { $0.uid == newRS.uid } ?? newRS
        let old = rsList.filter { $0.uid != newRS.uid }
        return (n, old, old + [n])
    }

    /// `reconcileNewReplicaSet`.
    func reconcileNewReplicaSet(all: [JSONValue], newRS: JSONValue) -> Bool {
        let size = Self.specReplicas(newRS)
        if size == replicas { return false }
        if size > replicas { return scale(newRS, to: replicas) }
        return scale(newRS, to: newRSNewReplicas(all: all, newRS: newRS))
    }

    /// `reconcileOldReplicaSets`.
    func reconcileOldReplicaSets(all: [JSONValue], old: [JSONValue], newRS: JSONValue) -> Bool {
        let oldPods = Self.sumSpec(old)
        if oldPods == 0 { return false }
        let allPods = Self.sumSpec(all)
        let minAvailable = replicas - maxUnavailable
        let newUnavailable = Self.specReplicas(newRS) - Self.availableReplicas(newRS)
        let maxScaledDown = allPods - minAvailable - newUnavailable
        if maxScaledDown <= 0 { return false }
        let cleaned = cleanupUnhealthyReplicas(old: old, maxCleanup: maxScaledDown)
        let refreshedOld = old.map { rs in rsList.first { $0.uid == rs.uid } ?? rs }
        let refreshedNew = rsList.first { $0.uid == newRS.uid } ?? newRS
        let scaledDown = scaleDownOldReplicaSets(all: refreshedOld + [refreshedNew], old: refreshedOld)
        return cleaned + scaledDown > 0
    }

    /// `cleanupUnhealthyReplicas`: scale old ReplicaSets down by their unavailable replicas.
    func cleanupUnhealthyReplicas(old: [JSONValue], maxCleanup: Int) -> Int {
        var total = 0
        for rs in old.sorted(by: Self.byCreation) {
            if total >= maxCleanup { break }
            let size = Self.specReplicas(rs), available = Self.availableReplicas(rs)
            if size == 0 || size == available { continue }
            let count = min(maxCleanup - total, size - available)
            scale(rs, to: size - count)
            total += count
        }
        return total
    }

    /// `scaleDownOldReplicaSetsForRollingUpdate`: shrink old ReplicaSets, oldest first, by what
    /// is available above `replicas - maxUnavailable`.
    func scaleDownOldReplicaSets(all: [JSONValue], old: [JSONValue]) -> Int {
        let minAvailable = replicas - maxUnavailable
        let available = all.reduce(0) { $0 + Self.availableReplicas($1) }
        if available <= minAvailable { return 0 }
        let toScaleDown = available - minAvailable
        var total = 0
        for rs in old.sorted(by: Self.byCreation) {
            if total >= toScaleDown { break }
            let size = Self.specReplicas(rs)
            if size == 0 { continue }
            let count = min(size, toScaleDown - total)
            scale(rs, to: size - count)
            total += count
        }
        return total
    }

    /// `rolloutRecreate`: scale every old ReplicaSet to 0, wait until none of their pods runs,
    /// then create and scale up the new one.
    func rolloutRecreate() {
        var (newRS, oldRSs) = allReplicaSets(createIfMissing: false)
        var scaledDown = false
        for rs in Self.active(oldRSs) where scale(rs, to: 0) { scaledDown = true }
        oldRSs = oldRSs.map { rs in rsList.first { $0.uid == rs.uid } ?? rs }
        if scaledDown || oldPodsRunning(newRS: newRS, oldRSs: oldRSs) {
            syncRolloutStatus(all: oldRSs + [newRS].compactMap { $0 }, newRS: newRS)
            return
        }
        if newRS == nil { (newRS, oldRSs) = allReplicaSets(createIfMissing: true) }
        if let n = newRS {
            scale(n, to: replicas)
            newRS = rsList.first { $0.uid == n.uid } ?? n
        }
        if DeploymentStatusCalculator.isComplete(self, DeploymentStatusCalculator.statusValues(d["status"])) { cleanup(old: oldRSs) }
        syncRolloutStatus(all: oldRSs + [newRS].compactMap { $0 }, newRS: newRS)
    }

    /// `oldPodsRunning`: old ReplicaSets still report replicas, or have pods not yet terminal.
    func oldPodsRunning(newRS: JSONValue?, oldRSs: [JSONValue]) -> Bool {
        if oldRSs.reduce(0, { $0 + Self.statusReplicas($1) }) > 0 { return true }
        let oldUIDs = Set(oldRSs.compactMap(\.uid))
        return oldUIDs.subtracting([newRS?.uid].compactMap { $0 }).contains { owner in
            pass.objects(DataPlaneKeys.pods, controlledBy: owner).contains { $0.namespace == namespace && !Scheduler.isTerminal($0) }
        }
    }
}
