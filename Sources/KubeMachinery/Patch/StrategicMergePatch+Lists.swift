import KubeCore

/// List merging (`mergeSliceHandler`, `mergeSlice` and the order normalisation upstream).
extension StrategicMergePatch.Merger {
    typealias SMP = StrategicMergePatch

    /// Merges the list at `path`: element-wise when the schema gives it a merge strategy (or it
    /// is a `$deleteFromPrimitiveList` list), otherwise the patch list replaces it.
    func mergeList(_ original: [JSONValue], _ patch: [JSONValue], path: SchemaPath, isDeleteList: Bool) throws(PatchError) -> [JSONValue] {
        let mergeKey = schema.patchMergeKey(at: path)
        guard mergeKey != nil || schema.isMergedPrimitiveList(at: path) || isDeleteList else {
            return SMP.sanitized(.array(patch), dropDirectiveObjects: true)?.arrayValue ?? []
        }
        if original.isEmpty && patch.isEmpty { return original }
        let kind = try elementKind(of: [original, patch])

        guard kind == .object else {
            if isDeleteList { return original.filter { !patch.contains($0) } }
            var merged: [JSONValue] = []
            for element in original + patch where !merged.contains(element) { merged.append(element) }
            let (inPatch, serverOnly) = try partition(merged, by: patch, mergeKey: nil)
            return try normalizeOrder(patchItems: inPatch, serverOnly: serverOnly, patchOrder: patch, serverOrder: original,
                                      mergeKey: nil, isObjectList: false)
        }
        if isDeleteList { return original.filter { !patch.contains($0) } }
        guard let mergeKey else { throw SMP.internalError("cannot merge lists without merge key for struct") }

        let (remaining, patchElements) = try applySpecialElements(original, patch, mergeKey: mergeKey)
        var merged = remaining
        for element in patchElements {
            let members = element.objectValue!
            guard let value = members[mergeKey] else { throw SMP.noMergeKey(members, mergeKey) }
            if let index = try firstIndex(in: merged, mergeKey: mergeKey, value: value) {
                merged[index] = .object(try mergeMap(merged[index].objectValue!, members, path: path + ["[]"]))
            } else if let added = SMP.sanitized(element, dropDirectiveObjects: false) {
                merged.append(added)
            }
        }
        let (inPatch, serverOnly) = try partition(merged, by: patchElements, mergeKey: mergeKey)
        return try normalizeOrder(patchItems: inPatch, serverOnly: serverOnly, patchOrder: patchElements, serverOrder: remaining,
                                  mergeKey: mergeKey, isObjectList: true)
    }

    /// Handles list elements carrying `$patch` (`mergeSliceWithSpecialElements`): `delete` removes
    /// every original element with that key, `replace` makes the other patch elements the whole
    /// list. Returns the original after deletions (or the replacement) and the patch elements
    /// still to merge.
    func applySpecialElements(_ original: [JSONValue], _ patch: [JSONValue], mergeKey: String) throws(PatchError) -> ([JSONValue], [JSONValue]) {
        var original = original
        var plain: [JSONValue] = []
        var replace = false
        for element in patch {
            let members = element.objectValue!
            guard let directive = members[SMP.directiveMarker] else {
                plain.append(element)
                continue
            }
            switch directive.stringValue {
            case SMP.deleteDirective?:
                guard let value = members[mergeKey] else { throw SMP.noMergeKey(members, mergeKey) }
                while let index = try firstIndex(in: original, mergeKey: mergeKey, value: value) {
                    original.remove(at: index)
                }
            case SMP.replaceDirective?:
                replace = true
            case SMP.mergeDirective?:
                throw SMP.internalError("merging lists cannot yet be specified in the patch")
            default:
                throw SMP.badPatchType(directive, members)
            }
        }
        if replace {
            return (plain.compactMap { SMP.sanitized($0, dropDirectiveObjects: false) }, [])
        }
        return (original, plain)
    }

    /// `findMapInSliceBasedOnKeyValue`: the first element whose merge key equals `value`.
    func firstIndex(in list: [JSONValue], mergeKey: String, value: JSONValue) throws(PatchError) -> Int? {
        for (index, element) in list.enumerated() {
            guard case .object(let members) = element else { throw SMP.internalError("value for key \(index) is not a map") }
            if members[mergeKey] == value { return index }
        }
        return nil
    }

    // MARK: Element kinds

    enum ElementKind: Equatable {
        case null, bool, number, string, object
    }

