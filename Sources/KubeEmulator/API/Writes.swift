import Foundation
import KubeCore
import KubeMachinery

extension APIServer {
    static let serverMetadataFields = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "name", "namespace", "resourceVersion"]

    /// The body's `apiVersion` and `kind` must name this resource (kube-apiserver answers 400).
    /// Built-in kinds may leave them out (the typed decoder defaults them from the URL, as the
    /// official Python client relies on); custom resources, decoded as unstructured, may not.
    /// Another served version of the same CRD is accepted (its endpoints accept every version);
    /// a version of another group is not, even when it shares storage (a `core/v1` Event sent
    /// to `events.k8s.io/v1` is a 400, as `AcceptsGroupVersion` decides).
    func checkTypeMeta(_ def: ResourceDefinition, _ obj: JSONValue) throws {
        guard case .object = obj else { throw APIError.badRequest("the body of the request must be a JSON object") }
        guard let kind = obj["kind"].stringValue, !kind.isEmpty else {
            if !def.isCustom && (obj["apiVersion"].stringValue ?? "").isEmpty { return }
            throw APIError.badRequest("Object 'Kind' is missing in '\(obj.description.prefix(200))'")
        }
        guard kind == def.kind else {
            throw APIError.badRequest("the kind in the data (\(kind)) does not match the expected kind (\(def.kind))")
        }
        if let av = obj["apiVersion"].stringValue, !av.isEmpty, av != def.apiVersion,
           registry.lookup(apiVersion: av, kind: kind).map({ $0.group != def.group || $0.storageKey != def.storageKey }) ?? true {
            throw APIError.badRequest("the API version in the data (\(av)) does not match the expected API version (\(def.apiVersion))")
        }
    }

    /// Namespaced writes need a namespace that exists and is not being deleted.
    func checkNamespace(_ def: ResourceDefinition, _ namespace: String?) throws {
        guard def.isNamespaced else { return }
        guard let ns = namespace, let nsObj = store.get("namespaces", namespace: "", name: ns) else {
            throw APIError.namespaceNotFound(namespace ?? "")
        }
        if !nsObj["metadata"]["deletionTimestamp"].isNull {
            throw APIError.forbidden("\(def.plural) is forbidden: unable to create new content in namespace \(ns) because it is being terminated")
        }
    }

    /// The status a new object starts with, as each kind's create strategy sets it.
    static func initialStatus(_ def: ResourceDefinition, _ obj: JSONValue) -> JSONValue? {
        switch (def.group, def.plural) {
        case ("", "pods"): return ["phase": "Pending"]
        case ("", "namespaces"): return ["phase": "Active"]
        case ("", "persistentvolumeclaims"): return ["phase": "Pending"]
        case ("", "services"): return ["loadBalancer": .emptyObject]
        case ("", "nodes"): return obj["status"].isNull ? nil : obj["status"]
        default: return nil
        }
    }

    /// The parts of an object whose change bumps `metadata.generation`: everything but metadata,
    /// and but status when status is a subresource.
    static func specPart(_ def: ResourceDefinition, _ obj: JSONValue) -> JSONValue {
        var o = obj
        o.removeValue(forKey: "metadata")
        o.removeValue(forKey: "apiVersion")
        o.removeValue(forKey: "kind")
        if def.hasStatus { o.removeValue(forKey: "status") }
        return o
    }

    /// CREATE.
    public func create(_ def: ResourceDefinition, namespace: String?, body: JSONValue, options: WriteContext) throws -> (JSONValue, [String]) {
        var (obj, warnings) = try prepareCreate(def, namespace: namespace, body: body, options: options)
        obj = fieldTracker.update(def, old: nil, new: obj, manager: options.manager, subresource: nil, now: options.now)
        return (try insert(def, obj, options: options), warnings)
    }

    /// Stores a prepared new object (409 AlreadyExists if the name is taken), converted to the
    /// storage version when the request's version is stored as another's.
    func insert(_ def: ResourceDefinition, _ obj: JSONValue, options: WriteContext) throws -> JSONValue {
        let storable = def.toStorage(obj)
        if options.dryRun { return present(def, storable) }
        let name = obj.name ?? ""
        let stored = try store.mutate(def.storageKey, namespace: obj.namespace ?? "", name: name) { current in
            if current != nil { throw APIError.alreadyExists(def, name) }
            return .create(storable)
        }
        return present(def, stored!)
    }

    /// Everything a create does before storage: type and namespace checks, name generation and
    /// validation, server-set metadata, the initial status, and admission.
    func prepareCreate(_ def: ResourceDefinition, namespace: String?, body: JSONValue, options: WriteContext) throws -> (JSONValue, [String]) {
        try checkTypeMeta(def, body)
        var obj = body
        obj["apiVersion"] = .string(def.apiVersion)
        obj["kind"] = .string(def.kind)
        if def.isNamespaced {
            let bodyNS = obj["metadata"]["namespace"].stringValue ?? ""
            if !bodyNS.isEmpty, let ns = namespace, bodyNS != ns {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            obj["metadata"]["namespace"] = .string(namespace ?? bodyNS)
        } else {
            obj["metadata"].removeValue(forKey: "namespace")
        }
        let ns = obj["metadata"]["namespace"].stringValue
        var name = obj["metadata"]["name"].stringValue ?? ""
        if name.isEmpty, let prefix = obj["metadata"]["generateName"].stringValue, !prefix.isEmpty {
            name = ObjectNames.generate(prefix: prefix)
            obj["metadata"]["name"] = .string(name)
        }
        if name.isEmpty {
            throw APIError.invalid(def, "", [StatusCause(reason: "FieldValueRequired", message: "Required value: name or generateName is required", field: "metadata.name")])
        }
        let nameCauses = ObjectNames.validate(name, for: def)
        if !nameCauses.isEmpty { throw APIError.invalid(def, name, nameCauses) }
        if let rv = obj["metadata"]["resourceVersion"].stringValue, !rv.isEmpty {
            throw APIError.badRequest("resourceVersion should not be set on objects to be created")
        }
        // A patch creating the object: authorized for `create` after validation, before admission.
        try options.authorizeCreate?()
        try checkNamespace(def, ns)

        obj["metadata"]["uid"] = .string(UUID().uuidString.lowercased())
        obj["metadata"]["creationTimestamp"] = .string(Time(options.now).description)
        if Self.tracksGeneration(def) { obj["metadata"]["generation"] = 1 } else { obj["metadata"].removeValue(forKey: "generation") }
        for f in ["deletionTimestamp", "deletionGracePeriodSeconds"] { obj["metadata"].removeValue(forKey: f) }
        if def.hasStatus {
            if let s = Self.initialStatus(def, obj) { obj["status"] = s } else { obj.removeValue(forKey: "status") }
        }
        if def.plural == "namespaces", def.group.isEmpty, obj["spec"]["finalizers"].isNull {
            obj["spec"] = ["finalizers": ["kubernetes"]]
        }
        return try admission.admit(def, old: nil, new: obj, options: options)
    }

    /// Whether kube-apiserver maintains `metadata.generation` for the kind: custom resources and
    /// the kinds whose registry strategy sets it (workloads, Jobs, HPAs, CRDs, pods since 1.34).
    static func tracksGeneration(_ def: ResourceDefinition) -> Bool {
        def.isCustom || ["apps/deployments", "apps/replicasets", "apps/statefulsets", "apps/daemonsets", "batch/jobs", "batch/cronjobs",
                         "autoscaling/horizontalpodautoscalers", "apiextensions.k8s.io/customresourcedefinitions", "pods"].contains(def.storageKey)
    }

    /// PUT of the object or of its `status` subresource.
    public func update(_ def: ResourceDefinition, namespace: String?, name: String, subresource: String?, body: JSONValue, options: WriteContext) throws -> (JSONValue, [String]) {
        try checkTypeMeta(def, body)
        if let bodyName = body["metadata"]["name"].stringValue, !bodyName.isEmpty, bodyName != name {
            throw APIError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        var warnings: [String] = []
        var result: JSONValue?
        let stored = try store.mutate(def.storageKey, namespace: namespace ?? "", name: name) { current in
            guard let current else { throw APIError.notFound(def, name) }
            if let rv = body["metadata"]["resourceVersion"].stringValue, !rv.isEmpty, rv != current["metadata"]["resourceVersion"].stringValue {
                throw APIError.conflict(def, name)
            }
            let (mutation, object, w) = try commitUpdate(def, current: current, incoming: body, subresource: subresource, options: options)
            warnings = w
            result = object
            return options.dryRun ? .none : mutation
        }
        // The stored object carries the new resourceVersion; a dry run answers what would be stored.
        return (present(def, (options.dryRun ? result : stored) ?? body), warnings)
    }

    /// The shared tail of every update (PUT, PATCH): keep what the client may not change,
    /// split status from the rest, admit, track fields, bump generation, and finish a deletion
    /// whose last finalizer went away. Nothing changed means no write at all (no new
    /// resourceVersion, no watch event), as kube-apiserver skips no-op updates.
    ///
    /// `current` is the stored object; the update happens in the request's version (the stored
    /// object converted to it, as kube-apiserver decodes into the request's version before
    /// applying a patch) and a changed object is converted back for storage. The returned object
    /// is in the request's version.
    func commitUpdate(_ def: ResourceDefinition, current stored: JSONValue, incoming: JSONValue, subresource: String?, options: WriteContext, trackFields: Bool = true) throws -> (ObjectStore.Mutation, JSONValue, [String]) {
        let current = def.fromStorage(stored)
        var new: JSONValue
        if subresource == "status" {
            new = current
            if incoming.hasKey("status") { new["status"] = incoming["status"] } else { new.removeValue(forKey: "status") }
            // Server-side apply to /status computed the new field ownership itself (the
            // manager's status fields, with `subresource: status`); keep it. Other status writes
            // ignore the client's metadata, and the tracker below records them.
            if !trackFields, incoming["metadata"].hasKey("managedFields") {
                new["metadata"]["managedFields"] = incoming["metadata"]["managedFields"]
            }
        } else if subresource == "finalize" {
            new = current
            new["spec"]["finalizers"] = incoming["spec"]["finalizers"]
        } else {
            new = incoming
            new["apiVersion"] = current["apiVersion"]
            new["kind"] = current["kind"]
            for f in Self.serverMetadataFields {
                if let v = current["metadata"].objectValue?[f] { new["metadata"][f] = v } else { new["metadata"].removeValue(forKey: f) }
            }
            if !incoming["metadata"].hasKey("managedFields") {
                new["metadata"]["managedFields"] = current["metadata"]["managedFields"]
                if new["metadata"]["managedFields"].isNull { new["metadata"].removeValue(forKey: "managedFields") }
            }
            if def.hasStatus {
                if current.hasKey("status") { new["status"] = current["status"] } else { new.removeValue(forKey: "status") }
            }
        }
        // A finalizer may not be added to an object that is being deleted (kube-apiserver: Forbidden).
        if !current["metadata"]["deletionTimestamp"].isNull {
            let before = Set(current["metadata"]["finalizers"].arrayValue?.compactMap(\.stringValue) ?? [])
            let after = Set(new["metadata"]["finalizers"].arrayValue?.compactMap(\.stringValue) ?? [])
            if !after.isSubset(of: before) {
                throw APIError.forbidden("\(def.qualifiedName) \"\(current.name ?? "")\" is forbidden: no new finalizers can be added if the object is being deleted, found new finalizers \(after.subtracting(before).sorted())")
            }
        }
        let (admitted, warnings) = try admission.admit(def, old: current, new: new, options: options)
        new = admitted
        if Self.tracksGeneration(def), Self.specPart(def, new) != Self.specPart(def, current) {
            new["metadata"]["generation"] = .int((current["metadata"]["generation"].intValue ?? 1) + 1)
        }
        if trackFields {
            new = fieldTracker.update(def, old: current, new: new, manager: options.manager, subresource: subresource, now: options.now)
        }
        // Unchanged in the request's version, or (for a converted version) once converted for
        // storage, as GuaranteedUpdate compares the encoded objects (a client leaving out a field
        // Go always writes, such as `deprecatedSource: {}`, changes nothing).
        if Self.equalIgnoringManagedFieldTimes(new, current) || (def.conversion != nil && Self.equalIgnoringManagedFieldTimes(def.toStorage(new), stored)) {
            return (.none, current, warnings)
        }
        let finalizers = new["metadata"]["finalizers"].arrayValue ?? []
        if !new["metadata"]["deletionTimestamp"].isNull && finalizers.isEmpty {
            return (.delete, new, warnings)
        }
        return (.update(def.toStorage(new)), new, warnings)
    }

    /// Equality that ignores the `time` of managed-fields entries (re-applying the same intent
    /// must not count as a change).
    static func equalIgnoringManagedFieldTimes(_ a: JSONValue, _ b: JSONValue) -> Bool {
        func strip(_ v: JSONValue) -> JSONValue {
            var o = v
            if let mf = v["metadata"]["managedFields"].arrayValue {
                o["metadata"]["managedFields"] = .array(mf.map { e in
                    var e = e
                    e.removeValue(forKey: "time")
                    return e
                })
            }
            return o
        }
        return strip(a) == strip(b)
    }

    /// PATCH (merge, JSON, strategic merge) or server-side apply.
    public func patch(_ def: ResourceDefinition, namespace: String?, name: String, subresource: String?, type: PatchType, body: [UInt8], force: Bool, options: WriteContext) throws -> (JSONValue, created: Bool, warnings: [String]) {
        if type == .apply {
            return try apply(def, namespace: namespace, name: name, subresource: subresource, body: body, force: force, options: options)
        }
        if type == .strategicMerge && def.isCustom {
            throw APIError.unsupportedMediaType(type.contentType)
        }
        let patchDoc: JSONValue
        do { patchDoc = try JSONValue.parse(body) } catch {
            throw APIError.badRequest("error decoding patch: \(error)")
        }
        var warnings: [String] = []
        var result: JSONValue?
        let stored = try store.mutate(def.storageKey, namespace: namespace ?? "", name: name) { current in
            guard let current else { throw APIError.notFound(def, name) }
            let patched = try applyPatchDocument(def, type: type, patch: patchDoc, to: present(def, current), name: name)
            if let rv = patched["metadata"]["resourceVersion"].stringValue, !rv.isEmpty, rv != current["metadata"]["resourceVersion"].stringValue {
                throw APIError.conflict(def, name)
            }
            try checkTypeMeta(def, patched)
            let (mutation, object, w) = try commitUpdate(def, current: current, incoming: patched, subresource: subresource, options: options)
            warnings = w
            result = object
            return options.dryRun ? .none : mutation
        }
        return (present(def, (options.dryRun ? result : stored) ?? result!), false, warnings)
    }

    func applyPatchDocument(_ def: ResourceDefinition, type: PatchType, patch: JSONValue, to current: JSONValue, name: String) throws -> JSONValue {
        do {
            switch type {
            case .merge: return JSONMergePatch.apply(patch, to: current)
            case .json: return try JSONPatch.apply(patch, to: current)
            case .strategicMerge: return try StrategicMergePatch.apply(patch, to: current, schema: BuiltinSchemas.schema(group: def.group, kind: def.kind))
            case .apply: return current
            }
        } catch let e as PatchError {
            // kube-apiserver's answer for the failure, with its own (often generic) message.
            throw APIError(code: e.httpStatus, reason: e.reason, message: e.statusMessage)
        }
    }
}
