/// `metav1.Status`: how the API server reports a failed request (and some successful deletes).
public struct Status: Codable, Sendable, Equatable, Error {
    public var kind: String? = "Status"
    public var apiVersion: String? = "v1"
    public var metadata: ListMeta?
    /// `Success` or `Failure`.
    public var status: String?
    public var message: String?
    /// Machine-readable reason: NotFound, AlreadyExists, Conflict, Invalid, Forbidden, Gone, ...
    public var reason: String?
    public var details: StatusDetails?
    /// The HTTP status code.
    public var code: Int?

    public init(status: String? = "Failure", message: String? = nil, reason: String? = nil, details: StatusDetails? = nil, code: Int? = nil) {
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }
}

/// `metav1.StatusDetails`: which object a failure concerns, the per-field causes of an
/// `Invalid` answer, and how long to wait before retrying.
public struct StatusDetails: Codable, Sendable, Equatable {
    public var name: String?
    public var group: String?
    public var kind: String?
    public var uid: String?
    public var causes: [StatusCause]?
    public var retryAfterSeconds: Int?

    public init(name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil, causes: [StatusCause]? = nil, retryAfterSeconds: Int? = nil) {
        self.name = name
        self.group = group
        self.kind = kind
        self.uid = uid
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }
}

/// `metav1.StatusCause`: one failing field (`field` is a JSON-path-like string such as `spec.replicas`).
public struct StatusCause: Codable, Sendable, Equatable {
    public var reason: String?
    public var message: String?
    public var field: String?

    public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
        self.reason = reason
        self.message = message
        self.field = field
    }
}

/// The `reason` values kube-apiserver uses in ``Status``.
public enum StatusReason {
    public static let notFound = "NotFound"
    public static let alreadyExists = "AlreadyExists"
    public static let conflict = "Conflict"
    public static let invalid = "Invalid"
    public static let forbidden = "Forbidden"
    public static let unauthorized = "Unauthorized"
    public static let gone = "Gone"
    public static let expired = "Expired"
    public static let tooManyRequests = "TooManyRequests"
    public static let badRequest = "BadRequest"
    public static let methodNotAllowed = "MethodNotAllowed"
    public static let unsupportedMediaType = "UnsupportedMediaType"
    public static let requestEntityTooLarge = "RequestEntityTooLarge"
    public static let internalError = "InternalError"
    public static let serviceUnavailable = "ServiceUnavailable"
    public static let timeout = "Timeout"
}
