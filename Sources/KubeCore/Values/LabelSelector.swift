/// `metav1.LabelSelector`: the structured label query of `spec.selector` in Deployments, Jobs,
/// PVCs and others. All terms are ANDed: every `matchLabels` pair and every `matchExpressions`
/// requirement must hold.
///
/// The semantics are those of `metav1.LabelSelectorAsSelector`: the selector is converted to a
/// ``LabelRequirementSet`` (`matchLabels` entries become `key=value` requirements), and an empty
/// selector (no labels and no expressions) matches every object. A *missing* selector
/// (`LabelSelector?` that is nil) matches nothing in Kubernetes; that case is left to the caller.
public struct LabelSelector: Codable, Sendable, Equatable {
    /// Exact `key: value` pairs; each is equivalent to an `In` requirement with one value.
    public var matchLabels: [String: String]?
    /// Set-based requirements (`In`, `NotIn`, `Exists`, `DoesNotExist`).
    public var matchExpressions: [LabelSelectorRequirement]?

    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// `metav1.ParseToLabelSelector`: parses the string form (`app=web,tier in (a,b)`).
    /// `=`/`==` become `matchLabels`; `in`, `notin`, existence and `!` become `matchExpressions`
    /// (sorted by key); an empty part is left nil. `!=`, `>` and `<` have no structured form and throw.
    public init(selectorString: String) throws {
        let set = try LabelRequirementSet(parsing: selectorString)
        var labels: [String: String] = [:]
        var expressions: [LabelSelectorRequirement] = []
        for r in set.requirements {
            switch r.op {
            case .equals, .doubleEquals:
                labels[r.key] = r.values.first ?? ""
            case .in: expressions.append(.init(key: r.key, operator: LabelSelectorRequirement.opIn, values: r.values))
            case .notIn: expressions.append(.init(key: r.key, operator: LabelSelectorRequirement.opNotIn, values: r.values))
            case .exists: expressions.append(.init(key: r.key, operator: LabelSelectorRequirement.opExists))
            case .doesNotExist: expressions.append(.init(key: r.key, operator: LabelSelectorRequirement.opDoesNotExist))
            case .notEquals, .greaterThan, .lessThan:
                throw LabelSelectorError("\(String(reflecting: r.op.rawValue)) isn't supported in label selectors")
            }
        }
        self.init(matchLabels: labels.isEmpty ? nil : labels, matchExpressions: expressions.isEmpty ? nil : expressions)
    }

    /// True when there are no labels and no expressions: the selector matches everything.
    public var isEmpty: Bool { (matchLabels?.isEmpty ?? true) && (matchExpressions?.isEmpty ?? true) }

    /// `metav1.LabelSelectorAsSelector`: the validated requirements, sorted by key. Throws
    /// ``LabelSelectorError`` for an unknown operator (operators are case-sensitive: `In`, `NotIn`,
    /// `Exists`, `DoesNotExist`), an invalid key or value, `In`/`NotIn` without values, or
    /// `Exists`/`DoesNotExist` with values.
    public func requirementSet() throws -> LabelRequirementSet {
        var requirements: [LabelRequirement] = []
        for (key, value) in matchLabels ?? [:] {
            requirements.append(try LabelRequirement(key: key, op: .equals, values: [value]))
        }
        for e in matchExpressions ?? [] {
            guard let op = e.requirementOperator else {
                throw LabelSelectorError("\(String(reflecting: e.operator)) is not a valid label selector operator")
            }
            requirements.append(try LabelRequirement(key: e.key, op: op, values: e.values ?? []))
        }
        return LabelRequirementSet(requirements)
    }

    /// Whether an object with these labels is selected. An invalid selector (see
    /// ``requirementSet()``) matches nothing, since Kubernetes refuses to use it.
    /// This validates the selector on every call; to test many objects, convert once with
    /// ``requirementSet()`` and call ``LabelRequirementSet/matches(_:)``.
    public func matches(_ labels: [String: String]) -> Bool {
        guard let set = try? requirementSet() else { return false }
        return set.matches(labels)
    }

