import KubeCore

extension StructuredMerge {
    /// Merges `rhs` (an applied configuration) into `lhs` (`TypedValue.Merge`): objects key by key,
    /// granular lists item by item (keeping the live order and placing new items where the applied
    /// order puts them), everything else replaced by `rhs`. Returns nil when the result is empty.
    static func merge(_ lhs: JSONValue?, _ rhs: JSONValue?, schemaPath: SchemaPath, schema: any SchemaInfo) -> JSONValue? {
        guard let rhs else { return lhs }
        guard let lhs else { return rhs }
        switch shape([lhs, rhs], at: schemaPath, schema: schema) {
        case .leaf:
            return rhs
        case .object:
            let l = lhs.objectValue ?? [:], r = rhs.objectValue ?? [:]
            if l.isEmpty && r.isEmpty { return rhs }
            var out: [String: JSONValue] = [:]
            for key in Set(l.keys).union(r.keys) {
                if let merged = merge(l[key], r[key], schemaPath: schemaPath + [key], schema: schema) { out[key] = merged }
            }
            return out.isEmpty ? nil : .object(out)
        case .list(let semantics):
            let l = lhs.arrayValue ?? [], r = rhs.arrayValue ?? []
            if l.isEmpty && r.isEmpty { return rhs }
            let out = mergeList(l, r, semantics: semantics, schemaPath: schemaPath, schema: schema)
            return out.isEmpty ? nil : .array(out)
        }
    }

    /// `mergingWalker.visitListItems`, step for step, so that item order matches upstream.
    private static func mergeList(_ lhs: [JSONValue], _ rhs: [JSONValue], semantics: ListSemantics, schemaPath: SchemaPath, schema: any SchemaInfo) -> [JSONValue] {
        let itemPath = schemaPath + ["[]"]
        let rhsPEs = elements(of: rhs, semantics: semantics, listPath: schemaPath, schema: schema)
        let lhsPEs = elements(of: lhs, semantics: semantics, listPath: schemaPath, schema: schema)
        var observedRHS: [FieldPathElement: JSONValue] = [:]
        for (pe, item) in zip(rhsPEs, rhs) where observedRHS[pe] == nil { observedRHS[pe] = item }
        // Duplicated live items are not merged with the applied one: they read as null.
        var observedLHS: [FieldPathElement: JSONValue] = [:]
        for (pe, item) in zip(lhsPEs, lhs) { observedLHS[pe] = observedLHS[pe] == nil ? item : .null }

        var sharedOrder = rhsPEs.filter { observedLHS[$0] != nil }[...]
        var nextShared: FieldPathElement? = sharedOrder.popFirst()
        var mergedRHS = Set<FieldPathElement>()
        var out: [JSONValue] = []
        var lI = 0, rI = 0
        while lI < lhsPEs.count || rI < rhsPEs.count {
            if lI < lhsPEs.count && rI < rhsPEs.count {
                let pe = lhsPEs[lI]
                if pe == rhsPEs[rI] {
                    mergedRHS.insert(pe)
                    if let m = merge(observedLHS[pe], observedRHS[pe], schemaPath: itemPath, schema: schema) { out.append(m) }
                    lI += 1
                    rI += 1
                    nextShared = sharedOrder.popFirst()
                    continue
                }
                if observedRHS[pe] != nil, let shared = nextShared, shared != lhsPEs[lI] {
                    lI += 1
                    continue
                }
            }
            if lI < lhsPEs.count {
                let pe = lhsPEs[lI]
                if observedRHS[pe] == nil {
                    if let m = merge(lhs[lI], nil, schemaPath: itemPath, schema: schema) { out.append(m) }
                    lI += 1
                    continue
                } else if mergedRHS.contains(pe) {
                    lI += 1
                }
            }
            if rI < rhsPEs.count {
                let pe = rhsPEs[rI]
                mergedRHS.insert(pe)
                if let m = merge(observedLHS[pe], observedRHS[pe], schemaPath: itemPath, schema: schema) { out.append(m) }
                rI += 1
                if let shared = nextShared, shared == pe { nextShared = sharedOrder.popFirst() }
            }
        }
        return out
    }
}
