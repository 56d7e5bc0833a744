import KubeCore

/// JSON Merge Patch (RFC 7386), as kube-apiserver applies `application/merge-patch+json`.
///
/// kube-apiserver calls `jsonpatch.MergePatch` from `gopkg.in/evanphx/json-patch.v4`; ``apply(_:to:)``
/// follows it, which is RFC 7386 plus one detail: when a patch value is copied in (rather than
/// merged into an existing object), `null` members are pruned from objects inside it, also from
/// objects nested in arrays (`{"a":[{"b":null}]}` adds `{"a":[{}]}`). The RFC would keep those
/// nulls; for typed objects the two are indistinguishable after decoding.
///
/// kube-apiserver accepts only an object (or array) as the patch body: anything else (`null`, a
/// string, a number) is a 400 `Invalid JSON Patch`; see ``validate(_:)``. The pure ``apply(_:to:)``
/// follows the RFC for those (the patch replaces the document).
public enum JSONMergePatch {
    /// Applies `patch` to `target` (RFC 7386 §2 `MergePatch`): an object patch merges member by
    /// member, `null` deleting; any other patch value replaces the target.
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        switch patch {
        case .object(let members):
            guard case .object(var result) = target else { return pruned(patch) }
            for (key, value) in members {
                if value.isNull {
                    result.removeValue(forKey: key)
                } else {
                    result[key] = merge(existing: result[key], patch: value)
                }
            }
            return .object(result)
        case .array:
            return pruned(patch)
        default:
            return patch
        }
    }

    /// Merges one member's patch value into its existing value (evanphx `merge`): an object merges
    /// into an existing object; otherwise the patch value replaces, with nulls pruned unless it is
    /// a non-object replacing an object (evanphx returns those verbatim).
    static func merge(existing: JSONValue?, patch: JSONValue) -> JSONValue {
        guard let existing, !existing.isNull else { return pruned(patch) }
        if case .object = patch { return apply(patch, to: existing) }
        if case .object = existing { return patch }
        return pruned(patch)
    }

    /// Drops `null` members from every object in `value`, keeping `null` array elements.
    static func pruned(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var out: [String: JSONValue] = [:]
            for (key, v) in members where !v.isNull { out[key] = pruned(v) }
            return .object(out)
        case .array(let elements):
            return .array(elements.map(pruned))
        default:
            return value
        }
    }

    /// The smallest merge patch turning `original` into `modified`: changed and added members,
    /// removed members as `null`, objects diffed recursively, anything else (arrays included)
    /// replaced whole. Non-object documents yield `modified` itself. (`CreateMergePatch`.)
    ///
    /// A `null` *value* in `modified` cannot be expressed by a merge patch: it becomes a deletion.
    public static func create(from original: JSONValue, to modified: JSONValue) -> JSONValue {
        guard case .object(let old) = original, case .object(let new) = modified else { return modified }
        var patch: [String: JSONValue] = [:]
        for (key, newValue) in new {
            guard let oldValue = old[key] else {
                patch[key] = newValue
                continue
            }
            if case .object = oldValue, case .object = newValue {
                let nested = create(from: oldValue, to: newValue)
                if nested != .emptyObject { patch[key] = nested }
            } else if oldValue != newValue {
                patch[key] = newValue
            }
        }
        for key in old.keys where new[key] == nil {
            patch[key] = .null
        }
        return .object(patch)
    }

    /// kube-apiserver's acceptance check for a merge patch body: an object or array (`null`, a
    /// string, a number or a boolean is a 400 `Invalid JSON Patch`).
    public static func validate(_ patch: JSONValue) throws(PatchError) {
        switch patch {
        case .object, .array: return
        default: throw PatchError(.malformedPatch, "Invalid JSON Patch")
        }
    }
}