    /// The string form Kubernetes uses for the `labelSelector` query parameter
    /// (`Selector.String()`): requirements sorted by key, e.g. `a=b,c in (x,y),!d,e`; `""` for
    /// an empty selector. Values are not validated here; an unknown operator is rendered
    /// verbatim (`key Foo (v)`), which the API server rejects rather than silently widening the query.
    public var selectorString: String {
        if let set = try? requirementSet() { return set.description }
        var parts: [(key: String, text: String)] = []
        for (key, value) in matchLabels ?? [:] {
            parts.append((key, LabelRequirement(uncheckedKey: key, op: .equals, values: [value]).description))
        }
        for e in matchExpressions ?? [] {
            if let op = e.requirementOperator {
                parts.append((e.key, LabelRequirement(uncheckedKey: e.key, op: op, values: e.values ?? []).description))
            } else {
                parts.append((e.key, "\(e.key) \(e.operator) (\(LabelRequirement.sortedUnique(e.values ?? []).joined(separator: ",")))"))
            }
        }
        return LabelRequirementSet.stableSortedByKey(parts, key: \.key).map(\.text).joined(separator: ",")
    }
}

/// `metav1.LabelSelectorRequirement`: `key`, `operator` (JSON key `operator`) and `values`.
public struct LabelSelectorRequirement: Codable, Sendable, Equatable {
    /// The label key (a qualified name, `[prefix/]name`).
    public var key: String
    /// `In`, `NotIn`, `Exists` or `DoesNotExist` (case-sensitive).
    public var `operator`: String
    /// Non-empty for `In`/`NotIn`; must be empty or absent for `Exists`/`DoesNotExist`.
    public var values: [String]?

    public init(key: String, operator: String, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    /// The `operator` spellings of `metav1.LabelSelectorOperator`.
    public static let opIn = "In"
    public static let opNotIn = "NotIn"
    public static let opExists = "Exists"
    public static let opDoesNotExist = "DoesNotExist"

    /// `key In (values)`.
    public static func `in`(_ key: String, _ values: [String]) -> LabelSelectorRequirement {
        .init(key: key, operator: opIn, values: values)
    }
    /// `key NotIn (values)`.
    public static func notIn(_ key: String, _ values: [String]) -> LabelSelectorRequirement {
        .init(key: key, operator: opNotIn, values: values)
    }
    /// `key Exists`.
    public static func exists(_ key: String) -> LabelSelectorRequirement { .init(key: key, operator: opExists) }
    /// `key DoesNotExist`.
    public static func doesNotExist(_ key: String) -> LabelSelectorRequirement { .init(key: key, operator: opDoesNotExist) }

    /// The ``LabelRequirement/Operator`` for `operator`, or nil when it is not one of the four.
    var requirementOperator: LabelRequirement.Operator? {
        switch self.operator {
        case Self.opIn: return .in
        case Self.opNotIn: return .notIn
        case Self.opExists: return .exists
        case Self.opDoesNotExist: return .doesNotExist
        default: return nil
        }
    }
}

/// One requirement of a label selector (`labels.Requirement`), the parsed form that both the
/// string syntax and ``LabelSelector`` convert to, and where matching is defined.
public struct LabelRequirement: Sendable, Hashable, CustomStringConvertible {
    /// `selection.Operator`; the raw values are Kubernetes' own.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equals = "="
        case doubleEquals = "=="
        case notEquals = "!="
        case `in` = "in"
        case notIn = "notin"
        case exists = "exists"
        case doesNotExist = "!"
        case greaterThan = "gt"
        case lessThan = "lt"
    }

    /// The label key (a qualified name, `[prefix/]name`).
    public let key: String
    /// How the label's value is tested.
    public let op: Operator
    /// The values, sorted and without duplicates (Kubernetes keeps them in a set).
    public let values: [String]

