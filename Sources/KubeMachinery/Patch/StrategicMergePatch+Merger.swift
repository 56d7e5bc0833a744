import KubeCore

/// Object merging and object-level directives (`mergeMap`, `applyRetainKeysDirective`,
/// `mergePatchIntoOriginal` upstream).
extension StrategicMergePatch {
    struct Merger {
        let schema: any SchemaInfo

        /// Merges `patch` into `original` (the object at `path`).
        /// Members are processed in sorted key order, so results never depend on hash order.
        func mergeMap(_ original: [String: JSONValue], _ patch: [String: JSONValue], path: SchemaPath) throws(PatchError) -> [String: JSONValue] {
            var patch = patch
            if let directive = patch[directiveMarker] {
                return try objectDirective(directive, patch)
            }
            var original = original
            try applyRetainKeys(&original, &patch)
            try applySetElementOrder(&original, &patch, path: path)

            for patchKey in patch.keys.sorted() {
                let patchValue = patch[patchKey]!
                var key = patchKey
                var isDeleteList = false
                if patchKey.hasPrefix(deleteFromPrimitiveListPrefix) {
                    key = try extractKey(patchKey, prefix: deleteFromPrimitiveListPrefix)
                    isDeleteList = true
                }
                if patchValue.isNull {
                    original.removeValue(forKey: key)
                    continue
                }
                guard let originalValue = original[key] else {
                    if !isDeleteList { original[key] = sanitized(patchValue, dropDirectiveObjects: true) }
                    continue
                }
                switch (originalValue, patchValue) {
                case (.object(let o), .object(let p)):
                    original[key] = .object(try mergeMap(o, p, path: path + [key]))
                case (.array(let o), .array(let p)):
                    original[key] = .array(try mergeList(o, p, path: path + [key], isDeleteList: isDeleteList))
                case (.object, _), (.array, _), (_, .object), (_, .array), (.null, _):
                    // Different JSON types: the patch value replaces (a delete list leaves it).
                    if !isDeleteList { original[key] = sanitized(patchValue, dropDirectiveObjects: true) }
                default:
                    original[key] = sanitized(patchValue, dropDirectiveObjects: true)
                }
            }
            return original
        }

        /// `$patch` on an object: `replace` keeps only the patch's content, `delete` empties it.
        func objectDirective(_ directive: JSONValue, _ patch: [String: JSONValue]) throws(PatchError) -> [String: JSONValue] {
            switch directive.stringValue {
            case replaceDirective?:
                var content = patch
                content.removeValue(forKey: directiveMarker)
                return sanitized(.object(content), dropDirectiveObjects: false)?.objectValue ?? [:]
            case deleteDirective?:
                return [:]
            default:
                throw badPatchType(directive, patch)
            }
        }

        /// `$retainKeys: [...]`: every other member of the original is cleared, and the patch may
        /// not set a member outside the list (400).
        func applyRetainKeys(_ original: inout [String: JSONValue], _ patch: inout [String: JSONValue]) throws(PatchError) {
            guard let directive = patch.removeValue(forKey: retainKeysDirective) else { return }
            guard case .array(let retained) = directive else { throw badRetainKeysFormat }
            func isRetained(_ key: String) -> Bool { retained.contains(.string(key)) }
            for (key, value) in patch where !value.isNull
                && !key.hasPrefix(deleteFromPrimitiveListPrefix) && !key.hasPrefix(setElementOrderPrefix)
            {
                if !isRetained(key) { throw badRetainKeysFormat }
            }
            for key in original.keys where !isRetained(key) {
                original.removeValue(forKey: key)
            }
        }

