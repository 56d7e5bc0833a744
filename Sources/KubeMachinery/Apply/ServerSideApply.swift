import KubeCore

/// The outcome of a server-side apply.
public struct ApplyResult: Sendable, Equatable {
    /// The object to store, with its new `managedFields`.
    public var object: JSONValue
    /// Whether `object` differs from the live object in any way, managedFields included.
    ///
    /// kube-apiserver only writes (and bumps `resourceVersion`) when the stored bytes change. An
    /// apply that changes no field leaves every entry's `time` alone (`managedFieldsUpdater`
    /// sets it only when the object changed), so a repeated identical apply reports `false`.
    /// An apply that changes no field but changes ownership (a second manager starting to share
    /// a field) reports `true`: the managedFields are part of the stored object.
    public var changed: Bool
}

extension FieldManager {
    /// The `kubectl.kubernetes.io/last-applied-configuration` annotation.
    public static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    /// Server-side apply (`PATCH` with `application/apply-patch+yaml`): merges `applied` into
    /// `live` and updates `managedFields`, as kube-apiserver's field manager does.
    ///
    /// - Parameters:
    ///   - live: the current object, or nil to create it.
    ///   - applied: the applied configuration (the request body, parsed).
    ///   - manager: the `fieldManager` query parameter (required by kube-apiserver for apply; an
    ///     empty one is recorded as `unknown`).
    ///   - force: the `force` query parameter: take contested fields instead of failing.
    ///   - now: the RFC 3339 time recorded on the entry if the object changes.
    ///   - subresource: `status` etc. for an apply to a subresource (separate entries).
    ///   - apiVersion, kind: the endpoint's type; default to the live object's, then the body's.
    ///   - ignoring: fields the endpoint resets (the strategy's `GetResetFields`): neither owned
    ///     nor compared.
    ///
    /// Rules (structured-merge-diff `Updater.Apply`):
    /// 1. Merge: objects merge key by key, map lists item by item by key, sets by value; atomic
    ///    lists/objects and scalars are replaced. Nothing the configuration omits is touched here.
    /// 2. The manager's `Apply` entry becomes exactly the configuration's fields.
    /// 3. Removal: fields in the manager's previous `Apply` entry but not in this configuration
    ///    are deleted from the object unless some entry (any manager, any operation) still owns
    ///    them; an owned field is kept and only this manager's ownership goes. A map-list item
    ///    goes when nobody owns the item itself, even if someone owns a field inside it.
    /// 4. Conflicts: a field this request adds or changes that another entry owns (another
    ///    manager, or the same name with `Update`) conflicts; a field applied with the value it
    ///    already has does not, and becomes shared. With `force` the others lose those fields.
    /// 5. Fields the request removes leave every entry; entries left empty are deleted.
    /// 6. The entry's `time` is set to `now` only if the object changed.
    ///
    /// kube-apiserver specifics also reproduced: applying to an object with no managedFields
    /// first gives all its fields to a `before-first-apply` `Update` manager; for the manager
    /// `kubectl`, conflicts only on fields still equal to the `last-applied-configuration`
    /// annotation are forced (the client-side to server-side apply upgrade path), and that
    /// annotation, if present, is rewritten to the new configuration.
    public static func apply(
        live: JSONValue?, applied: JSONValue, manager: String, force: Bool, schema: any SchemaInfo, now: String,
        subresource: String? = nil, apiVersion: String? = nil, kind: String? = nil, ignoring: FieldSet = FieldSet()
    ) throws(ApplyError) -> ApplyResult {
        guard case .object = applied else {
            throw .badRequest("error decoding patch: json: cannot unmarshal \(goTypeName(applied)) into Go value of type map[string]interface {}")
        }
        let liveEntries: [ManagedFieldsEntry]
        do {
            liveEntries = try ManagedFields.entries(of: live ?? .emptyObject)
        } catch {
            throw .internalError("failed to decode managed fields: \(error)")
        }
        // versionCheckManager: the body must be of the endpoint's type.
        let appliedAPIVersion = applied["apiVersion"].stringValue ?? ""
        let appliedKind = applied["kind"].stringValue ?? ""
        let expectedAPIVersion = apiVersion ?? live?["apiVersion"].stringValue ?? appliedAPIVersion
        let expectedKind = kind ?? live?["kind"].stringValue ?? appliedKind
        if appliedAPIVersion.isEmpty || appliedKind.isEmpty || appliedAPIVersion != expectedAPIVersion || appliedKind != expectedKind {
            throw .badRequest("invalid object type: \(gvkString(apiVersion: appliedAPIVersion, kind: appliedKind))")
        }

        let liveObject = live.map(ManagedFields.removing(from:))
        let request = ApplyRequest(
            live: liveObject, applied: applied, manager: manager, schema: schema, now: now, subresource: subresource,
            apiVersion: expectedAPIVersion, ignoring: ignoring)
        let state = ManagedState(entries: liveEntries)
        var outcome: (object: JSONValue, managed: ManagedState)
        do {
            outcome = try request.run(managed: state, force: force)
        } catch let error where manager == "kubectl" && !error.conflicts.isEmpty {
            // lastAppliedManager: kubectl may take over what it set through client-side apply.
            guard let allowed = allowedConflictsFromLastApplied(live: liveObject, apiVersion: expectedAPIVersion, schema: schema) else {
                throw error
            }
            let remaining = error.conflicts.filter { !allowed.contains($0.path) }
            if !remaining.isEmpty { throw ApplyError.conflict(remaining) }
            outcome = try request.run(managed: state, force: true)
        } catch {
            throw error
        }

        var object = outcome.object
        // lastAppliedUpdater: keep client-side apply working after a server-side apply.
        if manager == "kubectl", let annotation = object["metadata"]["annotations"][lastAppliedAnnotation].stringValue, !annotation.isEmpty {
            object["metadata"]["annotations"][lastAppliedAnnotation] = .string(lastAppliedConfiguration(of: applied))
        }
        object = ManagedFields.setting(outcome.managed.entries, on: object)
        return ApplyResult(object: object, changed: live.map { $0 != object } ?? true)
    }

