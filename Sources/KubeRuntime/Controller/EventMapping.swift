import KubeCore

/// A change to a watched object, as an informer's event handler sees it
/// (client-go's `OnAdd` / `OnUpdate` / `OnDelete`).
public enum SourceEvent<Object: Sendable>: Sendable {
    case added(Object)
    case updated(old: Object, new: Object)
    /// The object's last known state.
    case deleted(Object)
}

/// Something a controller watches: a stream of changes to objects of one kind (an informer).
///
/// The controller iterates `events()` once, from ``Controller/run()``, until the run ends (the
/// iterating task is then cancelled). A source that lists before watching should report listed
/// objects as `.added`.
public protocol ControllerSource<Object>: Sendable {
    associatedtype Object: APIObject
    func events() -> AsyncStream<SourceEvent<Object>>
}

/// Turns a changed object into the reconcile requests it causes (controller-runtime's
/// `handler.EventHandler`): the object itself, its controlling owner, or anything else.
///
/// For an update both the old and the new object are mapped (so that an object whose owner
/// changed wakes both owners); a deletion is mapped from the object's last state. Duplicate
/// requests of one event are collapsed, and the work queue collapses the rest.
public struct EventMapping<Object: APIObject>: Sendable {
    /// Whether this watch is of the controller's primary kind: its objects are re-enqueued on
    /// every resync.
    public let isPrimary: Bool
    public let map: @Sendable (Object) async -> [ReconcileRequest]

    public init(isPrimary: Bool = false, map: @escaping @Sendable (Object) async -> [ReconcileRequest]) {
        self.isPrimary = isPrimary
        self.map = map
    }

    /// The object's own key (controller-runtime's `For` / `EnqueueRequestForObject`).
    public static var primary: EventMapping {
        EventMapping(isPrimary: true) { object in
            guard let name = object.apiObjectName, !name.isEmpty else { return [] }
            return [ReconcileRequest(namespace: object.apiObjectNamespace.flatMap { $0.isEmpty ? nil : $0 }, name: name)]
        }
    }

    /// The object's controlling owner (controller-runtime's `Owns` /
    /// `EnqueueRequestForOwner(..., OnlyControllerOwner())`): the ownerReference with
    /// `controller: true` whose kind and API group (not version) match the owner's. A namespaced
    /// owner is looked up in the object's namespace (ownerReferences cannot cross namespaces);
    /// a cluster-scoped one has no namespace.
    public static func owner(apiVersion: String, kind: String, namespaced: Bool) -> EventMapping {
        let group = OwnerMatching.group(of: apiVersion)
        return EventMapping { object in
            guard let reference = OwnerMatching.controllerReference(of: object),
                reference.kind == kind, OwnerMatching.group(of: reference.apiVersion) == group
            else { return [] }
            let namespace = namespaced ? object.apiObjectNamespace.flatMap { $0.isEmpty ? nil : $0 } : nil
            return [ReconcileRequest(namespace: namespace, name: reference.name)]
        }
    }

    /// The object's controlling owner of type `Owner` (see ``owner(apiVersion:kind:namespaced:)``).
    public static func owner<Owner: KubeResource>(_ owner: Owner.Type) -> EventMapping {
        self.owner(apiVersion: Owner.apiVersion, kind: Owner.kind, namespaced: Owner.scope == .namespaced)
    }

    /// Any requests computed from the object (controller-runtime's `EnqueueRequestsFromMapFunc`),
    /// e.g. every DifyDeployment that references a changed DifyModel.
    public static func custom(_ map: @escaping @Sendable (Object) async -> [ReconcileRequest]) -> EventMapping {
        EventMapping(map: map)
    }
}

/// Reading owner references from any ``APIObject``.
enum OwnerMatching {
    /// The API group of an `apiVersion` (`apps/v1` → `apps`, `v1` → the core group `""`).
    static func group(of apiVersion: String) -> String {
        guard let slash = apiVersion.lastIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    /// The `controller: true` owner reference of a typed or unstructured object.
    static func controllerReference<Object: APIObject>(of object: Object) -> OwnerReference? {
        if let resource = object as? any KubeResource { return resource.metadata.controllerReference }
        if let json = object as? JSONValue { return json.objectMeta?.controllerReference }
        guard let data = try? JSONCoding.encode(object), let json = try? JSONValue.parse(Array(data)) else { return nil }
        return json.objectMeta?.controllerReference
    }
}
