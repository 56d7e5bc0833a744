import Foundation
import KubeCore
import KubeMachinery

extension APIServer {
    /// Server-side apply (PATCH with `application/apply-patch+yaml`): the body is the manager's
    /// whole intent; field ownership, conflicts (409 without `force`) and removal of fields the
    /// manager stopped applying follow structured-merge-diff. Applying to a missing object
    /// creates it. Re-applying the same intent changes nothing and writes nothing.
    func apply(_ def: ResourceDefinition, namespace: String?, name: String, subresource: String?, body: [UInt8], force: Bool, options: WriteContext) throws -> (JSONValue, created: Bool, warnings: [String]) {
        guard let fm = options.managerFromQuery, !fm.isEmpty else {
            throw APIError(code: 422, reason: StatusReason.invalid, message: "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
                           details: StatusDetails(group: "meta.k8s.io", kind: "PatchOptions", causes: [StatusCause(reason: "FieldValueRequired", message: "Required value: is required for apply patch", field: "fieldManager")]))
        }
        let applied: JSONValue
        do { applied = try JSONValue.parse(body) } catch {
            throw APIError.badRequest("error decoding YAML: the emulator accepts apply bodies in JSON (a subset of YAML): \(error)")
        }
        let schema = SchemaLookup().schema(for: def)
        let now = Time(options.now).description
        let ignoring = ManagedFieldTracker.ignored(def, subresource: subresource)
        var context = options
        context.manager = fm
        do {
            try FieldManager.checkName(of: applied, name: name, namespace: def.isNamespaced ? namespace : nil)
            if store.get(def.storageKey, namespace: namespace ?? "", name: name) == nil {
                guard subresource == nil else { throw APIError.notFound(def, name) }
                let result = try FieldManager.apply(live: nil, applied: applied, manager: fm, force: force, schema: schema, now: now, apiVersion: def.apiVersion, kind: def.kind, ignoring: ignoring)
                let (prepared, warnings) = try prepareCreate(def, namespace: namespace, body: result.object, options: context)
                return (try insert(def, prepared, options: context), true, warnings)
            }
            var warnings: [String] = []
            var stored: JSONValue?
            let committed = try store.mutate(def.storageKey, namespace: namespace ?? "", name: name) { current in
                guard let current else { throw APIError.notFound(def, name) }
                let result = try FieldManager.apply(live: present(def, current), applied: applied, manager: fm, force: force, schema: schema, now: now, subresource: subresource, apiVersion: def.apiVersion, kind: def.kind, ignoring: ignoring)
                guard result.changed else {
                    stored = current
                    return .none
                }
                let (mutation, object, w) = try commitUpdate(def, current: current, incoming: result.object, subresource: subresource, options: context, trackFields: false)
                warnings = w
                stored = object
                return options.dryRun ? .none : mutation
            }
            return (present(def, (options.dryRun ? stored : committed) ?? stored!), false, warnings)
        } catch let e as ApplyError {
            throw APIError(status: e.status)
        }
    }
}

extension APIError {
    init(status: Status) {
        self.init(code: status.code ?? 500, reason: status.reason ?? StatusReason.internalError, message: status.message ?? "", details: status.details)
    }
}
