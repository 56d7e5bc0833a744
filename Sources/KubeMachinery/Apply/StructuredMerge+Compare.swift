import KubeCore

extension StructuredMerge {
    /// The fields that differ between two versions of an object (`typed.Comparison`). A path is in
    /// at most one set; `added`/`removed` include the containers that appeared or disappeared.
    struct Comparison {
        var added = FieldSet()
        var modified = FieldSet()
        var removed = FieldSet()

        var isSame: Bool { added.isEmpty && modified.isEmpty && removed.isEmpty }

        /// Drops `ignored` paths and everything below them (`Comparison.ExcludeFields`).
        func excluding(_ ignored: FieldSet) -> Comparison {
            guard !ignored.isEmpty else { return self }
            return Comparison(added: added.recursivelySubtracting(ignored), modified: modified.recursivelySubtracting(ignored), removed: removed.recursivelySubtracting(ignored))
        }
    }

    static func compare(_ lhs: JSONValue, _ rhs: JSONValue, schema: any SchemaInfo) -> Comparison {
        var comparison = Comparison()
        compare(lhs, rhs, prefix: [], schemaPath: [], schema: schema, into: &comparison)
        return comparison
    }

    private static func compare(_ lhs: JSONValue?, _ rhs: JSONValue?, prefix: [FieldPathElement], schemaPath: SchemaPath, schema: any SchemaInfo, into c: inout Comparison) {
        let path = FieldPath(prefix)
        func leaf() {
            if lhs == nil { c.added.insert(path) } else if rhs == nil { c.removed.insert(path) } else if lhs! != rhs! { c.modified.insert(path) }
        }
        switch shape([lhs, rhs], at: schemaPath, schema: schema) {
        case .leaf:
            leaf()
            return
        case .object:
            let l = lhs?.objectValue ?? [:], r = rhs?.objectValue ?? [:]
            if l.isEmpty && r.isEmpty { leaf(); return }
            for key in Set(l.keys).union(r.keys) {
                compare(l[key], r[key], prefix: prefix + [.field(key)], schemaPath: schemaPath + [key], schema: schema, into: &c)
            }
        case .list(let semantics):
            let l = lhs?.arrayValue ?? [], r = rhs?.arrayValue ?? []
            if l.isEmpty && r.isEmpty { leaf(); return }
            compareList(l, r, semantics: semantics, prefix: prefix, schemaPath: schemaPath, schema: schema, into: &c)
        }
        if lhs == nil { c.added.insert(path) } else if rhs == nil { c.removed.insert(path) }
    }

    /// `compareWalker.visitListItems`, including its handling of duplicated items.
    private static func compareList(_ lhs: [JSONValue], _ rhs: [JSONValue], semantics: ListSemantics, prefix: [FieldPathElement], schemaPath: SchemaPath, schema: any SchemaInfo, into c: inout Comparison) {
        let itemPath = schemaPath + ["[]"]
        var order: [FieldPathElement] = []
        var lValues: [FieldPathElement: [JSONValue]] = [:], rValues: [FieldPathElement: [JSONValue]] = [:]
        for (pe, item) in zip(elements(of: lhs, semantics: semantics, listPath: schemaPath, schema: schema), lhs) {
            if lValues[pe] == nil { order.append(pe) }
            lValues[pe, default: []].append(item)
        }
        for (pe, item) in zip(elements(of: rhs, semantics: semantics, listPath: schemaPath, schema: schema), rhs) {
            if rValues[pe] == nil && lValues[pe] == nil { order.append(pe) }
            rValues[pe, default: []].append(item)
        }
        for pe in order {
            let l = lValues[pe] ?? [], r = rValues[pe] ?? []
            let itemPrefix = prefix + [pe]
            switch (l.count, r.count) {
            case (0...1, 0...1):
                compare(l.first, r.first, prefix: itemPrefix, schemaPath: itemPath, schema: schema, into: &c)
            case (2..., 2...):
                if l != r { c.modified.insert(FieldPath(itemPrefix)) }
            case (2..., _):
                if let first = r.first { compare(nil, first, prefix: itemPrefix, schemaPath: itemPath, schema: schema, into: &c) }
                c.removed.insert(FieldPath(itemPrefix))
            default:
                if let first = l.first { compare(first, nil, prefix: itemPrefix, schemaPath: itemPath, schema: schema, into: &c) }
                c.added.insert(FieldPath(itemPrefix))
            }
        }
    }
}
