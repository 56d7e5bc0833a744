import KubeCore

/// An error answer, shaped exactly as kube-apiserver shapes it (`metav1.Status` with reason,
/// message and details), so that clients' `IsNotFound`-style checks and kubectl's messages work.
public struct APIError: Error, Sendable {
    public var status: Status

    public init(code: Int, reason: String, message: String, details: StatusDetails? = nil) {
        status = Status(status: "Failure", message: message, reason: reason, details: details, code: code)
    }

    static func details(_ def: ResourceDefinition?, _ name: String?) -> StatusDetails {
        StatusDetails(name: name, group: def?.group, kind: def?.plural)
    }

    public static func notFound(_ def: ResourceDefinition, _ name: String) -> APIError {
        APIError(code: 404, reason: StatusReason.notFound, message: "\(def.qualifiedName) \"\(name)\" not found", details: details(def, name))
    }

    public static func namespaceNotFound(_ ns: String) -> APIError {
        APIError(code: 404, reason: StatusReason.notFound, message: "namespaces \"\(ns)\" not found", details: StatusDetails(name: ns, kind: "namespaces"))
    }

    public static func alreadyExists(_ def: ResourceDefinition, _ name: String) -> APIError {
        APIError(code: 409, reason: StatusReason.alreadyExists, message: "\(def.qualifiedName) \"\(name)\" already exists", details: details(def, name))
    }

    /// The optimistic-concurrency failure of an update with a stale resourceVersion.
    public static func conflict(_ def: ResourceDefinition, _ name: String, _ why: String = "the object has been modified; please apply your changes to the latest version and try again") -> APIError {
        APIError(code: 409, reason: StatusReason.conflict, message: "Operation cannot be fulfilled on \(def.qualifiedName) \"\(name)\": \(why)", details: details(def, name))
    }

    /// 422 with one cause per failing field: `<Kind>.<group> "<name>" is invalid: <causes>`.
    public static func invalid(_ def: ResourceDefinition, _ name: String, _ causes: [StatusCause]) -> APIError {
        let kind = def.group.isEmpty ? def.kind : "\(def.kind).\(def.group)"
        let parts = causes.map { c in [c.field, c.message].compactMap { $0 }.joined(separator: ": ") }
        let list = parts.count == 1 ? parts[0] : "[" + parts.joined(separator: ", ") + "]"
        return APIError(code: 422, reason: StatusReason.invalid, message: "\(kind) \"\(name)\" is invalid: \(list)", details: StatusDetails(name: name, group: def.group, kind: def.kind, causes: causes))
    }

    public static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: StatusReason.badRequest, message: message)
    }

    public static func methodNotAllowed(_ message: String = "the server does not allow this method on the requested resource") -> APIError {
        APIError(code: 405, reason: StatusReason.methodNotAllowed, message: message)
    }

    public static func unsupportedMediaType(_ contentType: String) -> APIError {
        APIError(code: 415, reason: StatusReason.unsupportedMediaType, message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got \(contentType))")
    }

    /// 410 for a watch or continue token older than the retained history.
    public static func expired(_ message: String) -> APIError {
        APIError(code: 410, reason: StatusReason.expired, message: message)
    }

    public static let unauthorized = APIError(code: 401, reason: StatusReason.unauthorized, message: "Unauthorized")

    public static func forbidden(_ message: String) -> APIError {
        APIError(code: 403, reason: StatusReason.forbidden, message: message)
    }

    public static func notFoundPath(_ path: String) -> APIError {
        APIError(code: 404, reason: StatusReason.notFound, message: "the server could not find the requested resource", details: StatusDetails(causes: [StatusCause(reason: "UnexpectedServerResponse", message: "404 page not found: \(path)")]))
    }

    public static let tooLarge = APIError(code: 413, reason: StatusReason.requestEntityTooLarge, message: "Request entity too large: limit is 3145728")

    public static func internalError(_ message: String) -> APIError {
        APIError(code: 500, reason: StatusReason.internalError, message: message)
    }
}
