/// The replica arithmetic of a revision change, run by the operator across the per-revision
/// Deployments (pure). The same rules as the Deployment controller's rolling update
/// (`pkg/controller/deployment/rolling.go`), counted in replicas rather than percentages:
///
///     total   = new.replicas + Σ old.replicas          (pods asked for, all revisions)
///     ready   = new.ready    + Σ old.ready
///     scaleUp   = max(0, min(desired + maxSurge − total, desired − new.replicas))
///     canRemove = max(0, ready − (desired − maxUnavailable))
///
/// Each step first removes old pods that are not Ready (they serve nothing), then removes up
/// to `canRemove` Ready old pods, oldest revision first. The new revision grows by `scaleUp`.
/// With `maxSurge: 0` the pods asked for never exceed `desired`, so a change needs no spare
/// GPU: an old pod is removed, its GPU is freed, a new pod takes it, and the next old pod
/// goes only once the new one is Ready. Progress waits for readiness because `ready` only
/// grows when pods turn Ready.
public enum RollingUpdate {
    /// One revision's Deployment as the planner sees it.
    public struct Revision: Equatable, Sendable {
        public var name: String
        /// `spec.replicas`.
        public var replicas: Int32
        /// `status.readyReplicas`.
        public var ready: Int32

        public init(name: String, replicas: Int32, ready: Int32) {
            self.name = name
            self.replicas = replicas
            self.ready = ready
        }
    }

    /// The replica counts after one step: the new revision's, and each old revision's (same
    /// order as given).
    public struct Step: Equatable, Sendable {
        public var newReplicas: Int32
        public var oldReplicas: [Int32]
    }

    /// One step towards `desired` replicas of `new`, away from `old` (oldest first).
    /// `maxSurge` and `maxUnavailable` are clamped to be non-negative; if both are 0, one
    /// unavailable replica is allowed (the Deployment API rejects 0/0 because no step could
    /// ever be taken).
    public static func step(desired: Int32, maxSurge: Int32, maxUnavailable: Int32, new: Revision, old: [Revision]) -> Step {
        let desired = max(0, desired)
        let surge = max(0, maxSurge)
        var unavailable = max(0, maxUnavailable)
        if surge == 0 && unavailable == 0 { unavailable = 1 }

        var oldReplicas = old.map { max(0, $0.replicas) }
        if old.isEmpty {
            return Step(newReplicas: desired, oldReplicas: [])
        }
        var newReplicas = max(0, new.replicas)
        // Scaled down while changing (an HPA or kubectl scale): the new revision keeps at most
        // `desired`; what is above `desired + surge` comes off the old ones, unready first.
        newReplicas = min(newReplicas, desired)

        // 1. Old pods that are not Ready go at once: they count against the total but serve nothing.
        for i in oldReplicas.indices {
            let unready = max(0, oldReplicas[i] - old[i].ready)
            oldReplicas[i] -= unready
        }
        // 2. Ready old pods go while availability stays at or above desired − maxUnavailable.
        let ready = min(new.ready, newReplicas) + zip(oldReplicas, old).reduce(Int32(0)) { $0 + min($1.0, $1.1.ready) }
        var canRemove = max(0, ready - max(0, desired - unavailable))
        // ...and always enough to get back under desired + surge.
        let total = newReplicas + oldReplicas.reduce(0, +)
        canRemove = max(canRemove, total - (desired + surge))
        for i in oldReplicas.indices where canRemove > 0 {
            let take = min(canRemove, oldReplicas[i])
            oldReplicas[i] -= take
            canRemove -= take
        }
        // 3. The new revision grows into the room left.
        let totalAfter = newReplicas + oldReplicas.reduce(0, +)
        let scaleUp = max(0, min(desired + surge - totalAfter, desired - newReplicas))
        newReplicas += scaleUp
        return Step(newReplicas: newReplicas, oldReplicas: oldReplicas)
    }
}
