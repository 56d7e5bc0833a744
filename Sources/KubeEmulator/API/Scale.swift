import Foundation
import KubeCore
import KubeMachinery

/// The `scale` subresource: an `autoscaling/v1 Scale` view of an object's replicas, mapped by
/// the resource's ``ScaleMapping`` (a CRD's `specReplicasPath` etc., or `spec.replicas` and the
/// selector of built-in workloads).
extension APIServer {
    static func path(_ jsonPath: String) -> [String] {
        jsonPath.split(separator: ".").map(String.init)
    }

    func scaleView(_ def: ResourceDefinition, _ obj: JSONValue) -> JSONValue {
        guard let m = def.scale else { return .null }
        var selector: JSONValue = .null
        if let p = m.labelSelectorPath {
            selector = obj[path: Self.path(p)]
        } else if let sel = try? obj["spec"]["selector"].decode(as: LabelSelector.self) {
            selector = .string(sel.selectorString)
        }
        var status: JSONValue = ["replicas": .int(obj[path: Self.path(m.statusReplicasPath)].intValue ?? 0)]
        if !selector.isNull { status["selector"] = selector }
        var meta: JSONValue = .emptyObject
        for f in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] where obj["metadata"].hasKey(f) { meta[f] = obj["metadata"][f] }
        var spec: JSONValue = .emptyObject
        if let r = obj[path: Self.path(m.specReplicasPath)].intValue { spec["replicas"] = .int(r) }
        return ["apiVersion": "autoscaling/v1", "kind": "Scale", "metadata": meta, "spec": spec, "status": status]
    }

    func getScale(_ def: ResourceDefinition, namespace: String?, name: String) throws -> JSONValue {
        scaleView(def, try get(def, namespace: namespace, name: name))
    }

    func replaceScale(_ def: ResourceDefinition, namespace: String?, name: String, body: JSONValue, options: WriteContext) throws -> JSONValue {
        guard let m = def.scale else { throw APIError.notFoundPath("scale") }
        guard let replicas = body["spec"]["replicas"].intValue, replicas >= 0 else {
            throw APIError(code: 422, reason: StatusReason.invalid, message: "Scale.autoscaling \"\(name)\" is invalid: spec.replicas: Invalid value: \(body["spec"]["replicas"]): must be greater than or equal to 0", details: StatusDetails(name: name, group: "autoscaling", kind: "Scale", causes: [StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \(body["spec"]["replicas"]): must be greater than or equal to 0", field: "spec.replicas")]))
        }
        var result: JSONValue?
        let stored = try store.mutate(def.storageKey, namespace: namespace ?? "", name: name) { current in
            guard let current else { throw APIError.notFound(def, name) }
            if let rv = body["metadata"]["resourceVersion"].stringValue, !rv.isEmpty, rv != current.resourceVersion {
                throw APIError.conflict(def, name)
            }
            var incoming = current
            incoming[path: Self.path(m.specReplicasPath)] = .int(replicas)
            let (mutation, object, _) = try commitUpdate(def, current: current, incoming: incoming, subresource: nil, options: options)
            result = object
            return options.dryRun ? .none : mutation
        }
        return scaleView(def, (options.dryRun ? result : stored) ?? result!)
    }

    func patchScale(_ def: ResourceDefinition, namespace: String?, name: String, type: PatchType, body: [UInt8], options: WriteContext) throws -> JSONValue {
        let current = try getScale(def, namespace: namespace, name: name)
        guard let doc = try? JSONValue.parse(body) else { throw APIError.badRequest("error decoding patch") }
        let patched: JSONValue
        switch type {
        case .json: patched = try applyPatchDocument(def, type: .json, patch: doc, to: current, name: name)
        default: patched = JSONMergePatch.apply(doc, to: current)
        }
        return try replaceScale(def, namespace: namespace, name: name, body: patched, options: options)
    }
}
