import Foundation
import KubeCore

/// Owner references between controllers and what they manage, and the `ControllerRefManager`
/// claim rules: a controller adopts matching orphans (unless it is being deleted) and releases
/// what it owns but no longer selects.
struct ControllerRefs {
    let pass: ReconcilePass
    let writer: ObjectWriter

    /// The `ownerReferences` entry of a controller (`controller` and `blockOwnerDeletion` true).
    static func reference(to owner: JSONValue, apiVersion: String, kind: String) -> JSONValue {
        ["apiVersion": .string(apiVersion), "kind": .string(kind), "name": owner["metadata"]["name"], "uid": owner["metadata"]["uid"], "controller": true, "blockOwnerDeletion": true]
    }

    /// The owner's `spec.selector` as requirements; nil when missing or invalid. An empty
    /// selector is refused too: the workload controllers would otherwise select every pod.
    static func selector(of owner: JSONValue) -> LabelRequirementSet? {
        guard case .object = owner["spec"]["selector"], let sel = try? owner["spec"]["selector"].decode(as: LabelSelector.self), !sel.isEmpty else { return nil }
        return try? sel.requirementSet()
    }

    /// The owner's selector when it selects its own pod template's labels; nil otherwise.
    /// kube-apiserver rejects workloads whose selector does not match `spec.template`'s labels
    /// ("`selector` does not match template `labels`"); the emulator stores them, and a
    /// controller acting on one would create pods it never sees as its own, without end.
    static func templateSelector(of owner: JSONValue) -> LabelRequirementSet? {
        guard let sel = selector(of: owner), sel.matches(owner["spec"]["template"]["metadata"]["labels"].dpStringMap) else { return nil }
        return sel
    }

    /// The candidates this owner controls after claiming: owned and selected ones, plus adopted
    /// orphans; owned ones that no longer match are released.
    func claim(_ candidates: [JSONValue], owner: JSONValue, ownerReference: JSONValue, selector: LabelRequirementSet, def: ResourceDefinition) -> [JSONValue] {
        guard let ownerUID = owner.uid else { return [] }
        var claimed: [JSONValue] = []
        for obj in candidates {
            guard let name = obj.name else { continue }
            let matches = selector.matches(obj.dpLabels)
            if let ref = obj.dpControllerRef {
                guard ref["uid"].stringValue == ownerUID else { continue }
                if matches { claimed.append(obj); continue }
                if obj.dpTerminating { continue }
                writer.update(def, namespace: obj.namespace, name: name) { current in
                    var o = current
                    let refs = (current["metadata"]["ownerReferences"].arrayValue ?? []).filter { $0["uid"].stringValue != ownerUID }
                    if refs.isEmpty { o["metadata"].removeValue(forKey: "ownerReferences") } else { o["metadata"]["ownerReferences"] = .array(refs) }
                    return o
                }
            } else if matches && !owner.dpTerminating && !obj.dpTerminating {
                if let adopted = writer.update(def, namespace: obj.namespace, name: name, { current in
                    guard current.dpControllerRef == nil else { return nil }
                    var o = current
                    o["metadata"]["ownerReferences"] = .array((current["metadata"]["ownerReferences"].arrayValue ?? []) + [ownerReference])
                    return o
                }), adopted.dpControllerUID == ownerUID {
                    claimed.append(adopted)
                }
            }
        }
        return claimed
    }
}