    /// `labels.NewRequirement`: validates and builds a requirement. Throws when the key is not a
    /// qualified name, a value is not a valid label value, or the number of values does not suit
    /// the operator: `in`/`notin` need at least one, `=`/`==`/`!=`/`gt`/`lt` exactly one, and
    /// existence operators none; `gt`/`lt` need an integer value.
    public init(key: String, op: Operator, values: [String] = []) throws {
        if let problem = LabelValidation.keyProblem(key) {
            throw LabelSelectorError("invalid label key \(String(reflecting: key)): \(problem)")
        }
        switch op {
        case .in, .notIn:
            if values.isEmpty { throw LabelSelectorError("for 'in', 'notin' operators, values set can't be empty") }
        case .equals, .doubleEquals, .notEquals:
            if values.count != 1 { throw LabelSelectorError("exact-match compatibility requires one single value") }
        case .exists, .doesNotExist:
            if !values.isEmpty { throw LabelSelectorError("values set must be empty for exists and does not exist") }
        case .greaterThan, .lessThan:
            if values.count != 1 { throw LabelSelectorError("for 'Gt', 'Lt' operators, exactly one value is required") }
            if Int64(values[0]) == nil {
                throw LabelSelectorError("for 'Gt', 'Lt' operators, the value must be an integer: \(String(reflecting: values[0]))")
            }
        }
        for v in values {
            if let problem = LabelValidation.valueProblem(v) {
                throw LabelSelectorError("invalid label value \(String(reflecting: v)): \(problem)")
            }
        }
        self.init(uncheckedKey: key, op: op, values: values)
    }

    init(uncheckedKey key: String, op: Operator, values: [String]) {
        self.key = key
        self.op = op
        self.values = Self.sortedUnique(values)
    }

    static func sortedUnique(_ values: [String]) -> [String] {
        var out: [String] = []
        for v in values.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where out.last != v { out.append(v) }
        return out
    }

    /// `Requirement.Matches`:
    /// - `=`, `==`, `in`: the label is present and its value is one of the values;
    /// - `!=`, `notin`: the label is absent, or its value is none of the values (so objects
    ///   without the key match);
    /// - `exists` / `!`: the key is present / absent;
    /// - `gt` / `lt`: the label is present, both sides parse as `Int64`, and the label's value is
    ///   greater / less; otherwise no match.
    public func matches(_ labels: [String: String]) -> Bool {
        switch op {
        case .equals, .doubleEquals, .in:
            guard let v = labels[key] else { return false }
            return values.contains(v)
        case .notEquals, .notIn:
            guard let v = labels[key] else { return true }
            return !values.contains(v)
        case .exists:
            return labels[key] != nil
        case .doesNotExist:
            return labels[key] == nil
        case .greaterThan, .lessThan:
            guard let text = labels[key], let actual = Int64(text), values.count == 1, let bound = Int64(values[0]) else { return false }
            return op == .greaterThan ? actual > bound : actual < bound
        }
    }

    /// `Requirement.String()`: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`,
    /// `k>3`, `k<3`, values sorted.
    public var description: String {
        let joined = values.joined(separator: ",")
        switch op {
        case .equals: return "\(key)=\(joined)"
        case .doubleEquals: return "\(key)==\(joined)"
        case .notEquals: return "\(key)!=\(joined)"
        case .in: return "\(key) in (\(joined))"
        case .notIn: return "\(key) notin (\(joined))"
        case .exists: return key
        case .doesNotExist: return "!\(key)"
        case .greaterThan: return "\(key)>\(joined)"
        case .lessThan: return "\(key)<\(joined)"
        }
    }
}

/// A parsed label selector (`labels.Selector` / `internalSelector`): requirements ANDed,
/// kept sorted by key (stable, so equal keys keep their order). No requirements matches everything.
public struct LabelRequirementSet: Sendable, Hashable, CustomStringConvertible {
    /// The requirements, sorted by key.
    public private(set) var requirements: [LabelRequirement]

    /// The selector that matches everything (`labels.Everything()`, string form `""`).
    public static let everything = LabelRequirementSet()

    public init(_ requirements: [LabelRequirement] = []) {
        self.requirements = Self.stableSortedByKey(requirements, key: \.key)
    }

    /// `labels.Parse`: parses the label-selector string syntax; see ``LabelSelector/parse(_:)``.
    public init(parsing string: String) throws {
        self.init(try LabelSelectorParser.parse(string))
    }

    /// True when there are no requirements (matches everything).
    public var isEmpty: Bool { requirements.isEmpty }

