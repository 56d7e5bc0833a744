import DifyAPI
import DifyPlanners
import KubeClient
import KubeCore

/// Writes the objects the operator owns, with server-side apply (one field manager, `force`),
/// and **only when something would change**: a reconcile that finds the world as planned sends
/// no request at all (not even a no-op apply, which still costs the API server a write path).
///
/// An apply is skipped when both hold:
/// - the live object carries the hash of this exact intent in ``appliedHashAnnotation`` (so a
///   field the operator stopped setting is noticed: the intent, hence the hash, changed), and
/// - every field of the intent has the same value in the live object (so someone else's edit
///   of an operator-owned field is noticed and undone: see ``JSONSubset``).
public struct ChildWriter: Sendable {
    /// The annotation holding the hash of the operator's last applied intent.
    public static let appliedHashAnnotation = "dify.ai/applied-hash"

    public let client: KubernetesClient
    public let fieldManager: String

    public init(client: KubernetesClient, fieldManager: String = DifyNames.fieldManager) {
        self.client = client
        self.fieldManager = fieldManager
    }

    /// Applies `desired` unless `live` already matches it. Returns whether a request was sent.
    @discardableResult
    public func apply<T: KubeResource>(_ desired: T, live: T?) async throws -> Bool {
        var intent = desired
        intent.metadata.resourceVersion = nil
        intent.metadata.managedFields = nil
        intent.metadata.uid = nil
        intent.metadata.creationTimestamp = nil
        intent.metadata.annotations?[Self.appliedHashAnnotation] = nil
        let hash = StableHash.of(try JSONValue(encoding: intent))
        intent.metadata.annotations = (intent.metadata.annotations ?? [:]).merging([Self.appliedHashAnnotation: hash]) { _, new in new }
        if let live, live.metadata.annotations?[Self.appliedHashAnnotation] == hash, live.metadata.deletionTimestamp == nil,
           JSONSubset.contains(try JSONValue(encoding: live), try JSONValue(encoding: intent)) {
            return false
        }
        _ = try await client.resource(T.self).apply(intent, fieldManager: fieldManager, force: true)
        return true
    }

    /// Sets a workload's replicas through its `/scale` subresource (what `kubectl scale` does):
    /// the Deployment of an older revision keeps the pod template it was created with.
    public func scale<T: KubeResource>(_ type: T.Type, name: String, namespace: String, replicas: Int32) async throws {
        _ = try await client.resource(T.self).patchScale(
            name, namespace: namespace, type: .merge, ["spec": ["replicas": .int(Int64(replicas))]],
            options: PatchOptions(fieldManager: fieldManager))
    }

    /// Deletes an owned object (background propagation: its dependents follow). Gone already is fine.
    public func delete<T: KubeResource>(_ type: T.Type, name: String, namespace: String) async throws {
        do {
            _ = try await client.resource(T.self).delete(name, namespace: namespace, options: DeleteOptions(propagationPolicy: .background))
        } catch let error as KubeError where error.isNotFound {
            return
        }
    }
}
