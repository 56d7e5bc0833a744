import KubeCore

extension FieldManager {
    /// Tracks field ownership for a create, update (PUT) or non-apply patch, returning `new` with
    /// its `managedFields` rewritten (kube-apiserver's `FieldManager.UpdateNoErrors`).
    ///
    /// - Parameters:
    ///   - old: the live object, or nil for a create.
    ///   - new: the object about to be stored (after the patch, defaulting and the strategy's resets).
    ///   - manager: the request's field manager (see ``ManagedFields/managerName(fieldManager:userAgent:)``);
    ///     empty becomes `unknown`.
    ///   - now: the RFC 3339 time recorded on the manager's entry if the request changed a field.
    ///   - subresource: `status`, `scale`... for a subresource write.
    ///   - apiVersion: the request's group/version; defaults to `new`'s `apiVersion`.
    ///   - ignoring: fields the endpoint resets (the strategy's `GetResetFields`, e.g. `status` on
    ///     the main resource); changes there are attributed to no one.
    ///
    /// Rules, as upstream:
    /// - The manager's `Update` entry gains every field whose value the request added or changed;
    ///   those fields leave every other entry (Apply entries included: an update silently takes
    ///   ownership, it never conflicts). Removed fields leave all entries; empty entries go.
    /// - The entry's `time` moves to `now` only if the request changed something it now owns.
    /// - Where the managedFields come from (`decodeLiveOrNew`): on the main resource, from `new`
    ///   when it carries a valid non-empty list (a client may rewrite them), reset to nothing when
    ///   `new` has `managedFields: []` or `[{}]`, and otherwise from `old`; on a subresource,
    ///   always from `old`.
    /// - An existing object (with a `uid`) that has no managedFields stays untracked (the
    ///   `skipNonAppliedManager`); a create is always tracked.
    /// - More than ten `Update` entries: the oldest are merged into `ancient-changes`.
    /// - If either object cannot be typed (a map-list item with none of its keys, a set holding
    ///   an object), the live managedFields are kept unchanged, as `UpdateNoErrors` does.
    /// - `apiVersion`, `kind` and server-owned metadata are never recorded (``FieldSet/untrackedFields``).
    public static func update(
        old: JSONValue?, new: JSONValue, manager: String, schema: any SchemaInfo, now: String,
        subresource: String? = nil, apiVersion: String? = nil, ignoring: FieldSet = FieldSet()
    ) -> JSONValue {
        let isSubresource = !(subresource ?? "").isEmpty
        var managed = managedState(old: old, new: new, isSubresource: isSubresource)
        let newObject = ManagedFields.removing(from: new)
        if managed.fields.isEmpty, let uid = old?["metadata"]["uid"].stringValue, !uid.isEmpty {
            return newObject
        }
        // An object the schema cannot type (a map-list item without any key...) makes the
        // upstream update fail, and `UpdateNoErrors` then keeps the live managedFields.
        if !StructuredMerge.validationErrors(of: newObject, schema: schema, allowDuplicates: true).isEmpty
            || !StructuredMerge.validationErrors(of: old ?? .emptyObject, schema: schema, allowDuplicates: true).isEmpty
        {
            guard case .array(let entries)? = old?["metadata"]["managedFields"] else { return newObject }
            var object = newObject
            object["metadata"]["managedFields"] = .array(entries)
            return object
        }
        let version = apiVersion ?? new["apiVersion"].stringValue ?? old?["apiVersion"].stringValue ?? ""
        let id = ManagerIdentity(manager: manager.isEmpty ? "unknown" : manager, operation: .update, apiVersion: version, subresource: subresource)
        trackUpdate(
            old: ManagedFields.removing(from: old ?? .emptyObject), new: newObject, managed: &managed, manager: id,
            apiVersion: version, schema: schema, now: now, ignoring: ignoring)
        managed.capUpdateManagers()
        return ManagedFields.setting(managed.entries, on: newObject)
    }

    /// `decodeLiveOrNew` with `emptyManagedFieldsOnErr`: undecodable lists count as empty.
    static func managedState(old: JSONValue?, new: JSONValue, isSubresource: Bool) -> ManagedState {
        func live() -> ManagedState {
            guard let old, let entries = try? ManagedFields.entries(of: old) else { return ManagedState() }
            return ManagedState(entries: entries)
        }
        if isSubresource { return live() }
        let requested = new["metadata"]["managedFields"]
        if case .array(let items) = requested {
            if items.isEmpty { return ManagedState() }
            if items.count == 1, isZeroEntry(items[0]) { return ManagedState() }
        }
        if let entries = try? ManagedFields.entries(of: new), !entries.isEmpty {
            let state = ManagedState(entries: entries)
            if !state.fields.isEmpty { return state }
        }
        return live()
    }

    /// Whether an entry is the zero `ManagedFieldsEntry` (`[{}]` resets managedFields).
    private static func isZeroEntry(_ entry: JSONValue) -> Bool {
        guard let object = entry.objectValue else { return false }
        return object.values.allSatisfy { value in
            switch value {
            case .null: return true
            case .string(let s): return s.isEmpty
            default: return false
            }
        }
    }
}
