import Foundation
import KubeCore

/// kube-controller-manager's Deployment controller (`pkg/controller/deployment`), through
/// ReplicaSets as the real one:
///
/// - one ReplicaSet per pod template, named `<deployment>-<pod-template-hash>`, with the
///   `pod-template-hash` label in its labels, selector and template, owned by the Deployment
///   (`controller: true`), annotated with `deployment.kubernetes.io/revision`,
///   `desired-replicas` and `max-replicas`; the Deployment carries the revision too;
/// - `RollingUpdate` (default, `maxSurge`/`maxUnavailable` default 25%, percentages of
///   `replicas` rounded up for surge and down for unavailable, both 0 meaning unavailable 1)
///   and `Recreate` rollouts, proportional scaling of a rollout in progress, `paused`;
/// - status as `syncRolloutStatus`/`calculateStatus` compute it, written only when it changed;
/// - old ReplicaSets beyond `revisionHistoryLimit` (default 10) are deleted once complete.
///
/// API defaults the emulator does not store are applied on read: `replicas` 1,
/// `progressDeadlineSeconds` 600, `revisionHistoryLimit` 10, strategy RollingUpdate 25%/25%.
struct DeploymentController {
    static let apiVersion = "apps/v1"
    static let kind = "Deployment"
    let pass: ReconcilePass

    func run() {
        guard let dDef = pass.definition(DataPlaneKeys.deployments), let rsDef = pass.definition(DataPlaneKeys.replicaSets),
              let podDef = pass.definition(DataPlaneKeys.pods) else { return }
        for d in pass.objects(DataPlaneKeys.deployments) {
            guard let selector = ControllerRefs.templateSelector(of: d) else { continue }
            DeploymentSync(pass: pass, deployment: d, selector: selector, dDef: dDef, rsDef: rsDef, podDef: podDef).sync()
        }
    }
}

/// One sync of one Deployment (`syncDeployment`), holding the Deployment and its ReplicaSets
/// as they are updated along the way.
final class DeploymentSync {
    enum Annotation {
        static let revision = "deployment.kubernetes.io/revision"
        static let revisionHistory = "deployment.kubernetes.io/revision-history"
        static let desiredReplicas = "deployment.kubernetes.io/desired-replicas"
        static let maxReplicas = "deployment.kubernetes.io/max-replicas"
        static let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"
        /// Deployment annotations not copied to its ReplicaSets (`skipCopyAnnotation`).
        static let notCopied: Set<String> = [lastApplied, revision, revisionHistory, desiredReplicas, maxReplicas]
    }

    static let defaultProgressDeadlineSeconds = 600
    static let defaultRevisionHistoryLimit = 10
    static let defaultMaxSurge = IntOrString.string("25%")
    static let defaultMaxUnavailable = IntOrString.string("25%")

    let pass: ReconcilePass
    let writer: ObjectWriter
    let selector: LabelRequirementSet
    let dDef: ResourceDefinition, rsDef: ResourceDefinition, podDef: ResourceDefinition
    var d: JSONValue
    var rsList: [JSONValue] = []

    init(pass: ReconcilePass, deployment: JSONValue, selector: LabelRequirementSet, dDef: ResourceDefinition, rsDef: ResourceDefinition, podDef: ResourceDefinition) {
        self.pass = pass
        self.writer = pass.writer(ObjectWriter.Manager.controllerManager)
        self.d = deployment
        self.selector = selector
        self.dDef = dDef
        self.rsDef = rsDef
        self.podDef = podDef
    }

    var namespace: String { d.namespace ?? "" }
    var name: String { d.name ?? "" }

    // MARK: Spec with API defaults

    var replicas: Int { d.dpInt("spec", "replicas") ?? 1 }
    var isRollingUpdate: Bool { (d["spec"]["strategy"]["type"].stringValue ?? "RollingUpdate") == "RollingUpdate" }
    var isPaused: Bool { d["spec"]["paused"].boolValue == true }
    var minReadySeconds: Int { d.dpInt("spec", "minReadySeconds") ?? 0 }
    var progressDeadlineSeconds: Int? {
        let v = d.dpInt("spec", "progressDeadlineSeconds") ?? Self.defaultProgressDeadlineSeconds
        return v == Int(Int32.max) ? nil : v
    }
    var hasProgressDeadline: Bool { progressDeadlineSeconds != nil }
    var revisionHistoryLimit: Int { d.dpInt("spec", "revisionHistoryLimit") ?? Self.defaultRevisionHistoryLimit }

