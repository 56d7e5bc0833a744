import KubeCore

/// A change to a cached object, as delivered to informer subscribers (client-go's
/// `ResourceEventHandler` OnAdd / OnUpdate / OnDelete).
///
/// Controllers are level-triggered: map an event to ``key`` (a ``ReconcileRequest`` via
/// ``ObjectKey/reconcileRequest``), or to an owner's key through ``ObjectMetadataView/controllerUID``,
/// and read the current state from the cache when reconciling.
public enum InformerEvent<Object: Sendable>: Sendable {
    case added(Object)
    case updated(old: Object, new: Object)
    /// The object's last known state.
    case deleted(Object)

    /// The newest state the event carries.
    public var object: Object {
        switch self {
        case .added(let o), .deleted(let o): return o
        case .updated(_, let new): return new
        }
    }
}

extension InformerEvent where Object: APIObject {
    /// The changed object's key.
    public var key: ObjectKey { ObjectMetadataView.of(object).key }
}
