/// The API verbs, named as kube-apiserver names them in audit logs and `apiserver_request_total`.
public enum APIVerb: String, Sendable, CaseIterable {
    case get, list, watch, create, update, patch, apply, delete, deleteCollection = "deletecollection"

    /// The label `apiserver_request_total{verb}` uses: GET, LIST, WATCH, POST, PUT, PATCH, APPLY, DELETE.
    public var metricLabel: String {
        switch self {
        case .get: return "GET"
        case .list: return "LIST"
        case .watch: return "WATCH"
        case .create: return "POST"
        case .update: return "PUT"
        case .patch: return "PATCH"
        case .apply: return "APPLY"
        case .delete: return "DELETE"
        case .deleteCollection: return "DELETECOLLECTION"
        }
    }

    /// Whether the verb only reads, so that retrying it after a server error is always safe.
    public var isRead: Bool { self == .get || self == .list || self == .watch }
}

/// The HTTP method of a request.
public enum HTTPMethod: String, Sendable {
    case GET, POST, PUT, PATCH, DELETE
}

/// A fully built API request: method, path, query, headers and body. Pure data, so that
/// request building can be tested against exact URLs without any networking.
public struct KubeRequest: Sendable, Equatable {
    public var method: HTTPMethod
    /// The path, already percent-encoded, e.g. `/apis/apps/v1/namespaces/ai/deployments/chat`.
    public var path: String
    /// Query parameters in the order they are sent (sorted by name, as Go's `url.Values.Encode`).
    public var query: [QueryItem]
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?
    public var verb: APIVerb
    public var resource: GroupVersionResource?
    public var subresource: String?

    public init(method: HTTPMethod, path: String, query: [QueryItem] = [], headers: [(name: String, value: String)] = [], body: [UInt8]? = nil, verb: APIVerb, resource: GroupVersionResource? = nil, subresource: String? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.verb = verb
        self.resource = resource
        self.subresource = subresource
    }

    /// Path plus encoded query string, e.g. `/api/v1/pods?labelSelector=app%3Dweb&limit=500`.
    public var pathAndQuery: String {
        query.isEmpty ? path : path + "?" + query.map { "\(URLEncoding.queryEscape($0.name))=\(URLEncoding.queryEscape($0.value))" }.joined(separator: "&")
    }

    /// The value of a header (case-insensitive name).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public static func == (a: KubeRequest, b: KubeRequest) -> Bool {
        a.method == b.method && a.path == b.path && a.query == b.query && a.body == b.body && a.verb == b.verb
            && a.headers.map { "\($0.name.lowercased()):\($0.value)" } == b.headers.map { "\($0.name.lowercased()):\($0.value)" }
            && a.resource == b.resource && a.subresource == b.subresource
    }
}

/// One query parameter.
public struct QueryItem: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Percent-encoding compatible with Go's `net/url`, which kube-apiserver decodes with.
public enum URLEncoding {
    /// Go's `url.QueryEscape`: unreserved characters stay, space becomes `+`, all else `%XX`.
    public static func queryEscape(_ s: String) -> String {
        escape(s, spaceAsPlus: true)
    }

    /// Go's `url.PathEscape` for one path segment: like query escaping, but space is `%20`.
    public static func pathEscape(_ s: String) -> String {
        escape(s, spaceAsPlus: false)
    }

    private static func escape(_ s: String, spaceAsPlus: Bool) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(b)
            case UInt8(ascii: " ") where spaceAsPlus:
                out.append(UInt8(ascii: "+"))
            default:
                out.append(contentsOf: [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` escapes (and `+` as space when `plusAsSpace`); nil on a malformed escape.
    public static func unescape(_ s: String, plusAsSpace: Bool) -> String? {
        var out: [UInt8] = []
        let bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let h = hexValue(bytes[i + 1]), let l = hexValue(bytes[i + 2]) else { return nil }
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b == UInt8(ascii: "+") && plusAsSpace ? UInt8(ascii: " ") : b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