    /// `sliceElementType`: all elements must share one JSON type, which may not be a list.
    func elementKind(of lists: [[JSONValue]]) throws(PatchError) -> ElementKind {
        var kind: ElementKind?
        for element in lists.joined() {
            let current: ElementKind
            switch element {
            case .array: throw SMP.listOfLists
            case .null: current = .null
            case .bool: current = .bool
            case .int, .double: current = .number
            case .string: current = .string
            case .object: current = .object
            }
            if let kind, kind != current {
                throw SMP.internalError("list element types are not identical: \(GoFormat.goValue(.array(lists.map { .array($0) })))")
            }
            kind = current
        }
        guard let kind else { throw SMP.internalError("no elements in any of the given slices") }
        return kind
    }

    // MARK: Order

    /// What identifies an element when comparing orders: its merge key value, or itself.
    func identity(_ element: JSONValue, mergeKey: String?) -> JSONValue? {
        guard let mergeKey else { return element }
        return element.objectValue?[mergeKey]
    }

    /// Splits `list` into the elements present in `by` (matched by identity) and the rest,
    /// keeping order (`partitionMapsByPresentInList` / `partitionPrimitivesByPresentInList`).
    func partition(_ list: [JSONValue], by: [JSONValue], mergeKey: String?) throws(PatchError) -> ([JSONValue], [JSONValue]) {
        var present: [JSONValue] = []
        var absent: [JSONValue] = []
        for element in list {
            if let mergeKey {
                guard case .object(let members) = element else {
                    throw SMP.badArgType(expected: "map[string]interface {}", actual: element)
                }
                guard let value = members[mergeKey] else { throw SMP.noMergeKey(members, mergeKey) }
                if try firstIndex(in: by, mergeKey: mergeKey, value: value) != nil {
                    present.append(element)
                } else {
                    absent.append(element)
                }
            } else if by.contains(element) {
                present.append(element)
            } else {
                absent.append(element)
            }
        }
        return (present, absent)
    }

    /// `normalizeElementOrder`: sorts the patch's elements by `patchOrder` and the server-only
    /// ones by `serverOrder`, then interleaves them (``mergeSorted(_:_:serverOrder:mergeKey:)``).
    func normalizeOrder(patchItems: [JSONValue], serverOnly: [JSONValue], patchOrder: [JSONValue], serverOrder: [JSONValue],
                        mergeKey: String?, isObjectList: Bool) throws(PatchError) -> [JSONValue] {
        let key = isObjectList ? mergeKey : nil
        if let key {
            for element in patchItems + serverOnly + patchOrder + serverOrder {
                guard case .object(let members) = element else {
                    throw SMP.badArgType(expected: "map[string]interface {}", actual: element)
                }
                if members[key] == nil { throw SMP.noMergeKey(members, key) }
            }
        }
        let left = sortedStably(serverOnly, by: serverOrder, mergeKey: key)
        let right = sortedStably(patchItems, by: patchOrder, mergeKey: key)
        return mergeSorted(left, right, serverOrder: serverOrder, mergeKey: key)
    }

    /// The position of `element` in `order` by identity, or nil.
    func position(of element: JSONValue, in order: [JSONValue], mergeKey: String?) -> Int? {
        let id = identity(element, mergeKey: mergeKey)
        return order.firstIndex { identity($0, mergeKey: mergeKey) == id }
    }

    /// A stable sort of `list` by position in `order`; elements not in `order` go last.
    func sortedStably(_ list: [JSONValue], by order: [JSONValue], mergeKey: String?) -> [JSONValue] {
        list.enumerated()
            .map { (rank: position(of: $0.element, in: order, mergeKey: mergeKey) ?? Int.max, offset: $0.offset, element: $0.element) }
            .sorted { ($0.rank, $0.offset) < ($1.rank, $1.offset) }
            .map(\.element)
    }

    /// `mergeSortedSlice`: merges two sorted lists, taking the `left` (server-only) element first
    /// only when both elements appear in `serverOrder` and it comes earlier there; otherwise the
    /// `right` (patch) element goes first. Relative orders within each list are kept.
    func mergeSorted(_ left: [JSONValue], _ right: [JSONValue], serverOrder: [JSONValue], mergeKey: String?) -> [JSONValue] {
        var result: [JSONValue] = []
        result.reserveCapacity(left.count + right.count)
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            if i >= left.count {
                result.append(right[j]); j += 1
            } else if j >= right.count {
                result.append(left[i]); i += 1
            } else if let li = position(of: left[i], in: serverOrder, mergeKey: mergeKey),
                let ri = position(of: right[j], in: serverOrder, mergeKey: mergeKey), li < ri
            {
                result.append(left[i]); i += 1
            } else {
                result.append(right[j]); j += 1
            }
        }
        return result
    }
}
