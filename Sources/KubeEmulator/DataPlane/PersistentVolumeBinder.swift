import Foundation
import KubeCore

/// The PV controller and a CSI provisioner together: every PVC is dynamically provisioned and
/// bound at once (`WaitForFirstConsumer` is not simulated): `spec.volumeName: pvc-<uid>`, the
/// `pv.kubernetes.io/bind-completed` and `bound-by-controller` annotations, and status
/// `phase: Bound`, `accessModes` from the spec, `capacity.storage` = the requested size. A PVC
/// restored from a VolumeSnapshot (`spec.dataSource`) waits until the snapshot is
/// `readyToUse` and gets at least its `restoreSize`. A larger request on a Bound PVC is granted
/// at once (the external resizer's expansion). No PersistentVolume objects are created.
struct PersistentVolumeBinder {
    static let bindCompletedAnnotation = "pv.kubernetes.io/bind-completed"
    static let boundByControllerAnnotation = "pv.kubernetes.io/bound-by-controller"
    let pass: ReconcilePass

    func run() {
        guard let def = pass.definition(DataPlaneKeys.pvcs) else { return }
        let writer = pass.writer(ObjectWriter.Manager.controllerManager)
        for pvc in pass.objects(DataPlaneKeys.pvcs) where !pvc.dpTerminating {
            guard let name = pvc.name, let uid = pvc.uid else { continue }
            let requested = pvc["spec"]["resources"]["requests"]["storage"]
            guard var size = PodResources.quantity(requested) else { continue }
            if pvc["status"]["phase"].stringValue == "Bound" {
                guard let current = PodResources.quantity(pvc["status"]["capacity"]["storage"]), size > current else { continue }
                writer.update(def, namespace: pvc.namespace, name: name) { o in
                    var o = o
                    o["status"]["capacity"]["storage"] = .string(size.description)
                    return o
                }
                continue
            }
            if let source = snapshotSource(pvc) {
                guard let snapshot = pass.api.store.get(DataPlaneKeys.volumeSnapshots, namespace: pvc.namespace ?? "", name: source),
                      snapshot["status"]["readyToUse"].boolValue == true else { continue }
                if let restore = PodResources.quantity(snapshot["status"]["restoreSize"]), restore > size { size = restore }
            }
            let capacity = size
            writer.update(def, namespace: pvc.namespace, name: name) { current in
                guard current.uid == uid, current["status"]["phase"].stringValue != "Bound" else { return nil }
                var o = current
                if (o["spec"]["volumeName"].stringValue ?? "").isEmpty { o["spec"]["volumeName"] = .string("pvc-\(uid)") }
                o["metadata"]["annotations"][Self.bindCompletedAnnotation] = "yes"
                o["metadata"]["annotations"][Self.boundByControllerAnnotation] = "yes"
                o["status"]["phase"] = "Bound"
                o["status"]["accessModes"] = current["spec"]["accessModes"].isNull ? ["ReadWriteOnce"] : current["spec"]["accessModes"]
                o["status"]["capacity"] = ["storage": .string(capacity.description)]
                return o
            }
        }
    }

    /// The VolumeSnapshot a PVC is restored from (`dataSource` or `dataSourceRef`).
    func snapshotSource(_ pvc: JSONValue) -> String? {
        for key in ["dataSourceRef", "dataSource"] {
            let ds = pvc["spec"][key]
            if ds["kind"].stringValue == "VolumeSnapshot", ds["apiGroup"].stringValue == "snapshot.storage.k8s.io" { return ds["name"].stringValue }
        }
        return nil
    }
}
