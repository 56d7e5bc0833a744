import KubeClient
import KubeCore
import Logging

/// Writes an object's status subresource **only when it changed**, so that a reconcile loop
/// that recomputes the same status does not produce a write (and a watch event that would
/// trigger the next reconcile). controller-runtime leaves this to each reconciler; kubebuilder's
/// guidance is to compare before `Status().Update`.
///
/// The desired status is compared with the cached object's `.status` as JSON values: object key
/// order is ignored (JSON objects are unordered) and `1` equals `1.0`; everything else counts,
/// including array order and fields present in one and absent in the other.
public struct StatusWriter: Sendable {
    /// How the status is written.
    public enum Method: Sendable, Equatable {
        /// Server-side apply to `/status` with this field manager and `force` (the default):
        /// fields the manager no longer sets are removed.
        case apply(fieldManager: String)
        /// JSON merge patch `{"status": desired}` to `/status`: fields absent from `desired` are
        /// kept, so to clear a field set it to null.
        case mergePatch
    }

    /// The default method: server-side apply with ``OwnedApply/defaultFieldManager``.
    public static let defaultMethod = Method.apply(fieldManager: OwnedApply.defaultFieldManager)

    public let method: Method

    public init(method: Method = Self.defaultMethod) {
        self.method = method
    }

    /// The outcome of ``update(_:desiredStatus:using:)``.
    public struct Result<R: Sendable>: Sendable {
        /// Whether a request was sent.
        public var written: Bool
        /// The server's answer if written, otherwise the cached object.
        public var object: R
    }

    /// Writes `desiredStatus` unless it equals `cached`'s current status.
    public func update<R: APIObject>(_ cached: R, desiredStatus: JSONValue, using client: ResourceClient<R>) async throws -> Result<R> {
        let json = try JSONValue(encoding: cached)
        if json["status"] == desiredStatus { return Result(written: false, object: cached) }
        guard let name = json["metadata"]["name"].stringValue else { throw KubeError.invalidRequest("object has no metadata.name") }
        let namespace = json["metadata"]["namespace"].stringValue
        let updated: R
        switch method {
        case .apply(let fieldManager):
            var metadata: JSONValue = ["name": .string(name)]
            if let namespace, case .object(var m) = metadata {
                m["namespace"] = .string(namespace)
                metadata = .object(m)
            }
            let body: JSONValue = [
                "apiVersion": .string(json["apiVersion"].stringValue ?? client.descriptor.apiVersion),
                "kind": .string(json["kind"].stringValue ?? client.descriptor.kind),
                "metadata": metadata,
                "status": desiredStatus,
            ]
            updated = try await client.patch(
                name, namespace: namespace, type: .apply, body: body.serialized(), subresource: "status",
                options: PatchOptions(fieldManager: fieldManager, force: true))
        case .mergePatch:
            updated = try await client.patchStatus(name, namespace: namespace, type: .merge, ["status": desiredStatus])
        }
        return Result(written: true, object: updated)
    }

    /// Typed variant: `desiredStatus` is encoded to JSON and compared as above.
    public func update<R: APIObject, S: Encodable>(_ cached: R, desiredStatus: S, using client: ResourceClient<R>) async throws -> Result<R> {
        try await update(cached, desiredStatus: try JSONValue(encoding: desiredStatus), using: client)
    }
}
