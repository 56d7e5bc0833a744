import Foundation

/// How a LIST or WATCH may be served from the cache (`resourceVersionMatch`).
public enum ResourceVersionMatch: String, Sendable, Codable {
    case notOlderThan = "NotOlderThan"
    case exact = "Exact"
}

/// Query parameters of LIST and WATCH (`metav1.ListOptions`).
public struct ListOptions: Sendable, Equatable {
    public var labelSelector: String?
    public var fieldSelector: String?
    /// Page size; the server answers with a `continue` token when more items remain.
    public var limit: Int?
    public var continueToken: String?
    /// For LIST: `"0"` = any version (cache), unset = most recent. For WATCH: start after this version.
    public var resourceVersion: String?
    public var resourceVersionMatch: ResourceVersionMatch?
    /// Server-side duration of a LIST or WATCH call.
    public var timeoutSeconds: Int?
    /// WATCH only: ask for BOOKMARK events carrying the latest resourceVersion.
    public var allowWatchBookmarks: Bool?

    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continueToken: String? = nil,
        resourceVersion: String? = nil, resourceVersionMatch: ResourceVersionMatch? = nil, timeoutSeconds: Int? = nil,
        allowWatchBookmarks: Bool? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
        self.timeoutSeconds = timeoutSeconds
        self.allowWatchBookmarks = allowWatchBookmarks
    }
}

/// Query parameters of CREATE and UPDATE (`metav1.CreateOptions` / `UpdateOptions`).
public struct WriteOptions: Sendable, Equatable {
    public var fieldManager: String?
    /// Validate and admit, but persist nothing (`dryRun=All`).
    public var dryRun: Bool
    public init(fieldManager: String? = nil, dryRun: Bool = false) {
        self.fieldManager = fieldManager
        self.dryRun = dryRun
    }
}

/// Query parameters of PATCH (`metav1.PatchOptions`). `fieldManager` is required for
/// server-side apply; `force` is only valid for apply.
public struct PatchOptions: Sendable, Equatable {
    public var fieldManager: String?
    public var force: Bool?
    public var dryRun: Bool
    public init(fieldManager: String? = nil, force: Bool? = nil, dryRun: Bool = false) {
        self.fieldManager = fieldManager
        self.force = force
        self.dryRun = dryRun
    }
}

/// How DELETE treats the object's dependents (`metav1.DeletionPropagation`).
public enum PropagationPolicy: String, Sendable, Codable {
    /// Delete dependents first; the owner stays (with `deletionTimestamp`) until they are gone.
    case foreground = "Foreground"
    /// Delete the owner now; the garbage collector removes dependents afterwards.
    case background = "Background"
    /// Leave dependents, removing their owner references.
    case orphan = "Orphan"
}

/// `metav1.Preconditions`: the delete fails with 409 unless the object still has this UID / version.
public struct Preconditions: Sendable, Equatable, Codable {
    public var uid: String?
    public var resourceVersion: String?
    public init(uid: String? = nil, resourceVersion: String? = nil) {
        self.uid = uid
        self.resourceVersion = resourceVersion
    }
}

/// `metav1.DeleteOptions`.
public struct DeleteOptions: Sendable, Equatable {
    public var propagationPolicy: PropagationPolicy?
    public var preconditions: Preconditions?
    public var gracePeriodSeconds: Int64?
    public var dryRun: Bool

    public init(propagationPolicy: PropagationPolicy? = nil, preconditions: Preconditions? = nil, gracePeriodSeconds: Int64? = nil, dryRun: Bool = false) {
        self.propagationPolicy = propagationPolicy
        self.preconditions = preconditions
        self.gracePeriodSeconds = gracePeriodSeconds
        self.dryRun = dryRun
    }

    /// The `DeleteOptions` body. kube-apiserver reads options from the body when one is sent and
    /// from the query otherwise, so the body repeats everything the query says.
    public var body: JSONValue? {
        guard preconditions != nil || gracePeriodSeconds != nil else { return nil }
        var o: JSONValue = ["apiVersion": "v1", "kind": "DeleteOptions"]
        if let p = propagationPolicy { o["propagationPolicy"] = .string(p.rawValue) }
        if let g = gracePeriodSeconds { o["gracePeriodSeconds"] = .int(g) }
        if let pre = preconditions {
            var pj = JSONValue.emptyObject
            if let u = pre.uid { pj["uid"] = .string(u) }
            if let rv = pre.resourceVersion { pj["resourceVersion"] = .string(rv) }
            o["preconditions"] = pj
        }
        if dryRun { o["dryRun"] = ["All"] }
        return o
    }
}

/// The four patch kinds and their content types.
public enum PatchType: String, Sendable, CaseIterable {
    /// RFC 7386 JSON merge patch.
    case merge
    /// RFC 6902 JSON patch (supports `test` operations).
    case json
    /// Strategic merge patch (built-in kinds only; lists merge by their patch merge keys).
    case strategicMerge
    /// Server-side apply: the body is the manager's whole intent (JSON is valid YAML).
    case apply

    public var contentType: String {
        switch self {
        case .merge: return "application/merge-patch+json"
        case .json: return "application/json-patch+json"
        case .strategicMerge: return "application/strategic-merge-patch+json"
        case .apply: return "application/apply-patch+yaml"
        }
    }

    /// The patch type of a `Content-Type` header value (parameters ignored), if any.
    public init?(contentType: String) {
        let base = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard let t = PatchType.allCases.first(where: { $0.contentType == base }) else { return nil }
        self = t
    }
}