    /// `ResolveFenceposts`: surge rounded up, unavailable rounded down; both 0 → unavailable 1.
    func fenceposts() -> (surge: Int, unavailable: Int) {
        let ru = d["spec"]["strategy"]["rollingUpdate"]
        let surgeSpec = IntOrString(dpJSON: ru["maxSurge"]) ?? Self.defaultMaxSurge
        let unavailableSpec = IntOrString(dpJSON: ru["maxUnavailable"]) ?? Self.defaultMaxUnavailable
        let surge = (try? surgeSpec.scaledValue(total: replicas, roundUp: true)) ?? 0
        var unavailable = (try? unavailableSpec.scaledValue(total: replicas, roundUp: false)) ?? 0
        if surge == 0 && unavailable == 0 { unavailable = 1 }
        return (surge, unavailable)
    }

    /// `MaxSurge`: 0 unless rolling.
    var maxSurge: Int { isRollingUpdate ? fenceposts().surge : 0 }

    /// `MaxUnavailable`: 0 unless rolling with replicas, at most `replicas`.
    var maxUnavailable: Int {
        guard isRollingUpdate, replicas > 0 else { return 0 }
        return min(fenceposts().unavailable, replicas)
    }

    // MARK: ReplicaSet accessors

    static func specReplicas(_ rs: JSONValue) -> Int { rs.dpInt("spec", "replicas") ?? 1 }
    static func statusReplicas(_ rs: JSONValue) -> Int { rs.dpInt("status", "replicas") ?? 0 }
    static func readyReplicas(_ rs: JSONValue) -> Int { rs.dpInt("status", "readyReplicas") ?? 0 }
    static func availableReplicas(_ rs: JSONValue) -> Int { rs.dpInt("status", "availableReplicas") ?? 0 }
    static func revision(_ rs: JSONValue) -> Int64 { Int64(rs.dpAnnotations[Annotation.revision] ?? "") ?? 0 }
    static func byCreation(_ a: JSONValue, _ b: JSONValue) -> Bool {
        a.dpCreated != b.dpCreated ? a.dpCreated < b.dpCreated : (a.name ?? "") < (b.name ?? "")
    }
    static func active(_ list: [JSONValue]) -> [JSONValue] { list.filter { specReplicas($0) > 0 } }
    static func sumSpec(_ list: [JSONValue]) -> Int { list.reduce(0) { $0 + specReplicas($1) } }

    func replace(_ rs: JSONValue) {
        if let i = rsList.firstIndex(where: { $0.uid == rs.uid }) { rsList[i] = rs } else { rsList.append(rs) }
    }

    // MARK: syncDeployment

    func sync() {
        let claimed = ControllerRefs(pass: pass, writer: writer).claim(
            pass.objects(DataPlaneKeys.replicaSets, namespace: namespace, claimableBy: d.uid), owner: d,
            ownerReference: ControllerRefs.reference(to: d, apiVersion: DeploymentController.apiVersion, kind: DeploymentController.kind),
            selector: selector, def: rsDef)
        rsList = claimed
        if d.dpTerminating {
            let (newRS, oldRSs) = allReplicaSets(createIfMissing: false)
            syncDeploymentStatus(all: oldRSs + [newRS].compactMap { $0 }, newRS: newRS)
            return
        }
        checkPausedConditions()
        if isPaused || isScalingEvent() {
            syncScaling()
            return
        }
        if isRollingUpdate { rolloutRolling() } else { rolloutRecreate() }
    }

