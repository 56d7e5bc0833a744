import KubeCore

/// One field an apply would take from another manager.
public struct FieldConflict: Sendable, Equatable {
    /// The other manager's name.
    public var manager: String
    /// Whether the other manager owns the field through `Apply` or `Update`.
    public var operation: ManagedFieldsOperation
    /// The other manager's apiVersion (`Update` entries only; nil for `Apply`).
    public var apiVersion: String?
    /// The other manager's subresource, if any.
    public var subresource: String?
    /// The contested field.
    public var path: FieldPath

    init(identity: ManagerIdentity, path: FieldPath) {
        manager = identity.manager
        operation = identity.operation
        apiVersion = identity.operation == .update ? identity.apiVersion : nil
        subresource = identity.subresource.isEmpty ? nil : identity.subresource
        self.path = path
    }

    var identity: ManagerIdentity {
        ManagerIdentity(manager: manager, operation: operation, apiVersion: apiVersion ?? "", subresource: subresource)
    }

    /// The manager as kube-apiserver names it in conflicts: `"kubectl-client-side-apply" using
    /// apps/v1` for an `Update` owner, just `"kubectl"` for an `Apply` owner, with
    /// ` with subresource "status"` before `using` for a subresource.
    public var managerDescription: String { identity.printed }
}

/// A failed apply, carrying the `Status` kube-apiserver would answer with.
///
/// - Conflicts: 409, reason `Conflict`, one cause per field (`FieldManagerConflict`), message
///   `Apply failed with 1 conflict: conflict with "m" using apps/v1: .spec.replicas`, or for
///   several `Apply failed with 2 conflicts: conflicts with "m" using apps/v1:\n- .spec.a\n- .spec.b`
///   (managers sorted, one block each).
/// - A body of the wrong type (missing or different `apiVersion`/`kind`): 400 `BadRequest`,
///   `invalid object type: apps/v1, Kind=Deployment` (the `versionCheckManager`; an empty
///   apiVersion prints as `/, Kind=`).
/// - `metadata.managedFields` in the body: 400 `BadRequest`, `metadata.managedFields must be nil`.
/// - A body the schema rejects (duplicated map-list keys, items missing every key): 500 with no
///   reason and the message `failed to create typed patch object (ns/name; apps/v1,
///   Kind=Deployment): .spec...: duplicate entries for key [name="a"]`, because kube-apiserver
///   returns that error unwrapped (kubernetes/kubernetes#118476).
/// - Undecodable `managedFields` on the live object: 500, `failed to decode managed fields: ...`.
/// - A name or namespace differing from the URL's: 400 `BadRequest` (see
///   ``FieldManager/checkName(of:name:namespace:)``).
public struct ApplyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The response body.
    public var status: Status
    /// The conflicting fields (conflict errors only), in message order.
    public var conflicts: [FieldConflict]

    /// An error answering with `status`.
    public init(status: Status, conflicts: [FieldConflict] = []) {
        self.status = status
        self.conflicts = conflicts
    }

    public var description: String { status.message ?? "apply failed" }

    /// A 400 `BadRequest` failure.
    public static func badRequest(_ message: String) -> ApplyError {
        ApplyError(status: Status(message: message, reason: StatusReason.badRequest, code: 400))
    }

    /// A 500 failure from an error kube-apiserver does not wrap in a `Status` (no reason).
    public static func internalError(_ message: String) -> ApplyError {
        ApplyError(status: Status(message: message, code: 500))
    }

    /// The 409 answer for conflicting fields (`NewConflictError`).
    public static func conflict(_ conflicts: [FieldConflict]) -> ApplyError {
        let causes = conflicts.map {
            StatusCause(reason: "FieldManagerConflict", message: "conflict with \($0.managerDescription)", field: $0.path.description)
        }
        let message: String
        if conflicts.count == 1 {
            message = "Apply failed with 1 conflict: conflict with \(conflicts[0].managerDescription): \(conflicts[0].path)"
        } else {
            var byManager: [String: [FieldConflict]] = [:]
            for conflict in conflicts { byManager[conflict.identity.encoded, default: []].append(conflict) }
            var lines: [String] = []
            for key in GoFormat.byteSorted(byManager.keys) {
                let group = byManager[key]!
                lines.append("conflicts with \(group[0].managerDescription):")
                lines.append(contentsOf: group.map { "- \($0.path)" })
            }
            message = "Apply failed with \(conflicts.count) conflicts: " + lines.joined(separator: "\n")
        }
        return ApplyError(
            status: Status(message: message, reason: StatusReason.conflict, details: StatusDetails(causes: causes), code: 409),
            conflicts: conflicts)
    }
}
