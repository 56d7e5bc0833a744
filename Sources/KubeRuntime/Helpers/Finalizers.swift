import KubeClient
import KubeCore
import Logging

/// Adds and removes finalizers without ever losing another controller's entry.
///
/// Each change is a JSON patch (RFC 6902) that first `test`s `metadata.resourceVersion` and
/// `metadata.finalizers` against the copy the change was computed from, then adds or removes one
/// entry. If anyone changed the object in between, the server refuses the patch (409 Conflict or
/// 422 Invalid for a failed `test`), and the helper reads the object again and retries, at most
/// ``maxAttempts`` times (client-go's `retry.DefaultRetry` makes 5 steps). This is the pattern
/// the API conventions recommend instead of a read-modify-PUT of the whole list.
public enum Finalizers {
    /// Attempts before the last conflict is thrown.
    public static let maxAttempts = 5
    /// Wait before the first retry; doubles each retry (client-go `DefaultRetry`: 10 ms).
    public static let retryBaseDelaySeconds = 0.01

    /// Whether `object` carries `finalizer`.
    public static func contains<R: APIObject>(_ finalizer: String, in object: R) -> Bool {
        (try? state(of: object).finalizers.contains(finalizer)) ?? false
    }

    /// Adds `finalizer` to the object unless it is already there. `object` is the caller's copy
    /// (from a cache, say); if it is stale the object is read again. Returns the object as the
    /// server last answered (or `object` itself when nothing had to change).
    @discardableResult
    public static func add<R: APIObject>(
        _ finalizer: String, to object: R, using client: ResourceClient<R>, clock: any KubeClock = SystemClock()
    ) async throws -> R {
        try await update(object, using: client, clock: clock) { current in
            guard !current.contains(finalizer) else { return nil }
            if current.isEmpty && !current.present {
                return [["op": "add", "path": "/metadata/finalizers", "value": [.string(finalizer)]]]
            }
            return [["op": "add", "path": "/metadata/finalizers/-", "value": .string(finalizer)]]
        }
    }

    /// Removes `finalizer` from the object if it is there (every occurrence). Same contract as
    /// ``add(_:to:using:clock:)``.
    @discardableResult
    public static func remove<R: APIObject>(
        _ finalizer: String, from object: R, using client: ResourceClient<R>, clock: any KubeClock = SystemClock()
    ) async throws -> R {
        try await update(object, using: client, clock: clock) { current in
            let indices = current.finalizers.indices.filter { current.finalizers[$0] == finalizer }
            guard !indices.isEmpty else { return nil }
            // Highest index first, so that earlier removals do not shift later ones.
            return indices.reversed().map { ["op": "remove", "path": .string("/metadata/finalizers/\($0)")] }
        }
    }

    // MARK: - Implementation

    struct Current {
        var name: String
        var namespace: String?
        var resourceVersion: String?
        var finalizers: [String]
        /// Whether `metadata.finalizers` exists at all (an absent list cannot be `test`ed).
        var present: Bool
        func contains(_ f: String) -> Bool { finalizers.contains(f) }
        var isEmpty: Bool { finalizers.isEmpty }
    }

    static func state<R: APIObject>(of object: R) throws -> Current {
        let json = try JSONValue(encoding: object)
        guard let name = json["metadata"]["name"].stringValue else { throw KubeError.invalidRequest("object has no metadata.name") }
        let list = json["metadata"]["finalizers"]
        return Current(
            name: name, namespace: json["metadata"]["namespace"].stringValue, resourceVersion: json["metadata"]["resourceVersion"].stringValue,
            finalizers: list.arrayValue?.compactMap(\.stringValue) ?? [], present: list.arrayValue != nil)
    }

    /// `change` answers the operations to apply to a current copy, or nil if none are needed.
    private static func update<R: APIObject>(
        _ object: R, using client: ResourceClient<R>, clock: any KubeClock, change: (Current) -> [JSONValue]?
    ) async throws -> R {
        var latest = object
        var attempt = 0
        while true {
            let current = try state(of: latest)
            guard let ops = change(current) else { return latest }
            var patch: [JSONValue] = []
            if let rv = current.resourceVersion {
                patch.append(["op": "test", "path": "/metadata/resourceVersion", "value": .string(rv)])
            }
            if current.present {
                patch.append(["op": "test", "path": "/metadata/finalizers", "value": .array(current.finalizers.map { .string($0) })])
            }
            patch += ops
            do {
                return try await client.patch(current.name, namespace: current.namespace, type: .json, .array(patch))
            } catch let e as KubeError where e.isConflict || e.isInvalid {
                attempt += 1
                guard attempt < maxAttempts else { throw e }
                try await clock.sleep(seconds: retryBaseDelaySeconds * Double(1 << (attempt - 1)))
                latest = try await client.get(current.name, namespace: current.namespace)
            }
        }
    }
}
