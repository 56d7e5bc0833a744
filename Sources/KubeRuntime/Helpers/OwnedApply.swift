import KubeClient
import KubeCore

/// Writes the objects a controller owns with server-side apply, as controller-runtime's
/// `client.Apply` with `client.ForceOwnership` and kubebuilder's recommended pattern do:
///
/// - One field manager for the whole controller, so that fields it stops setting are removed.
/// - `force: true`: the controller owns these objects and takes over any field another manager
///   set (without it, such a field would answer 409).
/// - A controller owner reference to the parent (`controller: true, blockOwnerDeletion: true`),
///   so that garbage collection deletes the object with its owner and watches map it back.
/// - No prior read and no resourceVersion: apply is idempotent; the server-maintained
///   `resourceVersion`, `uid` and `managedFields` are stripped from the intent.
public struct OwnedApply: Sendable {
    /// The field manager used when none is given.
    public static let defaultFieldManager = "dify-operator"

    public let fieldManager: String

    public init(fieldManager: String = Self.defaultFieldManager) {
        self.fieldManager = fieldManager
    }

    /// Applies `object` (the controller's complete intent for it), owned by `owner` if given.
    /// Throws ``KubeError/invalidRequest(_:)`` if the owner has no uid (it was never read from
    /// the server).
    @discardableResult
    public func apply<Owned: KubeResource, Owner: KubeResource>(
        _ object: Owned, ownedBy owner: Owner?, using client: ResourceClient<Owned>
    ) async throws -> Owned {
        var intent = object
        intent.metadata.resourceVersion = nil
        intent.metadata.managedFields = nil
        intent.metadata.uid = nil
        intent.metadata.creationTimestamp = nil
        if let owner {
            guard let ref = owner.controllerReference() else {
                throw KubeError.invalidRequest("owner \(Owner.kind) has no name or uid; read it from the server first")
            }
            var refs = (intent.metadata.ownerReferences ?? []).filter { $0.uid != ref.uid && $0.controller != true }
            refs.append(ref)
            intent.metadata.ownerReferences = refs
        }
        return try await client.apply(intent, fieldManager: fieldManager, force: true)
    }

    /// Applies an object that has no owner.
    @discardableResult
    public func apply<Owned: KubeResource>(_ object: Owned, using client: ResourceClient<Owned>) async throws -> Owned {
        try await apply(object, ownedBy: Optional<Owned>.none, using: client)
    }
}
