import KubeCore

/// Strategic merge patch (`application/strategic-merge-patch+json`), as kube-apiserver applies it
/// to built-in kinds (`kubectl patch`, the patches of client-side `kubectl apply`).
///
/// This is a port of `StrategicMergeMapPatch` from `k8s.io/apimachinery/pkg/util/strategicpatch`
/// (merge options `MergeParallelList` and `IgnoreUnmatchedNulls`, as the server uses), with the
/// patch metadata (`patchStrategy`/`patchMergeKey` struct tags) taken from a ``SchemaInfo``:
///
/// - Objects merge member by member; `null` deletes a member.
/// - A list with a merge key (``SchemaInfo/patchMergeKey(at:)``) merges element-wise by that key:
///   a patch element merges recursively into the original element with the same key; new
///   elements are added. A list of scalars with merge strategy
///   (``SchemaInfo/isMergedPrimitiveList(at:)``, e.g. `metadata.finalizers`) merges as a set.
///   Every other list is replaced.
/// - Order of a merged list: the patch's elements keep the patch's order, the original's other
///   elements keep theirs, interleaved where the original order relates them — so an element
///   that is new *precedes* the untouched ones (adding container `b` to `[a]` gives `[b, a]`,
///   as on a real cluster). `$setElementOrder/<list>` overrides this.
/// - Directives: `$patch: replace` (an object: replace it with the patch's content; a list
///   element: replace the list with the patch's other elements), `$patch: delete` (a list
///   element: remove the original elements with that key; an object: make it `{}`),
///   `$deleteFromPrimitiveList/<list>: [...]`, `$setElementOrder/<list>: [...]`,
///   `$retainKeys: [...]`. `$patch: merge` is, as upstream, an error (`unknown patch type` on an
///   object, `merging lists cannot yet be specified in the patch` in a list).
/// - Directive keys never appear in the result, and `null` members copied in from the patch are
///   dropped — what kube-apiserver's final decode into the typed object does.
///
/// Upstream quirks kept on purpose: an object carrying `$patch` (e.g. `$patch: replace`) that has
/// no counterpart in the original is dropped rather than added; `$patch: delete` on an existing
/// object leaves `{}`.
///
/// Errors map as kube-apiserver's `interpretStrategicMergePatchError` does (see ``PatchError``):
/// malformed directives are 400, lists of lists and retainKeys mismatches 422, anything else
/// (a list element without its merge key, an unknown `$patch` value, a `$setElementOrder` that
/// contradicts the patch list) is the raw error as a 500.
///
/// Custom resources do not support strategic merge patch at all: kube-apiserver answers 415
/// Unsupported Media Type before any of this runs.
public enum StrategicMergePatch {
    /// Applies `patch` to `original` using the list semantics in `schema`.
    /// A `null` patch changes nothing, as kube-apiserver decodes it to an empty map.
    /// - Throws: ``PatchError`` (the patch must be a JSON object; see the type's notes).
    public static func apply(_ patch: JSONValue, to original: JSONValue, schema: any SchemaInfo) throws(PatchError) -> JSONValue {
        let patchMembers: [String: JSONValue]
        switch patch {
        case .null: return original
        case .object(let members): patchMembers = members
        default:
            throw PatchError(.malformedPatch,
                "json: cannot unmarshal \(GoFormat.jsonKind(patch)) into Go value of type map[string]interface {}")
        }
        let originalMembers: [String: JSONValue]
        switch original {
        case .null: originalMembers = [:]
        case .object(let members): originalMembers = members
        default: throw PatchError(.malformedPatch, "invalid JSON document")
        }
        let merger = Merger(schema: schema)
        return .object(try merger.mergeMap(originalMembers, patchMembers, path: []))
    }

    // MARK: Directive names

    static let directiveMarker = "$patch"
    static let deleteDirective = "delete"
    static let replaceDirective = "replace"
    static let mergeDirective = "merge"
    static let retainKeysDirective = "$retainKeys"
    static let deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList"
    static let setElementOrderPrefix = "$setElementOrder"

    /// Whether `key` is a strategic-merge-patch directive rather than a field name. Field names
    /// starting with `$` that are not directives (`$ref` in a CRD's schema) are kept.
    static func isDirectiveKey(_ key: String) -> Bool {
        key == directiveMarker || key == retainKeysDirective
            || key.hasPrefix(deleteFromPrimitiveListPrefix + "/") || key.hasPrefix(setElementOrderPrefix + "/")
    }

    // MARK: Errors (texts of k8s.io/apimachinery/pkg/util/mergepatch)

    static let badPrimitiveListFormat = PatchError(.malformedPatch, "invalid patch format of primitive list")
    static let badRetainKeysFormat = PatchError(.malformedPatch, "invalid patch format of retainKeys")
    static let badSetElementOrderFormat = PatchError(.malformedPatch, "invalid patch format of setElementOrder list")
    static let listOfLists = PatchError(.invalidPatchContent, "lists of lists are not supported")

    static func internalError(_ message: String) -> PatchError { PatchError(.internalError, message) }

    static func noMergeKey(_ element: [String: JSONValue], _ key: String) -> PatchError {
        internalError("map: \(GoFormat.goValue(.object(element))) does not contain declared merge key: \(key)")
    }

    static func badArgType(expected: String, actual: JSONValue?) -> PatchError {
        internalError("expected a \(expected), but received a \(GoFormat.goType(actual))")
    }

    static func badPatchType(_ directive: JSONValue, _ element: [String: JSONValue]) -> PatchError {
        internalError("unknown patch type: \(GoFormat.goValue(directive)) in map: \(GoFormat.goValue(.object(element)))")
    }

    // MARK: Values copied in from the patch

    /// A patch value taken into the result: `null` members dropped (`discardNullValuesFromPatch`),
    /// directive keys removed and, when `dropDirectiveObjects`, objects carrying `$patch`
    /// removed altogether (`removeDirectives`). Returns nil when the value itself is dropped.
    static func sanitized(_ value: JSONValue, dropDirectiveObjects: Bool) -> JSONValue? {
        switch value {
        case .object(let members):
            if dropDirectiveObjects && members[directiveMarker] != nil { return nil }
            var out: [String: JSONValue] = [:]
            for (key, member) in members where !member.isNull && !isDirectiveKey(key) {
                if let kept = sanitized(member, dropDirectiveObjects: dropDirectiveObjects) { out[key] = kept }
            }
            return .object(out)
        case .array(let elements):
            return .array(elements.compactMap { sanitized($0, dropDirectiveObjects: dropDirectiveObjects) })
        default:
            return value
        }
    }
}