    /// `getAllReplicaSetsAndSyncRevision`: the ReplicaSet of the current template (created when
    /// asked) and all the others.
    func allReplicaSets(createIfMissing: Bool) -> (JSONValue?, [JSONValue]) {
        let template = d["spec"]["template"]
        let existing = rsList.sorted(by: Self.byCreation).first { PodTemplateHash.equalIgnoringHash($0["spec"]["template"], template) }
        let old = rsList.filter { $0.uid != existing?.uid }
        let newRS = newReplicaSet(existing, old: old, create: createIfMissing)
        return (newRS, old)
    }

    /// `getNewReplicaSet`.
    func newReplicaSet(_ existing: JSONValue?, old: [JSONValue], create: Bool) -> JSONValue? {
        let newRevision = (old.map(Self.revision).max() ?? 0) + 1
        if let existing, let rsName = existing.name {
            var rs = existing
            let minReady = minReadySeconds
            if let updated = writer.update(rsDef, namespace: namespace, name: rsName, { current in
                var o = current
                var changed = self.setNewReplicaSetAnnotations(&o, newRevision: newRevision, exists: true)
                if (current.dpInt("spec", "minReadySeconds") ?? 0) != minReady {
                    o["spec"]["minReadySeconds"] = .int(Int64(minReady))
                    changed = true
                }
                return changed ? o : JSONValue?.none
            }) {
                rs = updated
                replace(rs)
            }
            let revision = rs.dpAnnotations[Annotation.revision]
            let found = rs.name ?? ""
            updateDeployment { o in
                if let revision, o.dpAnnotations[Annotation.revision] != revision {
                    o["metadata"]["annotations"][Annotation.revision] = .string(revision)
                }
                if self.hasProgressDeadline, o.dpCondition("Progressing") == nil {
                    var conditions = o["status"]["conditions"].arrayValue ?? []
                    DeploymentStatusCalculator.setCondition(&conditions, DeploymentStatusCalculator.condition("Progressing", "True", reason: "FoundNewReplicaSet", message: "Found new replica set \"\(found)\"", now: self.pass.timestamp))
                    o["status"]["conditions"] = .array(conditions)
                }
            }
            return rs
        }
        guard create else { return nil }

        let collisionCount = d["status"]["collisionCount"].intValue
        let hash = PodTemplateHash.compute(d["spec"]["template"], collisionCount: collisionCount)
        let rsName = "\(name)-\(hash)"
        var template = d["spec"]["template"]
        template["metadata"]["labels"][PodTemplateHash.label] = .string(hash)
        var rsSelector = d["spec"]["selector"]
        rsSelector["matchLabels"][PodTemplateHash.label] = .string(hash)
        var rs: JSONValue = [
            "apiVersion": .string(ReplicaSetController.apiVersion), "kind": .string(ReplicaSetController.kind),
            "metadata": [
                "name": .string(rsName), "namespace": .string(namespace),
                "labels": template["metadata"]["labels"],
                "ownerReferences": [ControllerRefs.reference(to: d, apiVersion: DeploymentController.apiVersion, kind: DeploymentController.kind)],
            ],
            "spec": ["replicas": 0, "minReadySeconds": .int(Int64(minReadySeconds)), "selector": rsSelector, "template": template],
        ]
        rs["spec"]["replicas"] = .int(Int64(newRSNewReplicas(all: old + [rs], newRS: rs)))
        _ = setNewReplicaSetAnnotations(&rs, newRevision: newRevision, exists: false)

        if let clash = pass.api.store.get(rsDef.storageKey, namespace: namespace, name: rsName) {
            // A different ReplicaSet has the name: bump collisionCount, retry with a new hash.
            guard clash.dpControllerUID == d.uid, PodTemplateHash.equalIgnoringHash(clash["spec"]["template"], d["spec"]["template"]) else {
                updateDeployment { o in o["status"]["collisionCount"] = .int((collisionCount ?? 0) + 1) }
                pass.wake(at: pass.now)
                return nil
            }
            replace(clash)
            return clash
        }
        guard let created = writer.create(rsDef, namespace: namespace, rs) else { return nil }
        pass.logger.debug("created replica set", metadata: ["deployment": "\(d.dpKey)", "replicaset": "\(rsName)"])
        replace(created)
        updateDeployment { o in
            o["metadata"]["annotations"][Annotation.revision] = .string(String(newRevision))
            if self.hasProgressDeadline {
                var conditions = o["status"]["conditions"].arrayValue ?? []
                DeploymentStatusCalculator.setCondition(&conditions, DeploymentStatusCalculator.condition("Progressing", "True", reason: "NewReplicaSetCreated", message: "Created new replica set \"\(rsName)\"", now: self.pass.timestamp))
                o["status"]["conditions"] = .array(conditions)
            }
        }
        return created
    }

