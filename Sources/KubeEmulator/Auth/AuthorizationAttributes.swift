import KubeCore

/// What a request asks to do, in the terms authorizers decide on (kube-apiserver's
/// `authorizer.Attributes`): who, which verb, and either a resource (group, resource,
/// subresource, namespace, name) or a non-resource path.
public struct AuthorizationAttributes: Sendable, Equatable {
    public var user: UserInfo
    /// A resource verb (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`,
    /// `deletecollection`, ...) or, for a non-resource request, the lower-cased HTTP method.
    public var verb: String
    public var isResourceRequest: Bool
    public var path: String
    public var apiGroup: String
    public var apiVersion: String
    public var namespace: String
    public var resource: String
    public var subresource: String
    public var name: String

    public init(user: UserInfo, verb: String, isResourceRequest: Bool, path: String = "", apiGroup: String = "", apiVersion: String = "", namespace: String = "", resource: String = "", subresource: String = "", name: String = "") {
        self.user = user
        self.verb = verb
        self.isResourceRequest = isResourceRequest
        self.path = path
        self.apiGroup = apiGroup
        self.apiVersion = apiVersion
        self.namespace = namespace
        self.resource = resource
        self.subresource = subresource
        self.name = name
    }

    /// Why a request's attributes could not be computed (kube-apiserver answers 500).
    struct Unresolvable: Error {
        var message: String
    }

    /// The attributes of an HTTP request, exactly as kube-apiserver's `RequestInfoFactory`
    /// (`k8s.io/apiserver/pkg/endpoints/request/requestinfo.go`) computes them, from the path
    /// alone and before any routing (so a request for a resource that does not exist is still
    /// authorized, and a denied user gets 403 rather than 404):
    ///
    /// - `/api/<v>/...` and `/apis/<g>/<v>/...` are resource requests; anything shorter or
    ///   elsewhere (`/api`, `/apis/apps/v1`, `/version`, `/openapi/v2`) is a non-resource request
    ///   whose verb is the lower-cased method;
    /// - `/watch/` (or `/proxy/`) right after the version makes that the verb (deprecated paths);
    /// - `namespaces/<ns>/<resource>...` sets the namespace, unless the third segment is a
    ///   Namespace's own subresource (`status`, `finalize`): `namespaces/<ns>` itself has
    ///   namespace `<ns>`, so a RoleBinding in a namespace may grant reading that namespace;
    /// - POST create, GET/HEAD get, PUT update, PATCH patch, DELETE delete; GET without a name is
    ///   `list`, or `watch` when the `watch` parameter is anything but `false`/`0`; a list or
    ///   watch whose `fieldSelector` requires `metadata.name=<n>` has name `<n>` (so
    ///   `resourceNames` rules can allow watching one object); DELETE without a name is
    ///   `deletecollection`.
    static func of(method: String, path: String, query: [String: String], user: UserInfo) throws -> AuthorizationAttributes {
        var a = AuthorizationAttributes(user: user, verb: method.lowercased(), isResourceRequest: false, path: path)
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // strings.Trim(path, "/") then split: drop leading and trailing empty segments.
        while parts.first == "" { parts.removeFirst() }
        while parts.last == "" { parts.removeLast() }
        guard parts.count >= 3, parts[0] == "api" || parts[0] == "apis" else { return a }
        let grouped = parts[0] == "apis"
        parts.removeFirst()
        if grouped {
            guard parts.count >= 3 else { return a }
            a.apiGroup = parts.removeFirst()
        }
        a.isResourceRequest = true
        a.apiVersion = parts.removeFirst()
        var verbViaPath = false
        if parts[0] == "watch" || parts[0] == "proxy" {
            guard parts.count >= 2 else { throw Unresolvable(message: "unable to determine kind and namespace from url, \(path)") }
            a.verb = parts.removeFirst()
            verbViaPath = true
        } else {
            switch method {
            case "POST": a.verb = "create"
            case "GET", "HEAD": a.verb = "get"
            case "PUT": a.verb = "update"
            case "PATCH": a.verb = "patch"
            case "DELETE": a.verb = "delete"
            default: a.verb = ""
            }
        }
        if parts[0] == "namespaces" {
            if parts.count > 1 {
                a.namespace = parts[1]
                if parts.count > 2 && !["status", "finalize"].contains(parts[2]) { parts.removeFirst(2) }
            }
        }
        if parts.count >= 3 && a.verb != "proxy" { a.subresource = parts[2] }
        if parts.count >= 2 { a.name = parts[1] }
        a.resource = parts[0]
        if a.name.isEmpty && a.verb == "get" && !verbViaPath {
            a.verb = isWatch(query) ? "watch" : "list"
            if let fs = query["fieldSelector"], let terms = try? Selectors.parseFieldSelector(fs),
               let selected = terms.first(where: { $0.label == "metadata.name" && $0.equal })?.value,
               isValidPathSegmentName(selected) {
                a.name = selected
            }
        }
        if a.name.isEmpty && a.verb == "delete" { a.verb = "deletecollection" }
        return a
    }

    /// The `watch` list option: present and anything but `false` or `0` (apimachinery's
    /// `Convert_Slice_string_To_bool`).
    static func isWatch(_ query: [String: String]) -> Bool {
        guard let v = query["watch"] else { return false }
        return !["false", "0"].contains(v.lowercased())
    }

    /// apimachinery's `path.IsValidPathSegmentName`: not `.` or `..`, no `/` or `%`.
    static func isValidPathSegmentName(_ name: String) -> Bool {
        name != "." && name != ".." && !name.contains("/") && !name.contains("%")
    }
}
