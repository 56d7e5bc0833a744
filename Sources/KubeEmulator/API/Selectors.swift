import Foundation
import KubeCore

/// Label and field selectors as predicates over stored objects.
enum Selectors {
    /// Builds the predicate for `labelSelector` and `fieldSelector` query values.
    /// Field selectors support `metadata.name` and `metadata.namespace` for every resource
    /// (`=`, `==`, `!=`, comma-separated), plus `status.phase` and `spec.nodeName` for pods and
    /// `involvedObject.*` / `regarding.*` scalar paths for events, as kube-apiserver does.
    static func predicate(labelSelector: String?, fieldSelector: String?) throws -> @Sendable (JSONValue) -> Bool {
        var label: LabelRequirementSet?
        if let ls = labelSelector, !ls.isEmpty {
            do { label = try LabelSelector.parse(ls) } catch {
                throw APIError.badRequest("unable to parse requirement: \(error)")
            }
        }
        var fields: [(path: [String], value: String, equal: Bool)] = []
        if let fs = fieldSelector, !fs.isEmpty {
            for term in fs.split(separator: ",") {
                let t = String(term).trimmingCharacters(in: .whitespaces)
                let (op, equal): (String, Bool) = t.contains("!=") ? ("!=", false) : t.contains("==") ? ("==", true) : ("=", true)
                let parts = t.components(separatedBy: op)
                guard parts.count == 2, !parts[0].isEmpty else { throw APIError.badRequest("invalid field selector: \(t)") }
                fields.append((parts[0].split(separator: ".").map(String.init), parts[1], equal))
            }
        }
        let labelSet = label
        let fieldTerms = fields
        return { obj in
            if let l = labelSet {
                let labels = obj["metadata"]["labels"].objectValue?.compactMapValues(\.stringValue) ?? [:]
                if !l.matches(labels) { return false }
            }
            for f in fieldTerms {
                let v = obj[path: f.path]
                let s: String
                switch v {
                case .string(let x): s = x
                case .null: s = ""
                case .bool(let b): s = String(b)
                default: s = v.description
                }
                if (s == f.value) != f.equal { return false }
            }
            return true
        }
    }
}