    /// `SetNewReplicaSetAnnotations`: copies the Deployment's annotations, raises the revision
    /// (recording the previous one in `revision-history`), and for a new ReplicaSet sets
    /// `desired-replicas`/`max-replicas`. Returns whether anything changed.
    func setNewReplicaSetAnnotations(_ rs: inout JSONValue, newRevision: Int64, exists: Bool) -> Bool {
        var changed = false
        var annotations = rs.dpAnnotations
        for (k, v) in d.dpAnnotations where !Annotation.notCopied.contains(k) && annotations[k] != v {
            annotations[k] = v
            changed = true
        }
        let oldRevisionText = annotations[Annotation.revision]
        let oldRevision = Int64(oldRevisionText ?? "") ?? 0
        if oldRevision < newRevision {
            annotations[Annotation.revision] = String(newRevision)
            if let oldRevisionText, !oldRevisionText.isEmpty {
                let history = annotations[Annotation.revisionHistory] ?? ""
                annotations[Annotation.revisionHistory] = history.isEmpty ? oldRevisionText : "\(history),\(oldRevisionText)"
            }
            changed = true
        }
        if !exists {
            annotations[Annotation.desiredReplicas] = String(replicas)
            annotations[Annotation.maxReplicas] = String(replicas + maxSurge)
            changed = true
        }
        if changed { rs["metadata"]["annotations"] = .object(annotations.mapValues { .string($0) }) }
        return changed
    }

    /// `NewRSNewReplicas`: how far the new ReplicaSet may grow now.
    func newRSNewReplicas(all: [JSONValue], newRS: JSONValue) -> Int {
        guard isRollingUpdate else { return replicas }
        let current = Self.sumSpec(all)
        let maxTotal = replicas + maxSurge
        let newReplicas = Self.specReplicas(newRS)
        if current >= maxTotal { return newReplicas }
        let scaleUp = min(maxTotal - current, replicas - newReplicas)
        return newReplicas + scaleUp
    }

    /// `scaleReplicaSet`: sets `spec.replicas` and the replicas annotations; true when the size changed.
    @discardableResult
    func scale(_ rs: JSONValue, to newScale: Int) -> Bool {
        guard let rsName = rs.name else { return false }
        let desired = String(replicas), maxReplicas = String(replicas + maxSurge)
        let sizeChanges = Self.specReplicas(rs) != newScale
        let annotationsChange = rs.dpAnnotations[Annotation.desiredReplicas] != desired || rs.dpAnnotations[Annotation.maxReplicas] != maxReplicas
        guard sizeChanges || annotationsChange else { return false }
        if let updated = writer.update(rsDef, namespace: namespace, name: rsName, { current in
            var o = current
            o["spec"]["replicas"] = .int(Int64(newScale))
            o["metadata"]["annotations"][Annotation.desiredReplicas] = .string(desired)
            o["metadata"]["annotations"][Annotation.maxReplicas] = .string(maxReplicas)
            return o
        }) {
            replace(updated)
            if sizeChanges {
                pass.logger.debug("scaled replica set", metadata: ["deployment": "\(d.dpKey)", "replicaset": "\(rsName)", "replicas": "\(newScale)"])
            }
            return sizeChanges
        }
        return false
    }

    /// A write to the Deployment (metadata and status); `d` follows.
    func updateDeployment(_ change: (inout JSONValue) -> Void) {
        guard let updated = writer.update(dDef, namespace: namespace, name: name, { current in
            guard current.uid == self.d.uid else { return nil }
            var o = current
            change(&o)
            return o == current ? JSONValue?.none : o
        }) else { return }
        d = updated
    }
}