    /// `Selector.Matches`: every requirement holds.
    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(labels) }
    }

    /// `Selector.Add`: a copy with more requirements.
    public func adding(_ more: LabelRequirement...) -> LabelRequirementSet {
        LabelRequirementSet(requirements + more)
    }

    /// `Selector.String()`: the requirements joined with `,`, in key order.
    public var description: String { requirements.map(\.description).joined(separator: ",") }

    /// Same as ``description``; the value for a `labelSelector` query parameter.
    public var selectorString: String { description }

    static func stableSortedByKey<T>(_ items: [T], key: (T) -> String) -> [T] {
        items.enumerated().sorted { a, b in
            let ka = key(a.element), kb = key(b.element)
            if ka != kb { return ka.utf8.lexicographicallyPrecedes(kb.utf8) }
            return a.offset < b.offset
        }.map(\.element)
    }
}

extension LabelSelector {
    /// `labels.Parse` (k8s.io/apimachinery/pkg/labels): parses the full label-selector string
    /// syntax into requirements sorted by key. Requirements are separated by `,`; whitespace
    /// around tokens is ignored; the empty string selects everything.
    ///
    /// | form | meaning |
    /// |---|---|
    /// | `k=v`, `k==v` | label `k` equals `v` |
    /// | `k!=v` | `k` absent or not `v` |
    /// | `k in (a,b)` | `k` is `a` or `b` |
    /// | `k notin (a,b)` | `k` absent or neither |
    /// | `k` / `!k` | `k` present / absent |
    /// | `k>3`, `k<3` | `k` is an integer greater / less than 3 |
    ///
    /// As in Kubernetes, an empty value is allowed (`k=`, and `k in ()` means the one value `""`);
    /// keys must be qualified names (`[prefix/]name`, name ≤ 63 characters) and values valid
    /// label values (≤ 63 characters). Throws ``LabelSelectorError`` on malformed input
    /// (`k in x`, `k=(`, `=v`, `k,`, `k>x`).
    public static func parse(_ string: String) throws -> LabelRequirementSet {
        try LabelRequirementSet(parsing: string)
    }
}

/// A malformed or invalid label selector.
public struct LabelSelectorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, worded like the apimachinery error.
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Label key and value syntax (k8s.io/apimachinery/pkg/util/validation).
enum LabelValidation {
    /// `IsQualifiedName`: an optional DNS-1123 subdomain prefix (≤ 253) and `/`, then a name of
    /// 1–63 characters matching `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`. Nil when valid.
    static func keyProblem(_ key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            if prefix.isEmpty { return "prefix part must be non-empty" }
            if !isDNS1123Subdomain(prefix) {
                return "prefix part must be a lowercase RFC 1123 subdomain of at most 253 characters"
            }
            name = parts[1]
        default:
            return "a qualified name must consist of alphanumeric characters, '-', '_' or '.' with an optional DNS subdomain prefix and '/'"
        }
        if name.isEmpty { return "name part must be non-empty" }
        if name.utf8.count > 63 { return "name part must be no more than 63 characters" }
        if !isQualifiedNamePart(name) {
            return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
        }
        return nil
    }

    /// `IsValidLabelValue`: empty, or at most 63 characters matching
    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`. Nil when valid.
    static func valueProblem(_ value: String) -> String? {
        if value.isEmpty { return nil }
        if value.utf8.count > 63 { return "must be no more than 63 characters" }
        if !isQualifiedNamePart(Substring(value)) {
            return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
        }
        return nil
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    static func isQualifiedNamePart(_ s: Substring) -> Bool {
        let u = Array(s.utf8)
        guard let first = u.first, let last = u.last, isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return u.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// `IsDNS1123Subdomain`: ≤ 253 characters, dot-separated labels of `[a-z0-9]([-a-z0-9]*[a-z0-9])?`.
    static func isDNS1123Subdomain(_ s: Substring) -> Bool {
        guard s.utf8.count <= 253 else { return false }
        let lowerAlnum: (UInt8) -> Bool = { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) }
        for label in s.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard let first = label.first, let last = label.last, lowerAlnum(first), lowerAlnum(last),
                  label.allSatisfy({ lowerAlnum($0) || $0 == UInt8(ascii: "-") }) else { return false }
        }
        return true
    }
}