    /// The annotation text kube-apiserver writes: the configuration without the annotation
    /// itself, as Go's JSON encoder writes it (sorted keys, trailing newline).
    static func lastAppliedConfiguration(of applied: JSONValue) -> String {
        var config = applied
        if case .object(var annotations) = config["metadata"]["annotations"] {
            annotations.removeValue(forKey: lastAppliedAnnotation)
            config["metadata"]["annotations"] = .object(annotations)
        } else if config["metadata"].hasKey("annotations") {
            var metadata = config["metadata"]
            metadata.removeValue(forKey: "annotations")
            config["metadata"] = metadata
        }
        return GoFormat.json(config) + "\n"
    }

    /// The fields kubectl may force (`allowedConflictsFromLastApplied`): those of the
    /// last-applied configuration whose live value still equals it. Nil when there is no usable
    /// annotation (then conflicts stand).
    static func allowedConflictsFromLastApplied(live: JSONValue?, apiVersion: String, schema: any SchemaInfo) -> FieldSet? {
        guard let live, let text = live["metadata"]["annotations"][lastAppliedAnnotation].stringValue, !text.isEmpty,
            let lastApplied = try? JSONValue.parse(text), lastApplied["apiVersion"].stringValue == apiVersion,
            StructuredMerge.validationErrors(of: lastApplied, schema: schema).isEmpty,
            StructuredMerge.validationErrors(of: live, schema: schema).isEmpty  // ObjectToTyped without AllowDuplicates
        else { return nil }
        let comparison = StructuredMerge.compare(lastApplied, live, schema: schema)
        return StructuredMerge.fieldSet(of: lastApplied, schema: schema)
            .subtracting(comparison.modified).subtracting(comparison.added).subtracting(comparison.removed)
    }

    /// `GroupVersionKind.String()`: `apps/v1, Kind=Deployment`, `/v1, Kind=Pod`; an unparsable
    /// apiVersion gives the empty `/, Kind=` as unstructured objects do.
    static func gvkString(apiVersion: String, kind: String) -> String {
        let parts = apiVersion.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return "/\(apiVersion), Kind=\(kind)"
        case 2: return "\(parts[0])/\(parts[1]), Kind=\(kind)"
        default: return "/, Kind="
        }
    }

    /// The kind named in "cannot unmarshal … into Go value of type map[string]interface {}" for
    /// an apply body that is not an object: ``GoFormat/jsonKind(_:)``, except that a `null` body
    /// has always been reported as `object` here (encoding/json itself would say `null`).
    static func goTypeName(_ value: JSONValue) -> String {
        value.isNull ? "object" : GoFormat.jsonKind(value)
    }
}

/// One apply, run once or twice (the kubectl retry) against the decoded managedFields.
private struct ApplyRequest {
    let live: JSONValue?
    let applied: JSONValue
    let manager: String
    let schema: any SchemaInfo
    let now: String
    let subresource: String?
    let apiVersion: String
    let ignoring: FieldSet

