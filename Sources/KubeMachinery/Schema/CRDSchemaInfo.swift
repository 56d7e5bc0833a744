import KubeCore

/// ``SchemaInfo`` for a custom resource, from its CRD's structural schema: what server-side apply
/// needs. Lists follow `x-kubernetes-list-type` (`map` with `x-kubernetes-list-map-keys`, `set`,
/// otherwise atomic); objects with `x-kubernetes-map-type: atomic` are atomic.
///
/// `metadata` (at the root and in embedded resources) follows ObjectMeta, as kube-apiserver
/// merges the CRD schema with the built-in ObjectMeta for apply: `finalizers` is a set,
/// `ownerReferences` a map keyed by `uid` whose items are atomic, `managedFields` atomic.
///
/// Custom resources do not support strategic merge patch (kube-apiserver answers 415), so the
/// strategic-merge members answer nil/false.
public struct CRDSchemaInfo: SchemaInfo {
    /// The structural schema of the served version.
    public let schema: StructuralSchema

    /// Schema information for the custom resource whose version has `schema`.
    public init(schema: StructuralSchema) {
        self.schema = schema
    }

    /// `x-kubernetes-list-type` of the list at `path`: `map` (with its keys), `set`, else atomic.
    public func listSemantics(at path: SchemaPath) -> ListSemantics {
        if let meta = metadataSemantics(path) { return meta.list }
        guard let node = schema.schema(at: path), node.type == "array" || node.listType != nil else { return .atomic }
        switch node.listType {
        case "set": return .set
        case "map": return node.listMapKeys.isEmpty ? .atomic : .map(keys: node.listMapKeys)
        default: return .atomic
        }
    }

    /// Whether the object at `path` has `x-kubernetes-map-type: atomic`.
    public func isAtomicObject(at path: SchemaPath) -> Bool {
        if let meta = metadataSemantics(path) { return meta.atomicObject }
        return schema.schema(at: path)?.mapType == "atomic"
    }

    /// Always nil: custom resources have no strategic merge patch.
    public func patchMergeKey(at path: SchemaPath) -> String? { nil }

    /// Always false: custom resources have no strategic merge patch.
    public func isMergedPrimitiveList(at path: SchemaPath) -> Bool { false }

    /// ObjectMeta's semantics for paths inside a resource's `metadata`, or nil when `path` is
    /// not inside the metadata of the root or of an embedded resource.
    private func metadataSemantics(_ path: SchemaPath) -> (list: ListSemantics, atomicObject: Bool)? {
        guard let i = metadataIndex(path) else { return nil }
        let rest = Array(path[(i + 1)...])
        switch rest {
        case ["finalizers"]: return (.set, false)
        case ["ownerReferences"]: return (.map(keys: ["uid"]), false)
        case ["ownerReferences", "[]"]: return (.atomic, true)
        default: return (.atomic, false)
        }
    }

    /// The index of the `metadata` step of the resource (root or embedded) containing `path`.
    private func metadataIndex(_ path: SchemaPath) -> Int? {
        var node: StructuralSchema? = schema
        var isResource = true
        for (i, step) in path.enumerated() {
            if isResource && step == "metadata" { return i }
            switch step {
            case "[]": node = node?.items
            case "{}": node = node?.additionalProperties?.schema
            default: node = node?.properties[step] ?? node?.additionalProperties?.schema
            }
            isResource = node?.embeddedResource ?? false
        }
        return nil
    }
}
