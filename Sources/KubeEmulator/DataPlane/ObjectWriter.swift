import Foundation
import KubeCore
import Logging

/// Writes of one simulated component, through the API server's own update path (admission,
/// generation, no-op detection), under the component's field manager.
struct ObjectWriter {
    /// Field managers, as the real components are named in `managedFields`.
    enum Manager {
        static let controllerManager = "kube-controller-manager"
        static let scheduler = "kube-scheduler"
        static let kubelet = "kubelet"
        static let snapshotController = "snapshot-controller"
    }

    let api: APIServer
    let manager: String
    let logger: Logger

    private func context() -> WriteContext {
        WriteContext(manager: manager, dryRun: false, fieldValidation: "Ignore", now: api.clock())
    }

    /// A read-modify-write of the whole object, status included, committed atomically as one
    /// change (one resourceVersion, one watch event). `transform` returns nil (or JSON `null`)
    /// to leave the object alone; an unchanged result writes nothing. Returns the stored
    /// object, nil when absent or failed.
    @discardableResult
    func update(_ def: ResourceDefinition, namespace: String?, name: String, _ transform: (JSONValue) -> JSONValue?) -> JSONValue? {
        let options = context()
        do {
            return try api.store.mutate(def.storageKey, namespace: namespace ?? "", name: name) { current -> ObjectStore.Mutation in
                // A JSON `null` is no object: `cond ? obj : nil` in a transform builds `.null`.
                guard let current, let wanted = transform(current), !wanted.isNull else { return .none }
                let (main, afterMain, _) = try api.commitUpdate(def, current: current, incoming: wanted, subresource: nil, options: options)
                if case .delete = main { return .delete }
                guard def.hasStatus else { return main }
                let base: JSONValue
                if case .update = main { base = afterMain } else { base = current }
                let (status, afterStatus, _) = try api.commitUpdate(def, current: base, incoming: wanted, subresource: "status", options: options)
                switch status {
                case .none: return main
                case .delete: return .delete
                case .update, .create: return .update(afterStatus)
                }
            }
        } catch {
            logger.debug("data plane update failed", metadata: ["resource": "\(def.qualifiedName)", "name": "\(namespace.map { "\($0)/" } ?? "")\(name)", "error": "\(error)"])
            return nil
        }
    }

    /// CREATE; nil (logged) when refused.
    @discardableResult
    func create(_ def: ResourceDefinition, namespace: String?, _ body: JSONValue) -> JSONValue? {
        do {
            return try api.create(def, namespace: namespace, body: body, options: context()).0
        } catch {
            logger.debug("data plane create failed", metadata: ["resource": "\(def.qualifiedName)", "namespace": "\(namespace ?? "")", "error": "\(error)"])
            return nil
        }
    }

    /// DELETE; false when the object was already gone or the delete was refused.
    @discardableResult
    func delete(_ def: ResourceDefinition, namespace: String?, name: String, policy: PropagationPolicy? = nil) -> Bool {
        do {
            _ = try api.delete(def, namespace: namespace, name: name, options: DeletionOptions(propagationPolicy: policy), now: api.clock())
            return true
        } catch {
            logger.debug("data plane delete failed", metadata: ["resource": "\(def.qualifiedName)", "name": "\(name)", "error": "\(error)"])
            return false
        }
    }
}