    func run(managed initial: ManagedState, force: Bool) throws(ApplyError) -> (object: JSONValue, managed: ManagedState) {
        var managed = initial
        let liveObject = live ?? .emptyObject
        // skipNonAppliedManager: existing fields of an untracked object belong to "before-first-apply".
        if managed.fields.isEmpty {
            let id = ManagerIdentity(manager: "before-first-apply", operation: .update, apiVersion: apiVersion, subresource: subresource)
            FieldManager.trackUpdate(
                old: .emptyObject, new: liveObject, managed: &managed, manager: id, apiVersion: apiVersion, schema: schema, now: now,
                ignoring: ignoring)
            managed.capUpdateManagers()
        }
        let id = ManagerIdentity(manager: manager.isEmpty ? "unknown" : manager, operation: .apply, apiVersion: apiVersion, subresource: subresource)

        // structuredMergeManager.Apply
        if case .array = applied["metadata"]["managedFields"] {
            throw .badRequest("metadata.managedFields must be nil")
        }
        let errors = StructuredMerge.validationErrors(of: applied, schema: schema)
        if !errors.isEmpty {
            throw .internalError("failed to create typed patch object (\(Self.describe(applied))): \(StructuredMerge.describe(errors))")
        }
        let liveErrors = StructuredMerge.validationErrors(of: liveObject, schema: schema, allowDuplicates: true)
        if !liveErrors.isEmpty {
            throw .internalError("failed to create typed live object (\(Self.describe(liveObject))): \(StructuredMerge.describe(liveErrors))")
        }
        let merged = StructuredMerge.merge(liveObject, applied, schemaPath: [], schema: schema) ?? .emptyObject
        let lastSet = managed.fields[id]?.set
        let configSet = StructuredMerge.fieldSet(of: applied, schema: schema).recursivelySubtracting(ignoring)
        managed.fields[id] = VersionedSet(set: configSet, apiVersion: apiVersion, applied: true)
        let pruned = prune(merged, managers: managed.fields, lastSet: lastSet)
        let comparison = StructuredMerge.compare(liveObject, pruned, schema: schema).excluding(ignoring)
        try FieldManager.updateManagers(&managed.fields, comparison: comparison, workflow: id, force: force)

        // managedFieldsUpdater: the time moves only when the object changed.
        let unchanged = live != nil && pruned == liveObject
        if !unchanged { managed.times[id] = now }
        managed.stripUntrackedFields(of: id)
        return (unchanged ? liveObject : pruned, managed)
    }

    /// `objectGVKNN`: `namespace/name; group/version, Kind=kind`.
    static func describe(_ object: JSONValue) -> String {
        let gvk = FieldManager.gvkString(apiVersion: object["apiVersion"].stringValue ?? "", kind: object["kind"].stringValue ?? "")
        return "\(object["metadata"]["namespace"].stringValue ?? "")/\(object["metadata"]["name"].stringValue ?? ""); \(gvk)"
    }

    /// `Updater.prune`: removes from the merged object what this manager applied last time and
    /// no longer applies, unless another entry (or the new configuration) owns it; the three
    /// passes of upstream (remove all of the last set, add back owned items, add back items that
    /// were removed only as a side effect) are reproduced literally.
    private func prune(_ merged: JSONValue, managers: [ManagerIdentity: VersionedSet], lastSet: FieldSet?) -> JSONValue {
        guard let lastSet, !lastSet.isEmpty else { return merged }
        let last = lastSet.ensuringNamedFieldsAreMembers()
        let mergedSet = StructuredMerge.fieldSet(of: merged, schema: schema).ensuringNamedFieldsAreMembers()

        // Remove everything the last configuration had.
        var pruned = StructuredMerge.removing(last, from: merged, schema: schema)
        // addBackOwnedItems: keep what anyone owns.
        let owned = managers.values.reduce(FieldSet()) { $0.union($1.set) }.ensuringNamedFieldsAreMembers()
        var prunedSet = StructuredMerge.fieldSet(of: pruned, schema: schema).ensuringNamedFieldsAreMembers()
        pruned = StructuredMerge.removing(mergedSet.subtracting(prunedSet.union(owned)), from: merged, schema: schema)
        // addBackDanglingItems: only remove what the last configuration had.
        prunedSet = StructuredMerge.fieldSet(of: pruned, schema: schema).ensuringNamedFieldsAreMembers()
        return StructuredMerge.removing(mergedSet.subtracting(prunedSet).intersection(last), from: merged, schema: schema)
    }
}
