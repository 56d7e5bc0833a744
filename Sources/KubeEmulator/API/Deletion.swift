import Foundation
import KubeCore

/// DELETE options from the query or the `DeleteOptions` body (the body wins when sent, as in
/// kube-apiserver).
public struct DeletionOptions: Sendable {
    public var propagationPolicy: PropagationPolicy?
    public var preconditionUID: String?
    public var preconditionResourceVersion: String?
    public var dryRun = false

    public init(propagationPolicy: PropagationPolicy? = nil, preconditionUID: String? = nil, preconditionResourceVersion: String? = nil, dryRun: Bool = false) {
        self.propagationPolicy = propagationPolicy
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.dryRun = dryRun
    }

    static func from(query: [String: String], body: [UInt8]) throws -> DeletionOptions {
        var o = DeletionOptions()
        if let p = query["propagationPolicy"] {
            guard let policy = PropagationPolicy(rawValue: p) else { throw APIError.badRequest("propagationPolicy: Unsupported value: \"\(p)\": supported values: \"Foreground\", \"Background\", \"Orphan\"") }
            o.propagationPolicy = policy
        }
        if query["orphanDependents"] == "true" { o.propagationPolicy = .orphan }
        o.dryRun = query["dryRun"] == "All"
        if !body.isEmpty {
            // JSON, or the protobuf client-go sends for built-in kinds.
            guard let b = (try? JSONValue.parse(body)) ?? (try? ProtobufBodies.decode(body)), case .object = b else { throw APIError.badRequest("invalid DeleteOptions body") }
            if let p = b["propagationPolicy"].stringValue {
                guard let policy = PropagationPolicy(rawValue: p) else { throw APIError.badRequest("propagationPolicy: Unsupported value: \"\(p)\"") }
                o.propagationPolicy = policy
            }
            if b["orphanDependents"].boolValue == true { o.propagationPolicy = .orphan }
            o.preconditionUID = b["preconditions"]["uid"].stringValue
            o.preconditionResourceVersion = b["preconditions"]["resourceVersion"].stringValue
            if b["dryRun"].arrayValue?.contains("All") == true { o.dryRun = true }
        }
        return o
    }
}

extension APIServer {
    static let foregroundFinalizer = "foregroundDeletion"
    static let orphanFinalizer = "orphan"

    /// DELETE. An object with finalizers (or deleted in the foreground, or orphaning its
    /// dependents) only gets `deletionTimestamp` and stays until its finalizers are gone:
    /// the answer is then 202 with the object. Otherwise it is removed at once: 200 with the
    /// object (pods, custom resources) or a `Status` of `Success` (other built-in kinds).
    public func delete(_ def: ResourceDefinition, namespace: String?, name: String, options: DeletionOptions, now: Date) throws -> (JSONValue, immediately: Bool) {
        var immediately = false
        let result = try store.mutate(def.storageKey, namespace: namespace ?? "", name: name) { current -> ObjectStore.Mutation in
            guard let current else { throw APIError.notFound(def, name) }
            if let uid = options.preconditionUID, uid != current.uid {
                throw APIError.conflict(def, name, "Precondition failed: UID in precondition: \(uid), UID in object meta: \(current.uid ?? "")")
            }
            if let rv = options.preconditionResourceVersion, rv != current.resourceVersion {
                throw APIError.conflict(def, name, "Precondition failed: ResourceVersion in precondition: \(rv), ResourceVersion in object meta: \(current.resourceVersion ?? "")")
            }
            if !current["metadata"]["deletionTimestamp"].isNull {
                // Already being deleted: a foreground request still switches it to foreground.
                var updated = current
                if options.propagationPolicy == .foreground {
                    var f = current["metadata"]["finalizers"].arrayValue ?? []
                    if !f.contains(.string(Self.foregroundFinalizer)) {
                        f.append(.string(Self.foregroundFinalizer))
                        updated["metadata"]["finalizers"] = .array(f)
                        return options.dryRun ? .none : .update(updated)
                    }
                }
                return .none
            }
            var finalizers = current["metadata"]["finalizers"].arrayValue ?? []
            switch options.propagationPolicy {
            case .foreground?: if !finalizers.contains(.string(Self.foregroundFinalizer)) { finalizers.append(.string(Self.foregroundFinalizer)) }
            case .orphan?: if !finalizers.contains(.string(Self.orphanFinalizer)) { finalizers.append(.string(Self.orphanFinalizer)) }
            default: break
            }
            let namespaceFinalizers = def.group.isEmpty && def.plural == "namespaces" ? (current["spec"]["finalizers"].arrayValue ?? []) : []
            if finalizers.isEmpty && namespaceFinalizers.isEmpty {
                immediately = true
                return options.dryRun ? .none : .delete
            }
            var updated = current
            updated["metadata"]["deletionTimestamp"] = .string(Time(now).description)
            updated["metadata"]["deletionGracePeriodSeconds"] = 0
            updated["metadata"]["finalizers"] = finalizers.isEmpty ? .null : .array(finalizers)
            if finalizers.isEmpty { updated["metadata"].removeValue(forKey: "finalizers") }
            if Self.tracksGeneration(def) { updated["metadata"]["generation"] = .int((current["metadata"]["generation"].intValue ?? 1) + 1) }
            if !namespaceFinalizers.isEmpty { updated["status"]["phase"] = "Terminating" }
            return options.dryRun ? .none : .update(updated)
        }
        guard let obj = result else { throw APIError.notFound(def, name) }
        if immediately && !def.returnsDeletedObject {
            let status: JSONValue = ["kind": "Status", "apiVersion": "v1", "metadata": .emptyObject, "status": "Success",
                                     "details": ["name": .string(name), "group": .string(def.group), "kind": .string(def.plural), "uid": obj["metadata"]["uid"]]]
            return (status, true)
        }
        return (present(def, obj), immediately)
    }

    /// DELETE on a collection: deletes every matching object with the same options and answers
    /// with the list of what was deleted.
    func deleteCollection(_ def: ResourceDefinition, namespace: String?, query: [String: String], options: DeletionOptions, now: Date) throws -> JSONValue {
        let predicate = try Selectors.predicate(for: def, labelSelector: query["labelSelector"], fieldSelector: query["fieldSelector"])
        let snapshot = store.list(ObjectFilter(storageKey: def.storageKey, namespace: namespace, matches: predicate))
        var deleted: [JSONValue] = []
        for obj in snapshot.items {
            guard let name = obj.name else { continue }
            if let (d, _) = try? delete(def, namespace: obj.namespace, name: name, options: options, now: now) { deleted.append(d) }
        }
        return ["apiVersion": .string(def.apiVersion), "kind": .string(def.kind + "List"), "metadata": ["resourceVersion": .string(String(store.revision))], "items": .array(deleted)]
    }
}
