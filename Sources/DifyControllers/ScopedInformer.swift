import KubeCore
import KubeRuntime

/// The informers of one kind over the namespaces the operator watches: one informer for the
/// whole cluster (the default), or one per namespace (`--namespaces a,b`, which needs only
/// namespaced RBAC). Reads go to the informer of the object's namespace.
public struct ScopedInformer<T: KubeResource>: Sendable {
    public let informers: [Informer<T>]
    private let byNamespace: [String: Informer<T>]
    private let all: Informer<T>?

    public init(_ shared: SharedInformers, namespaces: [String]?, labelSelector: String? = nil) {
        if let namespaces, !namespaces.isEmpty {
            var map: [String: Informer<T>] = [:]
            for ns in namespaces { map[ns] = shared.informer(for: T.self, namespace: ns, labelSelector: labelSelector) }
            byNamespace = map
            all = nil
            informers = namespaces.compactMap { map[$0] }
        } else {
            let i = shared.informer(for: T.self, labelSelector: labelSelector)
            byNamespace = [:]
            all = i
            informers = [i]
        }
    }

    func cache(_ namespace: String) -> Cache<T>? { (all ?? byNamespace[namespace])?.cache }

    public func get(namespace: String, name: String) -> T? { cache(namespace)?.get(namespace: namespace, name: name) }

    public func list(namespace: String) -> [T] { cache(namespace)?.list(namespace: namespace) ?? [] }

    /// Objects whose controller owner has this uid.
    public func list(namespace: String, ownedBy uid: String) -> [T] {
        (cache(namespace)?.list(ownedBy: uid) ?? []).filter { $0.metadata.namespace == namespace }
    }

    /// Feeds every informer's changes to `controller` through `mapping`.
    public func watch(into controller: Controller, mapping: EventMapping<T>) {
        for informer in informers { controller.watch(informer, mapping: mapping) }
    }
}
