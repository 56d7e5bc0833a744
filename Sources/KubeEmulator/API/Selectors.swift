import Foundation
import KubeCore

/// Label and field selectors as predicates over stored objects.
enum Selectors {
    /// Builds the predicate for `labelSelector` and `fieldSelector` query values on a resource.
    ///
    /// Field selectors follow `k8s.io/apimachinery/pkg/fields`: comma-separated terms (a comma
    /// may be escaped as `\,`), each `label=value`, `label==value` or `label!=value`, values
    /// unescaped (`\\`, `\,`, `\=`; other escapes and bare `,`/`=` are errors). A resource with
    /// ``SelectableFields`` (Events) accepts only its labels, read from the stored object, and
    /// answers 400 `field label not supported` otherwise, as kube-apiserver does. Other
    /// resources accept any scalar path (`metadata.name`, `status.phase`, ...).
    static func predicate(for def: ResourceDefinition, labelSelector: String?, fieldSelector: String?) throws -> @Sendable (JSONValue) -> Bool {
        var label: LabelRequirementSet?
        if let ls = labelSelector, !ls.isEmpty {
            do { label = try LabelSelector.parse(ls) } catch {
                throw APIError.badRequest("unable to parse requirement: \(error)")
            }
        }
        var fields: [(value: @Sendable (JSONValue) -> String, expected: String, equal: Bool)] = []
        if let fs = fieldSelector, !fs.isEmpty {
            for term in try parseFieldSelector(fs) {
                if let table = def.selectableFields {
                    guard let read = table.values[term.label] else { throw APIError.badRequest("field label not supported: \(term.label)") }
                    fields.append((read, term.value, term.equal))
                } else {
                    let path = term.label.split(separator: ".").map(String.init)
                    fields.append(({ fieldString($0[path: path]) }, term.value, term.equal))
                }
            }
        }
        let labelSet = label
        let fieldTerms = fields
        return { obj in
            if let l = labelSet {
                let labels = obj["metadata"]["labels"].objectValue?.compactMapValues(\.stringValue) ?? [:]
                if !l.matches(labels) { return false }
            }
            for f in fieldTerms where (f.value(obj) == f.expected) != f.equal { return false }
            return true
        }
    }

    /// A scalar as a field selector compares it: strings as they are, a missing value as `""`.
    static func fieldString(_ v: JSONValue) -> String {
        switch v {
        case .string(let x): return x
        case .null: return ""
        case .bool(let b): return String(b)
        default: return v.description
        }
    }

    /// One parsed field selector requirement.
    struct FieldTerm: Equatable {
        var label: String
        var value: String
        var equal: Bool
    }

    /// `fields.ParseSelector`: terms split at unescaped commas, each at its first operator
    /// (`!=`, `==` or `=`, tried in that order at each position), the value unescaped.
    static func parseFieldSelector(_ selector: String) throws -> [FieldTerm] {
        var terms: [FieldTerm] = []
        for part in splitTerms(selector) where !part.isEmpty {
            guard let (lhs, op, rhs) = splitTerm(part) else {
                throw APIError.badRequest("invalid selector: '\(selector)'; can't understand '\(part)'")
            }
            terms.append(FieldTerm(label: lhs, value: try unescape(rhs), equal: op != "!="))
        }
        return terms
    }

    static func splitTerms(_ s: String) -> [String] {
        var terms: [String] = []
        var current = ""
        var inSlash = false
        for c in s {
            if inSlash {
                inSlash = false
            } else if c == "\\" {
                inSlash = true
            } else if c == "," {
                terms.append(current)
                current = ""
                continue
            }
            current.append(c)
        }
        terms.append(current)
        return terms
    }

    static func splitTerm(_ term: String) -> (String, String, String)? {
        var i = term.startIndex
        while i < term.endIndex {
            let rest = term[i...]
            for op in ["!=", "==", "="] where rest.hasPrefix(op) {
                return (String(term[..<i]), op, String(rest.dropFirst(op.count)))
            }
            i = term.index(after: i)
        }
        return nil
    }

    /// `fields.UnescapeValue`.
    static func unescape(_ s: String) throws -> String {
        var out = ""
        var inSlash = false
        for c in s {
            if inSlash {
                guard c == "\\" || c == "," || c == "=" else {
                    throw APIError.badRequest("invalid field selector: invalid escape sequence: \\\(c)")
                }
                out.append(c)
                inSlash = false
            } else if c == "\\" {
                inSlash = true
            } else if c == "," || c == "=" {
                throw APIError.badRequest("invalid field selector: unescaped character in value: \(c.unicodeScalars.first!.value)")
            } else {
                out.append(c)
            }
        }
        if inSlash { throw APIError.badRequest("invalid field selector: invalid escape sequence: \\") }
        return out
    }
}
