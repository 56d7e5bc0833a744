import Foundation
import KubeCore

/// kube-controller-manager's ReplicaSet controller (`replica_set.go`): keeps `spec.replicas`
/// (default 1) active pods from the template, owned through a controller reference named
/// `<replicaset>-<random>`; adopts matching orphan pods; deletes surplus pods in
/// `getPodsToDelete` order (unscheduled, then Pending, not ready, ready for less time, newer
/// first); and reports `replicas`, `fullyLabeledReplicas`, `readyReplicas`,
/// `availableReplicas` (Ready for `minReadySeconds`) and `observedGeneration`. Active pods are
/// those neither terminal nor being deleted (`controller.FilterActivePods`).
struct ReplicaSetController {
    static let apiVersion = "apps/v1"
    static let kind = "ReplicaSet"
    let pass: ReconcilePass

    static func isActive(_ pod: JSONValue) -> Bool { !pod.dpTerminating && !Scheduler.isTerminal(pod) }

    func run() {
        guard let rsDef = pass.definition(DataPlaneKeys.replicaSets), let podDef = pass.definition(DataPlaneKeys.pods) else { return }
        let writer = pass.writer(ObjectWriter.Manager.controllerManager)
        let refs = ControllerRefs(pass: pass, writer: writer)
        for rs in pass.objects(DataPlaneKeys.replicaSets) {
            guard let ns = rs.namespace, let name = rs.name, let selector = ControllerRefs.templateSelector(of: rs) else { continue }
            let candidates = pass.objects(DataPlaneKeys.pods, namespace: ns, claimableBy: rs.uid)
            let owned = refs.claim(candidates, owner: rs, ownerReference: ControllerRefs.reference(to: rs, apiVersion: Self.apiVersion, kind: Self.kind), selector: selector, def: podDef)
            var active = owned.filter(Self.isActive)
            if !rs.dpTerminating {
                let want = rs.dpInt("spec", "replicas") ?? 1
                if active.count < want {
                    for _ in 0..<(want - active.count) {
                        if let pod = writer.create(podDef, namespace: ns, Self.pod(from: rs["spec"]["template"], generateName: "\(name)-", namespace: ns, owner: ControllerRefs.reference(to: rs, apiVersion: Self.apiVersion, kind: Self.kind))) {
                            active.append(pod)
                        }
                    }
                } else if active.count > want {
                    for pod in Self.podsToDelete(active, count: active.count - want) {
                        if let podName = pod.name, writer.delete(podDef, namespace: ns, name: podName) {
                            active.removeAll { $0.uid == pod.uid }
                        }
                    }
                }
            }
            let status = Self.status(rs, pods: active, now: pass.now, wake: pass.wake)
            writer.update(rsDef, namespace: ns, name: name) { current in
                guard current.uid == rs.uid else { return nil }
                var o = current
                o["status"] = status
                return o
            }
        }
    }

    /// A pod from a template: its labels, annotations, finalizers and spec, owned by `owner`.
    static func pod(from template: JSONValue, generateName: String, namespace: String, owner: JSONValue, extraLabels: [String: String] = [:], extraAnnotations: [String: String] = [:]) -> JSONValue {
        var meta: JSONValue = ["generateName": .string(generateName), "namespace": .string(namespace), "ownerReferences": [owner]]
        var labels = template["metadata"]["labels"].dpStringMap
        for (k, v) in extraLabels { labels[k] = v }
        if !labels.isEmpty { meta["labels"] = .object(labels.mapValues { .string($0) }) }
        var annotations = template["metadata"]["annotations"].dpStringMap
        for (k, v) in extraAnnotations { annotations[k] = v }
        if !annotations.isEmpty { meta["annotations"] = .object(annotations.mapValues { .string($0) }) }
        if let f = template["metadata"]["finalizers"].arrayValue, !f.isEmpty { meta["finalizers"] = .array(f) }
        return ["apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": template["spec"]]
    }

    /// When the pod became Ready (the Ready condition's transition time), nil when not Ready.
    static func readySince(_ pod: JSONValue) -> Date? {
        guard let c = pod.dpCondition("Ready"), c["status"].stringValue == "True" else { return nil }
        return c["lastTransitionTime"].dpDate ?? .distantPast
    }

    /// `podutil.IsPodAvailable`: Ready for at least `minReadySeconds`. Asks for a pass when it will be.
    static func isAvailable(_ pod: JSONValue, minReadySeconds: Int, now: Date, wake: (Date) -> Void) -> Bool {
        guard let since = readySince(pod) else { return false }
        if minReadySeconds <= 0 { return true }
        let at = since.addingTimeInterval(TimeInterval(minReadySeconds))
        if at <= now { return true }
        wake(at)
        return false
    }

    /// The first `count` pods of `ActivePodsWithRanks` order.
    static func podsToDelete(_ pods: [JSONValue], count: Int) -> [JSONValue] {
        func phaseRank(_ p: JSONValue) -> Int {
            switch p["status"]["phase"].stringValue ?? "Pending" { case "Pending": return 0; case "Unknown": return 1; case "Running": return 2; default: return 3 }
        }
        let sorted = pods.sorted { a, b in
            let sa = (a["spec"]["nodeName"].stringValue ?? "").isEmpty, sb = (b["spec"]["nodeName"].stringValue ?? "").isEmpty
            if sa != sb { return sa }
            if phaseRank(a) != phaseRank(b) { return phaseRank(a) < phaseRank(b) }
            let ra = readySince(a), rb = readySince(b)
            if (ra == nil) != (rb == nil) { return ra == nil }
            if let ra, let rb, ra != rb { return ra > rb }
            if a.dpCreated != b.dpCreated { return a.dpCreated > b.dpCreated }
            return (a.name ?? "") > (b.name ?? "")
        }
        return Array(sorted.prefix(count))
    }

    /// `calculateStatus`: counts over the active pods; zero counts are omitted as the API's
    /// `omitempty` does, except `replicas`. Existing conditions are kept.
    static func status(_ rs: JSONValue, pods: [JSONValue], now: Date, wake: (Date) -> Void) -> JSONValue {
        let templateLabels = rs["spec"]["template"]["metadata"]["labels"].dpStringMap
        let minReady = rs.dpInt("spec", "minReadySeconds") ?? 0
        let fully = pods.filter { p in let l = p.dpLabels; return templateLabels.allSatisfy { l[$0.key] == $0.value } }.count
        let ready = pods.filter { readySince($0) != nil }.count
        let available = pods.filter { isAvailable($0, minReadySeconds: minReady, now: now, wake: wake) }.count
        var s: JSONValue = ["replicas": .int(Int64(pods.count))]
        if fully > 0 { s["fullyLabeledReplicas"] = .int(Int64(fully)) }
        if ready > 0 { s["readyReplicas"] = .int(Int64(ready)) }
        if available > 0 { s["availableReplicas"] = .int(Int64(available)) }
        if rs.dpGeneration > 0 { s["observedGeneration"] = .int(rs.dpGeneration) }
        if let c = rs["status"]["conditions"].arrayValue, !c.isEmpty { s["conditions"] = .array(c) }
        return s
    }
}
