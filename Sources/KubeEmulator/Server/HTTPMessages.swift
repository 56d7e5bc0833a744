import KubeCore

/// A request as the API layer sees it: decoded path and query, headers, body, and the
/// authenticated user.
public struct APIRequest: Sendable {
    public var method: String
    public var path: String
    public var query: [String: String]
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The authenticated user's name (nil for unauthenticated public paths).
    public var user: String?
    /// The authenticated user with its uid and groups.
    public var userInfo: UserInfo? = nil

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Splits `path?query` and decodes the query (last value wins for repeated keys).
    public static func parseTarget(_ uri: String) -> (path: String, query: [String: String]) {
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = URLEncoding.unescape(String(parts[0]), plusAsSpace: false) ?? String(parts[0])
        var query: [String: String] = [:]
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let k = URLEncoding.unescape(String(kv[0]), plusAsSpace: true) ?? String(kv[0])
                let v = kv.count > 1 ? (URLEncoding.unescape(String(kv[1]), plusAsSpace: true) ?? String(kv[1])) : ""
                query[k] = v
            }
        }
        return (path, query)
    }
}

/// An answer: a complete body, or a stream of chunks (watches).
public enum APIResponse: Sendable {
    case full(status: Int, headers: [(name: String, value: String)], body: [UInt8])
    case stream(status: Int, headers: [(name: String, value: String)], chunks: AsyncStream<[UInt8]>)

    public static func json(_ value: JSONValue, status: Int = 200) -> APIResponse {
        .full(status: status, headers: [("Content-Type", "application/json")], body: value.serialized())
    }

    public static func error(_ e: APIError) -> APIResponse {
        var s = (try? JSONValue(encoding: e.status)) ?? .emptyObject
        s["kind"] = "Status"
        s["apiVersion"] = "v1"
        s["metadata"] = .emptyObject
        return json(s, status: e.status.code ?? 500)
    }

    public static func text(_ s: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8") -> APIResponse {
        .full(status: status, headers: [("Content-Type", contentType)], body: Array(s.utf8))
    }

    public var statusCode: Int {
        switch self {
        case .full(let s, _, _), .stream(let s, _, _): return s
        }
    }
}
