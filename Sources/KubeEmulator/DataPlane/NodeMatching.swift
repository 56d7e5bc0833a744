import KubeCore

/// The node-side rules of scheduling: taints and tolerations, `nodeSelector` and required
/// node affinity, as kube-scheduler's TaintToleration and NodeAffinity plugins apply them.
enum NodeMatching {
    /// Whether a toleration tolerates a taint (`Toleration.ToleratesTaint`): the effects match
    /// (an empty toleration effect matches all), and either the toleration has an empty key with
    /// `Exists` (tolerates everything), or the keys match and the operator is `Exists`, or
    /// `Equal` (the default) with equal values.
    static func tolerates(_ toleration: JSONValue, _ taint: JSONValue) -> Bool {
        let effect = toleration["effect"].stringValue ?? ""
        if !effect.isEmpty && effect != taint["effect"].stringValue { return false }
        let key = toleration["key"].stringValue ?? ""
        let op = toleration["operator"].stringValue ?? "Equal"
        if key.isEmpty { return op == "Exists" }
        guard key == taint["key"].stringValue else { return false }
        switch op {
        case "Exists": return true
        case "Equal", "": return (toleration["value"].stringValue ?? "") == (taint["value"].stringValue ?? "")
        default: return false
        }
    }

    static func tolerations(_ pod: JSONValue) -> [JSONValue] { pod["spec"]["tolerations"].arrayValue ?? [] }

    /// The first taint with effect NoSchedule or NoExecute that no toleration tolerates.
    static func firstUntoleratedTaint(_ taints: [JSONValue], _ tolerations: [JSONValue]) -> JSONValue? {
        taints.first { taint in
            let effect = taint["effect"].stringValue
            guard effect == "NoSchedule" || effect == "NoExecute" else { return false }
            return !tolerations.contains { tolerates($0, taint) }
        }
    }

    /// `spec.nodeSelector` and `spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`
    /// (`nodeaffinity.GetRequiredNodeAffinity(pod).Match(node)`): every nodeSelector label must
    /// match, and at least one of the required terms.
    static func matchesNodeSelectorAndAffinity(_ pod: JSONValue, nodeName: String, labels: [String: String]) -> Bool {
        for (k, v) in pod["spec"]["nodeSelector"].dpStringMap where labels[k] != v { return false }
        let required = pod["spec"]["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
        guard case .object = required else { return true }
        let terms = required["nodeSelectorTerms"].arrayValue ?? []
        return terms.contains { termMatches($0, nodeName: nodeName, labels: labels) }
    }

    /// A node selector term: all of its expressions and fields hold. A term with neither
    /// matches nothing (`nodeSelectorTerm` semantics).
    static func termMatches(_ term: JSONValue, nodeName: String, labels: [String: String]) -> Bool {
        let expressions = term["matchExpressions"].arrayValue ?? []
        let fields = term["matchFields"].arrayValue ?? []
        if expressions.isEmpty && fields.isEmpty { return false }
        for e in expressions where !requirementMatches(e, value: labels[e["key"].stringValue ?? ""]) { return false }
        for f in fields {
            // Only `metadata.name` is a supported field.
            guard f["key"].stringValue == "metadata.name", requirementMatches(f, value: nodeName) else { return false }
        }
        return true
    }

    /// One `NodeSelectorRequirement` against a label's value (nil when the label is absent):
    /// `In`, `NotIn` (also true when absent), `Exists`, `DoesNotExist`, and `Gt`/`Lt` comparing
    /// the value and the single operand as integers.
    static func requirementMatches(_ r: JSONValue, value: String?) -> Bool {
        let values = r["values"].arrayValue?.compactMap(\.stringValue) ?? []
        switch r["operator"].stringValue ?? "" {
        case "In": return value.map(values.contains) ?? false
        case "NotIn": return value.map { !values.contains($0) } ?? true
        case "Exists": return value != nil
        case "DoesNotExist": return value == nil
        case "Gt", "Lt":
            guard values.count == 1, let operand = Int64(values[0]), let v = value.flatMap({ Int64($0) }) else { return false }
            return r["operator"].stringValue == "Gt" ? v > operand : v < operand
        default: return false
        }
    }
}
