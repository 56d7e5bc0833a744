import KubeCore

/// kube-apiserver's field manager as pure functions: ``apply(live:applied:manager:force:schema:now:subresource:apiVersion:kind:ignoring:)``
/// for server-side apply and ``update(old:new:manager:schema:now:subresource:apiVersion:ignoring:)``
/// for every other write, both maintaining `metadata.managedFields` the way
/// k8s.io/apimachinery/pkg/util/managedfields and sigs.k8s.io/structured-merge-diff do.
///
/// One API version per kind is assumed (no conversion between the versions of managers' sets).
public enum FieldManager {
    /// The core of structured-merge-diff's `Updater.update`: every manager other than `workflow`
    /// that owns a field the request added or changed conflicts on it; with `force` it loses the
    /// field, without it the request fails. Fields the request removed leave every set. Managers
    /// left with nothing are deleted.
    static func updateManagers(_ fields: inout [ManagerIdentity: VersionedSet], comparison: StructuredMerge.Comparison, workflow: ManagerIdentity, force: Bool) throws(ApplyError) {
        let changed = comparison.modified.union(comparison.added)
        var conflicts: [(ManagerIdentity, FieldSet)] = []
        for (id, versioned) in fields where id != workflow {
            let contested = versioned.set.intersection(changed)
            if !contested.isEmpty { conflicts.append((id, contested)) }
        }
        if !force && !conflicts.isEmpty {
            let list = conflicts.sorted { FieldPathElement.compareBytes($0.0.encoded, $1.0.encoded) < 0 }
                .flatMap { id, set in set.paths.map { FieldConflict(identity: id, path: $0) } }
            throw ApplyError.conflict(list)
        }
        for (id, contested) in conflicts {
            fields[id]!.set = fields[id]!.set.subtracting(contested)
        }
        if !comparison.removed.isEmpty {
            for id in fields.keys where id != workflow {
                fields[id]!.set = fields[id]!.set.subtracting(comparison.removed)
            }
        }
        fields = fields.filter { !$0.value.set.isEmpty }
    }

    /// Records a non-apply change from `old` to `new` (both without managedFields) for `manager`:
    /// `Updater.Update` run under the "current-operation" pseudo-manager, stripped of untracked
    /// metadata, then merged into the manager's existing entry, whose time becomes `now` only if
    /// the request changed some field (`managedFieldsUpdater`).
    static func trackUpdate(old: JSONValue, new: JSONValue, managed: inout ManagedState, manager: ManagerIdentity, apiVersion: String, schema: any SchemaInfo, now: String, ignoring: FieldSet) {
        let current = ManagerIdentity.currentOperation
        let comparison = StructuredMerge.compare(old, new, schema: schema).excluding(ignoring)
        try? updateManagers(&managed.fields, comparison: comparison, workflow: current, force: true)
        let owned = (managed.fields[current]?.set ?? FieldSet())
            .subtracting(comparison.removed).union(comparison.modified).union(comparison.added)
            .recursivelySubtracting(ignoring)
        managed.fields[current] = owned.isEmpty ? nil : VersionedSet(set: owned, apiVersion: apiVersion, applied: false)
        managed.stripUntrackedFields(of: current)
        guard let taken = managed.fields.removeValue(forKey: current) else { return }
        if let previous = managed.fields[manager] {
            managed.fields[manager] = VersionedSet(set: taken.set.union(previous.set), apiVersion: taken.apiVersion, applied: false)
        } else {
            managed.fields[manager] = taken
        }
        managed.times[manager] = now
    }

    /// kube-apiserver's check that the body names the object of the URL (`checkName`): 400
    /// `the name of the object (x) does not match the name on the URL (y)`, and for a namespaced
    /// request whose body sets another namespace, `the namespace of the object (x) does not match
    /// the namespace on the request (y)`. Runs on the result of an apply or patch.
    public static func checkName(of object: JSONValue, name: String, namespace: String?) throws(ApplyError) {
        let objectName = object["metadata"]["name"].stringValue ?? ""
        if objectName != name {
            throw ApplyError.badRequest("the name of the object (\(objectName)) does not match the name on the URL (\(name))")
        }
        if let namespace, !namespace.isEmpty, let objectNamespace = object["metadata"]["namespace"].stringValue,
            !objectNamespace.isEmpty, objectNamespace != namespace
        {
            throw ApplyError.badRequest("the namespace of the object (\(objectNamespace)) does not match the namespace on the request (\(namespace))")
        }
    }
}
