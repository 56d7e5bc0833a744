import KubeCore

/// Namespace lifecycle: a namespace being deleted has all its objects deleted; once it is
/// empty its `kubernetes` finalizer (in `spec.finalizers`) is removed and it goes away.
struct NamespaceController {
    let api: APIServer

    func handle(_ event: StoreEvent) {
        if event.storageKey == "namespaces", event.kind != .deleted, event.object.isBeingDeleted, let ns = event.object.name {
            drain(ns)
        } else if event.kind == .deleted, !event.namespace.isEmpty,
                  let nsObj = api.store.get("namespaces", namespace: "", name: event.namespace), nsObj.isBeingDeleted {
            drain(event.namespace)
        }
    }

    private func drain(_ ns: String) {
        var remaining = 0
        // One pass per stored resource, not per served version (versions share storage).
        let storageKeys = Set(api.registry.all.filter(\.isNamespaced).map(\.storageKey))
        for def in storageKeys.sorted().compactMap(api.definition(forStorageKey:)) {
            let objs = api.store.objects(def.storageKey, namespace: ns)
            remaining += objs.count
            for o in objs where !o.isBeingDeleted {
                if let name = o.name { api.systemDelete(def, namespace: ns, name: name) }
            }
        }
        guard remaining == 0, let nsDef = api.registry.lookup(group: "", version: "v1", plural: "namespaces") else { return }
        api.systemUpdate(nsDef, namespace: nil, name: ns, subresource: "finalize") { current in
            let fins = current["spec"]["finalizers"].arrayValue ?? []
            guard fins.contains("kubernetes") else { return nil }
            var o = current
            o["spec"]["finalizers"] = .array(fins.filter { $0 != "kubernetes" })
            return o
        }
        // With no finalizers left at all, the namespace is removed.
        if let current = api.store.get("namespaces", namespace: "", name: ns), current.isBeingDeleted,
           current.finalizers.isEmpty, (current["spec"]["finalizers"].arrayValue ?? []).isEmpty {
            api.store.mutate("namespaces", namespace: "", name: ns) { _ in .delete }
        }
    }
}
