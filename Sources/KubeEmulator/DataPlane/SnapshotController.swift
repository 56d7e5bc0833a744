import Foundation
import KubeCore

/// The CSI snapshot controller and snapshotter, once the `snapshot.storage.k8s.io`
/// VolumeSnapshot CRD is installed: a VolumeSnapshot of a Bound PVC
/// (`spec.source.persistentVolumeClaimName`) first reports `readyToUse: false`, and after
/// ``DataPlane/Configuration/snapshotDelay`` becomes `readyToUse: true` with `restoreSize` =
/// the PVC's capacity and `creationTime` = when it was first seen. Under the `fail` snapshot
/// fault it gets `status.error {message, time}` instead (for good); under `hang` it stays not
/// ready. A snapshot of a missing or unbound PVC waits. No VolumeSnapshotContent objects are
/// created.
struct SnapshotController {
    /// The message of a failed snapshot (the csi-snapshotter's wording around a driver error).
    static let failureMessage = "Failed to check and update snapshot content: failed to take snapshot of the volume: rpc error: code = Internal desc = simulated snapshot failure"
    let pass: ReconcilePass

    func run() {
        guard let def = pass.definition(DataPlaneKeys.volumeSnapshots) else { return }
        let writer = pass.writer(ObjectWriter.Manager.snapshotController)
        for snap in pass.objects(DataPlaneKeys.volumeSnapshots) where !snap.dpTerminating {
            guard let name = snap.name, let uid = snap.uid, let ns = snap.namespace else { continue }
            if snap["status"]["readyToUse"].boolValue == true || !snap["status"]["error"].isNull { continue }
            let seen = pass.memory.snapshotsSeen[uid] ?? pass.now
            pass.memory.snapshotsSeen[uid] = seen
            var restoreSize: JSONValue = .null
            if let claim = snap["spec"]["source"]["persistentVolumeClaimName"].stringValue {
                guard let pvc = pass.api.store.get(DataPlaneKeys.pvcs, namespace: ns, name: claim), pvc["status"]["phase"].stringValue == "Bound" else {
                    setStatus(def, writer, ns, name, uid) { s in s["readyToUse"] = false }
                    continue
                }
                restoreSize = pvc["status"]["capacity"]["storage"]
            }
            let due = seen.addingTimeInterval(pass.configuration.snapshotDelay.timeInterval)
            if pass.now < due || pass.faults.snapshotMode == .hang {
                if pass.now < due { pass.wake(at: due) }
                setStatus(def, writer, ns, name, uid) { s in s["readyToUse"] = false }
                continue
            }
            let now = pass.timestamp
            switch pass.faults.snapshotMode {
            case .fail:
                setStatus(def, writer, ns, name, uid) { s in
                    s["readyToUse"] = false
                    s["error"] = ["message": .string(Self.failureMessage), "time": .string(now)]
                }
            case .normal, .hang:
                let created = Time(seen).description
                setStatus(def, writer, ns, name, uid) { s in
                    s["readyToUse"] = true
                    s["creationTime"] = .string(created)
                    if !restoreSize.isNull { s["restoreSize"] = restoreSize }
                }
            }
        }
    }

    func setStatus(_ def: ResourceDefinition, _ writer: ObjectWriter, _ ns: String, _ name: String, _ uid: String, _ change: (inout JSONValue) -> Void) {
        writer.update(def, namespace: ns, name: name) { current in
            guard current.uid == uid else { return nil }
            var o = current
            var s = current["status"].objectValue == nil ? JSONValue.emptyObject : current["status"]
            change(&s)
            o["status"] = s
            return o
        }
    }
}
