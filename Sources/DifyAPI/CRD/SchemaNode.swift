import KubeCore

/// One node of an OpenAPI v3 schema as a CustomResourceDefinition embeds it
/// (`spec.versions[*].schema.openAPIV3Schema`), built with the static constructors in
/// `SchemaNode+Scalars.swift` and `SchemaNode+Containers.swift` and rendered with ``json``.
///
/// The constructors only produce *structural* nodes (kube-apiserver requires them for CRDs):
/// every node has a `type` (or `x-kubernetes-preserve-unknown-fields`), objects list their
/// `properties` or describe their values with `additionalProperties`, never both.
public struct SchemaNode: Sendable, Equatable {
    /// The node's keywords (`type`, `description`, `properties`, `default`, ...), as JSON.
    public private(set) var keywords: [String: JSONValue]

    /// A node with exactly these keywords; the typed constructors are the usual way in.
    public init(keywords: [String: JSONValue]) {
        self.keywords = keywords
    }

    /// The node as the JSON object the CRD carries.
    public var json: JSONValue { .object(keywords) }

    /// This node with the CEL rules appended to its `x-kubernetes-validations`.
    ///
    /// kube-apiserver evaluates a node's rules with `self` bound to the node's value, and only
    /// when that value is present; a rule that mentions `oldSelf` is a *transition rule* and runs
    /// only on updates where the old object had a value at the same place.
    public func validated(by rules: [CELRule]) -> SchemaNode {
        guard !rules.isEmpty else { return self }
        var copy = self
        let existing = keywords["x-kubernetes-validations"]?.arrayValue ?? []
        copy.keywords["x-kubernetes-validations"] = .array(existing + rules.map(\.json))
        return copy
    }
}
