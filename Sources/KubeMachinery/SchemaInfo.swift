import KubeCore

/// How a list merges when two versions of an object are combined (by strategic merge patch and by
/// server-side apply). Mirrors OpenAPI's `x-kubernetes-list-type` / `x-kubernetes-list-map-keys`.
public enum ListSemantics: Sendable, Equatable {
    /// The list is one value: replaced whole (`x-kubernetes-list-type: atomic`, the default).
    case atomic
    /// A list of scalars merged as a set (`x-kubernetes-list-type: set`).
    case set
    /// A list of objects identified by the values of `keys` (`x-kubernetes-list-type: map`).
    case map(keys: [String])
}

/// A location in an object, for schema look-ups: object field names from the root, with `"[]"`
/// standing for "any element of this list" and `"{}"` for "any value of this map".
/// Example: `["spec", "template", "spec", "containers", "[]", "env"]`.
public typealias SchemaPath = [String]

/// What the machinery needs to know about a kind's schema beyond the JSON itself.
/// Built-in kinds answer from tables (``BuiltinSchemas``); custom resources from their CRD's
/// structural schema.
public protocol SchemaInfo: Sendable {
    /// How the list at `path` merges (server-side apply). Unknown paths are `.atomic`.
    func listSemantics(at path: SchemaPath) -> ListSemantics
    /// Whether the object at `path` is atomic (`x-kubernetes-map-type: atomic`): owned and
    /// replaced as a whole, like a label selector.
    func isAtomicObject(at path: SchemaPath) -> Bool
    /// Strategic merge patch: the merge key of the list at `path` (`patchMergeKey`), or nil when
    /// the list is replaced (or, for a list of scalars, see ``isMergedPrimitiveList(at:)``).
    func patchMergeKey(at path: SchemaPath) -> String?
    /// Strategic merge patch: whether the list of scalars at `path` merges as a set
    /// (`patchStrategy: merge` on a primitive list, e.g. `metadata.finalizers`).
    func isMergedPrimitiveList(at path: SchemaPath) -> Bool
}

/// Schema information for kinds the machinery knows nothing about: every list atomic.
public struct NoSchemaInfo: SchemaInfo {
    public init() {}
    public func listSemantics(at path: SchemaPath) -> ListSemantics { .atomic }
    public func isAtomicObject(at path: SchemaPath) -> Bool { false }
    public func patchMergeKey(at path: SchemaPath) -> String? { nil }
    public func isMergedPrimitiveList(at path: SchemaPath) -> Bool { false }
}
