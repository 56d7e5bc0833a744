import KubeCore

extension StructuredMerge {
    /// `value` without the paths in `toRemove` (`TypedValue.RemoveItems`): a member path removes
    /// the field or item with everything below it; a container emptied this way becomes null,
    /// as upstream leaves it.
    static func removing(_ toRemove: FieldSet, from value: JSONValue, schema: any SchemaInfo) -> JSONValue {
        guard !toRemove.isEmpty else { return value }
        return remove(toRemove, from: value, schemaPath: [], schema: schema) ?? .emptyObject
    }

    private static func remove(_ toRemove: FieldSet, from value: JSONValue, schemaPath: SchemaPath, schema: any SchemaInfo) -> JSONValue? {
        switch value {
        case .object(let members):
            if members.isEmpty || (!schemaPath.isEmpty && schema.isAtomicObject(at: schemaPath)) { return nil }
            var out: [String: JSONValue] = [:]
            for (key, child) in members {
                let pe = FieldPathElement.field(key)
                if toRemove.members.contains(pe) { continue }
                if let subset = toRemove.children[pe] {
                    out[key] = remove(subset, from: child, schemaPath: schemaPath + [key], schema: schema) ?? .null
                } else {
                    out[key] = child
                }
            }
            return out.isEmpty ? nil : .object(out)
        case .array(let items):
            guard case .list(let semantics) = shape([value], at: schemaPath, schema: schema), !items.isEmpty else { return nil }
            var out: [JSONValue] = []
            for (item, pe) in zip(items, elements(of: items, semantics: semantics, listPath: schemaPath, schema: schema)) {
                if toRemove.members.contains(pe) { continue }
                if let subset = toRemove.children[pe] {
                    out.append(remove(subset, from: item, schemaPath: schemaPath + ["[]"], schema: schema) ?? .null)
                } else {
                    out.append(item)
                }
            }
            return out.isEmpty ? nil : .array(out)
        default:
            return value
        }
    }
}
