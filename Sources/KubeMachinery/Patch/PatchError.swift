import KubeCore

/// Why a patch (JSON patch, JSON merge patch or strategic merge patch) could not be applied, and
/// the response kube-apiserver gives for it.
///
/// The HTTP mapping mirrors `k8s.io/apiserver/pkg/endpoints/handlers/patch.go`:
///
/// | ``Kind`` | HTTP | `reason` | kube-apiserver source |
/// |---|---|---|---|
/// | ``Kind/malformedPatch`` | 400 | `BadRequest` | `jsonpatch.DecodePatch` failed (body is not an array of objects), merge patch body is not an object/array (`Invalid JSON Patch`), strategic merge patch body is not an object, or a malformed SMP directive (`mergepatch.ErrBadPatchFormatFor…`) |
/// | ``Kind/tooManyOperations`` | 413 | `RequestEntityTooLarge` | more than 10,000 JSON patch operations |
/// | ``Kind/operationFailed`` | 422 | `Invalid` | a JSON patch operation could not be applied (missing path, bad index, unknown `op`, copy too large) |
/// | ``Kind/testFailed`` | 422 | `Invalid` | a JSON patch `test` operation did not match |
/// | ``Kind/invalidPatchContent`` | 422 | `Invalid` | SMP `lists of lists are not supported` / `patch content doesn't match retainKeys list` |
/// | ``Kind/internalError`` | 500 | (empty) | any other strategic merge patch error (e.g. a list element without its merge key): kube-apiserver returns the raw Go error, which becomes a 500 |
///
/// For the 422 cases kube-apiserver uses `errors.NewGenericServerResponse(422, …)`, which
/// **discards** the detailed message: the `Status.message` is always
/// `"the server rejected our request due to an error in our request"` with empty `details`.
/// ``statusMessage`` and ``status`` reproduce that; ``message`` keeps the detailed,
/// upstream-worded text (e.g. `testing value /metadata/finalizers failed: test failed`) for logs.
public struct PatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of failure, which decides the HTTP status (see the table on ``PatchError``).
    public enum Kind: String, Sendable, Equatable {
        /// The patch document itself is malformed: 400 Bad Request.
        case malformedPatch
        /// A JSON patch with more operations than kube-apiserver accepts: 413.
        case tooManyOperations
        /// A JSON patch operation cannot be applied to this document: 422 Invalid.
        case operationFailed
        /// A JSON patch `test` operation failed: 422 Invalid.
        case testFailed
        /// Strategic merge patch content kube-apiserver rejects as 422 Invalid.
        case invalidPatchContent
        /// Any other strategic merge patch failure; kube-apiserver answers 500.
        case internalError
    }

    /// The category, deciding ``httpStatus``.
    public var kind: Kind
    /// The detailed message, worded like the Go libraries kube-apiserver uses
    /// (`evanphx/json-patch` v4, `k8s.io/apimachinery/pkg/util/strategicpatch`).
    public var message: String
    /// For JSON patch: the zero-based index of the failing operation.
    public var operationIndex: Int?
    /// For JSON patch: the failing operation's `op` (as sent; `unknown` when absent).
    public var operation: String?
    /// For JSON patch: the failing operation's `path` (as sent).
    public var path: String?

    /// An error of `kind` with the detailed `message`; JSON patch errors also name the operation.
    public init(_ kind: Kind, _ message: String, operationIndex: Int? = nil, operation: String? = nil, path: String? = nil) {
        self.kind = kind
        self.message = message
        self.operationIndex = operationIndex
        self.operation = operation
        self.path = path
    }

    /// The HTTP status kube-apiserver answers with.
    public var httpStatus: Int {
        switch kind {
        case .malformedPatch: return 400
        case .tooManyOperations: return 413
        case .operationFailed, .testFailed, .invalidPatchContent: return 422
        case .internalError: return 500
        }
    }

    /// Whether kube-apiserver answers 400 Bad Request (the patch document itself is malformed).
    public var isBadRequest: Bool { kind == .malformedPatch }

    /// Whether kube-apiserver answers 422 Unprocessable Entity with reason `Invalid`.
    public var isInvalid: Bool { httpStatus == 422 }

    /// The `Status.reason` kube-apiserver sends (empty for the 500 "unknown" case).
    public var reason: String {
        switch kind {
        case .malformedPatch: return StatusReason.badRequest
        case .tooManyOperations: return StatusReason.requestEntityTooLarge
        case .operationFailed, .testFailed, .invalidPatchContent: return StatusReason.invalid
        case .internalError: return ""
        }
    }

    /// The generic message `NewGenericServerResponse` puts in a 422 `Status`.
    public static let genericInvalidMessage = "the server rejected our request due to an error in our request"

    /// The `Status.message` kube-apiserver sends.
    public var statusMessage: String {
        switch kind {
        case .malformedPatch, .internalError: return message
        case .tooManyOperations: return "Request entity too large: \(message)"
        case .operationFailed, .testFailed, .invalidPatchContent: return Self.genericInvalidMessage
        }
    }

    /// The failure `Status` kube-apiserver responds with.
    public var status: Status {
        Status(
            message: statusMessage,
            reason: reason.isEmpty ? nil : reason,
            details: isInvalid ? StatusDetails() : nil,
            code: httpStatus)
    }

    /// The message with the JSON patch operation it concerns, e.g.
    /// `json patch operation 0 (test /metadata/finalizers): testing value /metadata/finalizers failed: test failed`.
    public var description: String {
        guard let operationIndex else { return message }
        var location = "json patch operation \(operationIndex)"
        if let operation {
            location += " (\(operation)\(path.map { " \($0)" } ?? ""))"
        }
        return "\(location): \(message)"
    }
}
