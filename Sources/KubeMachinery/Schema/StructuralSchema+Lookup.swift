import KubeCore

extension StructuralSchema {
    /// The node at `path` (field names, `"[]"` for list items, `"{}"` for map values), or nil.
    /// A name that is not a property falls back to the `additionalProperties` schema, so a
    /// concrete map key works as well as `"{}"`.
    public func schema(at path: SchemaPath) -> StructuralSchema? {
        var node = self
        for step in path {
            switch step {
            case "[]":
                guard let next = node.items else { return nil }
                node = next
            case "{}":
                guard let next = node.additionalProperties?.schema else { return nil }
                node = next
            default:
                if let next = node.properties[step] {
                    node = next
                } else if let next = node.additionalProperties?.schema {
                    node = next
                } else {
                    return nil
                }
            }
        }
        return node
    }

    /// The CEL rules (`x-kubernetes-validations`) of the node at `path`; empty when none or when
    /// the path is not in the schema. Rules are not evaluated by this package.
    public func rules(at path: SchemaPath) -> [ValidationRule] {
        schema(at: path)?.validationRules ?? []
    }

    /// Every node carrying CEL rules, depth first, properties in name order.
    public func allValidationRules() -> [(path: SchemaPath, rules: [ValidationRule])] {
        var out: [(path: SchemaPath, rules: [ValidationRule])] = []
        collectRules(into: &out, path: [])
        return out
    }

    private func collectRules(into out: inout [(path: SchemaPath, rules: [ValidationRule])], path: SchemaPath) {
        if !validationRules.isEmpty { out.append((path, validationRules)) }
        for name in properties.keys.sorted() {
            properties[name]!.collectRules(into: &out, path: path + [name])
        }
        items?.collectRules(into: &out, path: path + ["[]"])
        additionalProperties?.schema?.collectRules(into: &out, path: path + ["{}"])
    }

    /// The types the OpenAPI validator checks: `[integer, string]` for int-or-string (whatever
    /// `type` says), otherwise `[type]`, or none.
    var validationTypes: [String] {
        if intOrString { return ["integer", "string"] }
        if let type, !type.isEmpty { return [type] }
        return []
    }
}