        /// `$setElementOrder/<list>: [...]`: merges the list (if patched) and orders the result:
        /// the listed elements in the given order, the original's unlisted ones interleaved by
        /// their original positions. Consumes both the directive and the patched list.
        func applySetElementOrder(_ original: inout [String: JSONValue], _ patch: inout [String: JSONValue], path: SchemaPath) throws(PatchError) {
            for directiveKey in patch.keys.sorted() where directiveKey.hasPrefix(setElementOrderPrefix) {
                let directive = patch.removeValue(forKey: directiveKey)!
                guard case .array(let order) = directive else {
                    throw badArgType(expected: "[]interface {}", actual: directive)
                }
                let key = try extractKey(directiveKey, prefix: setElementOrderPrefix)
                let originalList = try listValue(original[key])
                let patchList = try listValue(patch[key])
                let listPath = path + [key]
                let mergeKey = schema.patchMergeKey(at: listPath)
                try validateOrder(patchList ?? [], order: order, mergeKey: mergeKey)

                let merged: [JSONValue]
                switch (originalList, patchList) {
                case (let o?, nil): merged = o
                case (nil, let p?): merged = sanitized(.array(p), dropDirectiveObjects: true)?.arrayValue ?? []
                case (let o?, let p?): merged = try mergeList(o, p, path: listPath, isDeleteList: false)
                case (nil, nil): continue
                }

                let (listed, unlisted) = try partition(merged, by: order, mergeKey: mergeKey)
                let kind = try elementKind(of: [originalList ?? [], patchList ?? []])
                original[key] = .array(try normalizeOrder(
                    patchItems: listed, serverOnly: unlisted, patchOrder: order, serverOrder: originalList ?? [],
                    mergeKey: mergeKey, isObjectList: kind == .object))
                patch.removeValue(forKey: key)
            }
        }

        /// A list member for `$setElementOrder`; nil when absent, an error when not a list.
        func listValue(_ value: JSONValue?) throws(PatchError) -> [JSONValue]? {
            guard let value else { return nil }
            guard case .array(let list) = value else { throw badArgType(expected: "[]interface {}", actual: value) }
            return list
        }

        /// `validatePatchWithSetOrderList`: the patch list's elements (deletions aside) must appear
        /// in the order list, in the same relative order.
        func validateOrder(_ patchList: [JSONValue], order: [JSONValue], mergeKey: String?) throws(PatchError) {
            guard !order.isEmpty, !patchList.isEmpty else { return }
            var items = patchList
            if mergeKey != nil {
                items = []
                for element in patchList {
                    guard case .object(let members) = element else {
                        throw badArgType(expected: "map[string]interface {}", actual: element)
                    }
                    if members[directiveMarker] != .string(deleteDirective) { items.append(element) }
                }
            }
            var patchIndex = 0
            var orderIndex = 0
            while patchIndex < items.count && orderIndex < order.count {
                if items[patchIndex].objectValue?[directiveMarker] != nil {
                    patchIndex += 1
                    continue
                }
                if try sameMergeKey(items[patchIndex], order[orderIndex], mergeKey: mergeKey) { patchIndex += 1 }
                orderIndex += 1
            }
            if patchIndex < items.count && orderIndex >= order.count {
                throw internalError(
                    "The order in patch list:\n\(GoFormat.goValue(.array(patchList)))\n doesn't match \(setElementOrderPrefix) list:\n\(GoFormat.goValue(.array(order)))\n")
            }
        }

        /// `mergeKeyValueEqual`.
        func sameMergeKey(_ left: JSONValue, _ right: JSONValue, mergeKey: String?) throws(PatchError) -> Bool {
            guard let mergeKey else { return left == right }
            guard case .object(let l) = left else { throw badArgType(expected: "map[string]interface {}", actual: left) }
            guard case .object(let r) = right else { throw badArgType(expected: "map[string]interface {}", actual: right) }
            guard let lv = l[mergeKey] else { throw noMergeKey(l, mergeKey) }
            guard let rv = r[mergeKey] else { throw noMergeKey(r, mergeKey) }
            return lv == rv
        }

        /// The list field named by a `$deleteFromPrimitiveList/…` or `$setElementOrder/…` key.
        func extractKey(_ key: String, prefix: String) throws(PatchError) -> String {
            let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == prefix else {
                throw prefix == deleteFromPrimitiveListPrefix ? badPrimitiveListFormat : badSetElementOrderFormat
            }
            return String(parts[1])
        }
    }
}
