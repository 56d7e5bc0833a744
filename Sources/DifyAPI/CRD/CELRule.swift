import KubeCore

/// One `x-kubernetes-validations` entry: a CEL expression kube-apiserver evaluates on create
/// and update, and what it reports when the expression is false.
///
/// Kubernetes behaviour worth knowing when writing one:
/// - `self` is the value of the schema node carrying the rule; the rule runs only when that
///   value is present, so rules about optional fields sit on the parent and guard with `has()`.
/// - A rule that mentions `oldSelf` is a *transition rule*: it runs only on updates, and only
///   when the old object also had a value at that place (never on create).
/// - `message` is what the user sees (`<field>: Invalid value: ...: <message>`); `fieldPath`
///   (relative to `self`, e.g. `.engine.tensorParallelSize`) moves the error onto the field at
///   fault; `reason` picks the error type (`FieldValueRequired`, `FieldValueForbidden`, ...).
///
/// The emulator does not evaluate CEL; `hack/cel-check.py` evaluates every rule of the
/// generated CRDs against a table of good and bad cases.
public struct CELRule: Sendable, Equatable {
    /// The CEL expression; true means valid.
    public var rule: String
    /// The fixed, single-line message reported when `rule` is false.
    public var message: String
    /// The field the error is reported on, relative to the node (a JSON path such as `.image`).
    public var fieldPath: String?
    /// The error type: `FieldValueInvalid` when nil.
    public var reason: Reason?

    /// The error types a rule may report (`x-kubernetes-validations[*].reason`).
    public enum Reason: String, Sendable {
        case invalid = "FieldValueInvalid"
        case forbidden = "FieldValueForbidden"
        case required = "FieldValueRequired"
    }

    /// A rule reported with `message` (on `fieldPath` and as `reason`, when given) when false.
    public init(_ rule: String, message: String, fieldPath: String? = nil, reason: Reason? = nil) {
        self.rule = rule
        self.message = message
        self.fieldPath = fieldPath
        self.reason = reason
    }

    /// The entry as the CRD carries it.
    public var json: JSONValue {
        var j: JSONValue = ["rule": .string(rule), "message": .string(message)]
        if let fieldPath { j["fieldPath"] = .string(fieldPath) }
        if let reason { j["reason"] = .string(reason.rawValue) }
        return j
    }
}

extension CELRule {
    /// `text` as a CEL string literal: single-quoted, with `\` and `'` escaped.
    public static func literal(_ text: String) -> String {
        var out = "'"
        for c in text {
            if c == "\\" || c == "'" { out.append("\\") }
            out.append(c)
        }
        return out + "'"
    }

    /// `texts` as a CEL list literal of strings, e.g. `['hf://', 's3://']`.
    public static func literal(_ texts: [String]) -> String {
        "[" + texts.map { literal($0) }.joined(separator: ", ") + "]"
    }
}
