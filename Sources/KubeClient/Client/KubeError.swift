import KubeCore

/// Every error the client throws. API failures carry the server's ``Status``, so callers test
/// them the way client-go's `apierrors.IsNotFound` and friends do.
public enum KubeError: Error, Sendable, CustomStringConvertible {
    /// The server answered with an error status.
    case api(Status)
    /// The request never got an answer: connection refused, TLS failure, reset, timeout.
    case transport(String)
    /// The TLS handshake failed: the server's certificate is not trusted or does not match its
    /// name, or it refused our client certificate. Never retried.
    case tls(String)
    /// The answer could not be decoded as the expected type.
    case decoding(String)
    /// The client configuration (kubeconfig, in-cluster files, arguments) is unusable.
    case configuration(String)
    /// Credentials could not be obtained (token file unreadable, exec plugin failed).
    case authentication(String)
    /// A watch received no bytes for longer than its idle timeout: the connection is presumed dead.
    case watchIdleTimeout
    /// The request could not be built (missing namespace, empty name, apply without field manager).
    case invalidRequest(String)

    /// The server's Status, for `.api` errors.
    public var status: Status? { if case .api(let s) = self { return s } else { return nil } }
    /// The HTTP status code, for `.api` errors.
    public var code: Int? { status?.code }

    public var isNotFound: Bool { matches(404, StatusReason.notFound) }
    public var isAlreadyExists: Bool { status?.reason == StatusReason.alreadyExists }
    /// 409 Conflict: a stale resourceVersion, an apply conflict, or a failed precondition.
    public var isConflict: Bool { status?.reason == StatusReason.conflict || (code == 409 && !isAlreadyExists) }
    /// 410 Gone / Expired: a watch or continue token older than the server's history.
    public var isGone: Bool { code == 410 || status?.reason == StatusReason.gone || status?.reason == StatusReason.expired }
    public var isInvalid: Bool { matches(422, StatusReason.invalid) }
    public var isForbidden: Bool { matches(403, StatusReason.forbidden) }
    public var isUnauthorized: Bool { matches(401, StatusReason.unauthorized) }
    public var isTooManyRequests: Bool { matches(429, StatusReason.tooManyRequests) }
    public var isServerError: Bool { (code ?? 0) >= 500 }

    private func matches(_ c: Int, _ reason: String) -> Bool {
        guard let s = status else { return false }
        return s.code == c || s.reason == reason
    }

    public var description: String {
        switch self {
        case .api(let s):
            return "\(s.code.map(String.init) ?? "?") \(s.reason ?? "Failure"): \(s.message ?? "")"
        case .transport(let m): return "transport error: \(m)"
        case .tls(let m): return "TLS error: \(m)"
        case .decoding(let m): return "decoding error: \(m)"
        case .configuration(let m): return "configuration error: \(m)"
        case .authentication(let m): return "authentication error: \(m)"
        case .watchIdleTimeout: return "watch idle timeout: no data received"
        case .invalidRequest(let m): return "invalid request: \(m)"
        }
    }

    /// The Status kube-apiserver would send for a bare HTTP code, used when an error body is not a
    /// Status (a proxy's HTML page, an empty body), as client-go's `newUnstructuredResponseError` does.
    static func statusFor(code: Int, body: [UInt8]) -> Status {
        let reason: String
        switch code {
        case 400: reason = StatusReason.badRequest
        case 401: reason = StatusReason.unauthorized
        case 403: reason = StatusReason.forbidden
        case 404: reason = StatusReason.notFound
        case 405: reason = StatusReason.methodNotAllowed
        case 409: reason = StatusReason.conflict
        case 410: reason = StatusReason.gone
        case 413: reason = StatusReason.requestEntityTooLarge
        case 415: reason = StatusReason.unsupportedMediaType
        case 422: reason = StatusReason.invalid
        case 429: reason = StatusReason.tooManyRequests
        case 503: reason = StatusReason.serviceUnavailable
        case 504: reason = StatusReason.timeout
        default: reason = code >= 500 ? StatusReason.internalError : "Unknown"
        }
        let text = String(decoding: body.prefix(512), as: UTF8.self)
        return Status(message: text.isEmpty ? "the server responded with HTTP \(code)" : text, reason: reason, code: code)
    }
}
