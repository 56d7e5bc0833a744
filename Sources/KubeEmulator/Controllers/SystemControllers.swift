import KubeCore

/// Runs the control-plane controllers the API itself depends on (garbage collection, namespace
/// lifecycle, CRD establishment) from the store's change feed, in commit order.
final class SystemControllers: Sendable {
    let api: APIServer
    let task = LockedValue<Task<Void, Never>?>(nil)

    init(api: APIServer) { self.api = api }

    func start() {
        let feed = api.store.subscribe()
        let gc = GarbageCollector(api: api), ns = NamespaceController(api: api), crd = CRDController(api: api)
        task.value = Task {
            for await event in feed {
                crd.handle(event)
                gc.handle(event)
                ns.handle(event)
            }
        }
    }

    func stop() { task.value?.cancel() }
}
