import Foundation
import KubeCore

extension APIServer {
    /// The field manager of the emulator's own controllers' writes.
    static let systemManager = "kube-controller-manager"

    /// The definition the emulator's controllers use for stored objects of a storage key: a
    /// version stored as it is (never one that converts, e.g. events.k8s.io/v1 for `events`),
    /// the highest such version first.
    func definition(forStorageKey key: String) -> ResourceDefinition? {
        registry.versions(ofStorageKey: key).filter { $0.conversion == nil }.sorted { ResourceRegistry.versionOrder($0.version, $1.version) }.first
    }

    /// A read-modify-write by an emulator controller, through the same rules as any client's
    /// update. `transform` returns nil to leave the object alone.
    @discardableResult
    public func systemUpdate(_ def: ResourceDefinition, namespace: String?, name: String, subresource: String? = nil, _ transform: (JSONValue) -> JSONValue?) -> JSONValue? {
        let options = WriteContext(manager: Self.systemManager, dryRun: false, fieldValidation: "Ignore", now: clock())
        return try? store.mutate(def.storageKey, namespace: namespace ?? "", name: name) { current in
            guard let current, let changed = transform(current) else { return .none }
            return try commitUpdate(def, current: current, incoming: changed, subresource: subresource, options: options).0
        }
    }

    /// A delete by an emulator controller (background propagation unless given).
    func systemDelete(_ def: ResourceDefinition, namespace: String?, name: String, policy: PropagationPolicy? = nil) {
        _ = try? delete(def, namespace: namespace, name: name, options: DeletionOptions(propagationPolicy: policy), now: clock())
    }
}

extension JSONValue {
    /// `metadata.finalizers` as strings.
    var finalizers: [String] { self["metadata"]["finalizers"].arrayValue?.compactMap(\.stringValue) ?? [] }
    var isBeingDeleted: Bool { !self["metadata"]["deletionTimestamp"].isNull }

    /// The object without the given finalizer (nil when it was not there).
    func removingFinalizer(_ f: String) -> JSONValue? {
        let list = finalizers
        guard list.contains(f) else { return nil }
        var o = self
        let rest = list.filter { $0 != f }
        o["metadata"]["finalizers"] = .array(rest.map { .string($0) })
        if rest.isEmpty { o["metadata"].removeValue(forKey: "finalizers") }
        return o
    }
}
