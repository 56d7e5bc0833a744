import KubeCore

/// kube-controller-manager's garbage collector: deletes dependents whose owners are all gone
/// (background propagation) — also a dependent created or updated with owner references to
/// objects that no longer exist (dangling references, as when a controller re-creates a child
/// from a stale cache) — deletes dependents first for an owner deleted in the foreground (then
/// removes its `foregroundDeletion` finalizer), and strips owner references for an owner deleted
/// with `Orphan` (then removes its `orphan` finalizer).
final class GarbageCollector: Sendable {
    let api: APIServer
    /// The UIDs of every live object, kept from the change feed (the GC's graph of owners).
    private let liveUIDs: LockedValue<Set<String>>

    init(api: APIServer) {
        self.api = api
        liveUIDs = LockedValue(Set(api.store.allObjects().compactMap { $0.object.uid }))
    }

    func handle(_ event: StoreEvent) {
        let obj = event.object
        if let uid = obj.uid {
            liveUIDs.withLock { if event.kind == .deleted { $0.remove(uid) } else { $0.insert(uid) } }
        }
        if event.kind != .deleted, !obj.isBeingDeleted, let refs = obj["metadata"]["ownerReferences"].arrayValue, !refs.isEmpty {
            let owners = refs.compactMap { $0["uid"].stringValue }
            let live = liveUIDs.value
            if owners.allSatisfy({ !live.contains($0) }), let def = api.definition(forStorageKey: event.storageKey), let name = obj.name {
                api.systemDelete(def, namespace: obj.namespace, name: name)
                return
            }
        }
        switch event.kind {
        case .deleted:
            if let uid = obj.uid { collectDependents(ofDeleted: uid) }
            // A dependent going away may unblock an owner waiting in the foreground.
            for ref in obj["metadata"]["ownerReferences"].arrayValue ?? [] {
                if let uid = ref["uid"].stringValue, let owner = find(uid: uid) { processForeground(owner.key, owner.object) }
            }
        case .added, .modified:
            guard obj.isBeingDeleted else { return }
            if obj.finalizers.contains(APIServer.orphanFinalizer) { orphan(event.storageKey, obj) }
            if obj.finalizers.contains(APIServer.foregroundFinalizer) { processForeground(event.storageKey, obj) }
        }
    }

    private func find(uid: String) -> (key: String, object: JSONValue)? {
        api.store.allObjects().first { $0.object.uid == uid }.map { ($0.storageKey, $0.object) }
    }

    private func dependents(of uid: String) -> [(key: String, object: JSONValue)] {
        api.store.allObjects().filter { entry in
            (entry.object["metadata"]["ownerReferences"].arrayValue ?? []).contains { $0["uid"].stringValue == uid }
        }.map { ($0.storageKey, $0.object) }
    }

    private func collectDependents(ofDeleted uid: String) {
        let live = liveUIDs.value
        for (key, dep) in dependents(of: uid) {
            guard let def = api.definition(forStorageKey: key), let name = dep.name else { continue }
            let owners = (dep["metadata"]["ownerReferences"].arrayValue ?? []).compactMap { $0["uid"].stringValue }
            if owners.allSatisfy({ !live.contains($0) }) {
                api.systemDelete(def, namespace: dep.namespace, name: name)
            } else {
                api.systemUpdate(def, namespace: dep.namespace, name: name) { current in
                    var o = current
                    o["metadata"]["ownerReferences"] = .array((current["metadata"]["ownerReferences"].arrayValue ?? []).filter { $0["uid"].stringValue != uid })
                    return o
                }
            }
        }
    }

    private func processForeground(_ key: String, _ owner: JSONValue) {
        guard owner.isBeingDeleted, owner.finalizers.contains(APIServer.foregroundFinalizer), let uid = owner.uid,
              let def = api.definition(forStorageKey: key), let name = owner.name else { return }
        let deps = dependents(of: uid)
        for (depKey, dep) in deps where !dep.isBeingDeleted {
            if let d = api.definition(forStorageKey: depKey), let n = dep.name { api.systemDelete(d, namespace: dep.namespace, name: n, policy: .foreground) }
        }
        let blocking = dependents(of: uid).filter { entry in
            (entry.object["metadata"]["ownerReferences"].arrayValue ?? []).contains { $0["uid"].stringValue == uid && $0["blockOwnerDeletion"].boolValue == true }
        }
        if blocking.isEmpty {
            api.systemUpdate(def, namespace: owner.namespace, name: name) { $0.removingFinalizer(APIServer.foregroundFinalizer) }
        }
    }

    private func orphan(_ key: String, _ owner: JSONValue) {
        guard let uid = owner.uid, let def = api.definition(forStorageKey: key), let name = owner.name else { return }
        for (depKey, dep) in dependents(of: uid) {
            guard let d = api.definition(forStorageKey: depKey), let n = dep.name else { continue }
            api.systemUpdate(d, namespace: dep.namespace, name: n) { current in
                var o = current
                let refs = (current["metadata"]["ownerReferences"].arrayValue ?? []).filter { $0["uid"].stringValue != uid }
                o["metadata"]["ownerReferences"] = .array(refs)
                if refs.isEmpty { o["metadata"].removeValue(forKey: "ownerReferences") }
                return o
            }
        }
        api.systemUpdate(def, namespace: owner.namespace, name: name) { $0.removingFinalizer(APIServer.orphanFinalizer) }
    }
}
