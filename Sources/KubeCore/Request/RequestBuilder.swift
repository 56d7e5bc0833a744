/// Why a request could not be built (a programming or input error, caught before any I/O).
public struct RequestBuildError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Builds API requests as pure functions of a resource, a name, a namespace and options.
///
/// Paths follow the API server's layout: `/api/v1/...` for the core group, `/apis/<group>/<version>/...`
/// otherwise; `namespaces/<ns>/` for namespaced resources (omitted to list across all namespaces);
/// `/<name>` for one object; `/<subresource>` (`status`, `scale`) after it.
public enum RequestBuilder {
    public static let jsonContentType = "application/json"

    /// The collection path, e.g. `/apis/apps/v1/namespaces/ai/deployments`.
    public static func collectionPath(_ r: ResourceDescriptor, namespace: String?) throws -> String {
        var path = r.group.isEmpty ? "/api/\(r.version)" : "/apis/\(r.group)/\(r.version)"
        switch r.scope {
        case .namespaced:
            if let ns = namespace {
                guard !ns.isEmpty else { throw RequestBuildError(message: "namespace must not be empty for \(r.gvr)") }
                path += "/namespaces/\(URLEncoding.pathEscape(ns))"
            }
        case .cluster:
            if namespace != nil { throw RequestBuildError(message: "\(r.gvr) is cluster-scoped; no namespace allowed") }
        }
        return path + "/\(r.resource)"
    }

    /// The object path, e.g. `/api/v1/namespaces/ai/pods/p1/status`.
    public static func objectPath(_ r: ResourceDescriptor, name: String, namespace: String?, subresource: String? = nil) throws -> String {
        guard !name.isEmpty else { throw RequestBuildError(message: "name must not be empty for \(r.gvr)") }
        if r.scope == .namespaced && namespace == nil {
            throw RequestBuildError(message: "\(r.gvr) is namespaced; a namespace is required")
        }
        var path = try collectionPath(r, namespace: namespace) + "/\(URLEncoding.pathEscape(name))"
        if let sub = subresource { path += "/\(sub)" }
        return path
    }

    public static func get(_ r: ResourceDescriptor, name: String, namespace: String?, subresource: String? = nil, resourceVersion: String? = nil) throws -> KubeRequest {
        var q: [QueryItem] = []
        if let rv = resourceVersion { q.append(QueryItem("resourceVersion", rv)) }
        return KubeRequest(method: .GET, path: try objectPath(r, name: name, namespace: namespace, subresource: subresource), query: q, headers: acceptJSON, verb: .get, resource: r.gvr, subresource: subresource)
    }

    public static func list(_ r: ResourceDescriptor, namespace: String?, options: ListOptions = ListOptions()) throws -> KubeRequest {
        KubeRequest(method: .GET, path: try collectionPath(r, namespace: namespace), query: listQuery(options, watch: false), headers: acceptJSON, verb: .list, resource: r.gvr)
    }

    /// A WATCH: `?watch=true` on the collection, optionally narrowed to one name with a field selector.
    public static func watch(_ r: ResourceDescriptor, namespace: String?, options: ListOptions = ListOptions()) throws -> KubeRequest {
        KubeRequest(method: .GET, path: try collectionPath(r, namespace: namespace), query: listQuery(options, watch: true), headers: acceptJSON, verb: .watch, resource: r.gvr)
    }

    public static func create(_ r: ResourceDescriptor, namespace: String?, body: [UInt8], options: WriteOptions = WriteOptions()) throws -> KubeRequest {
        KubeRequest(method: .POST, path: try collectionPath(r, namespace: namespace), query: writeQuery(options.fieldManager, force: nil, dryRun: options.dryRun), headers: acceptJSON + [("Content-Type", jsonContentType)], body: body, verb: .create, resource: r.gvr)
    }

    public static func replace(_ r: ResourceDescriptor, name: String, namespace: String?, subresource: String? = nil, body: [UInt8], options: WriteOptions = WriteOptions()) throws -> KubeRequest {
        KubeRequest(method: .PUT, path: try objectPath(r, name: name, namespace: namespace, subresource: subresource), query: writeQuery(options.fieldManager, force: nil, dryRun: options.dryRun), headers: acceptJSON + [("Content-Type", jsonContentType)], body: body, verb: .update, resource: r.gvr, subresource: subresource)
    }

    /// A PATCH of any of the four kinds. Server-side apply requires a field manager; `force`
    /// is rejected for other kinds, as kube-apiserver rejects it.
    public static func patch(_ r: ResourceDescriptor, name: String, namespace: String?, subresource: String? = nil, type: PatchType, body: [UInt8], options: PatchOptions = PatchOptions()) throws -> KubeRequest {
        if type == .apply && (options.fieldManager ?? "").isEmpty {
            throw RequestBuildError(message: "server-side apply requires a fieldManager")
        }
        if type != .apply && options.force != nil {
            throw RequestBuildError(message: "force is only valid for server-side apply")
        }
        return KubeRequest(method: .PATCH, path: try objectPath(r, name: name, namespace: namespace, subresource: subresource), query: writeQuery(options.fieldManager, force: options.force, dryRun: options.dryRun), headers: acceptJSON + [("Content-Type", type.contentType)], body: body, verb: type == .apply ? .apply : .patch, resource: r.gvr, subresource: subresource)
    }

    public static func delete(_ r: ResourceDescriptor, name: String, namespace: String?, options: DeleteOptions = DeleteOptions()) throws -> KubeRequest {
        let body = options.body
        return KubeRequest(method: .DELETE, path: try objectPath(r, name: name, namespace: namespace), query: deleteQuery(options), headers: acceptJSON + (body == nil ? [] : [("Content-Type", jsonContentType)]), body: body?.serialized(), verb: .delete, resource: r.gvr)
    }

    public static func deleteCollection(_ r: ResourceDescriptor, namespace: String?, listOptions: ListOptions = ListOptions(), options: DeleteOptions = DeleteOptions()) throws -> KubeRequest {
        let body = options.body
        let query = (listQuery(listOptions, watch: false) + deleteQuery(options)).sorted { $0.name < $1.name }
        return KubeRequest(method: .DELETE, path: try collectionPath(r, namespace: namespace), query: query, headers: acceptJSON + (body == nil ? [] : [("Content-Type", jsonContentType)]), body: body?.serialized(), verb: .deleteCollection, resource: r.gvr)
    }

    static let acceptJSON: [(name: String, value: String)] = [("Accept", jsonContentType)]

    static func listQuery(_ o: ListOptions, watch: Bool) -> [QueryItem] {
        var q: [QueryItem] = []
        if let v = o.allowWatchBookmarks { q.append(QueryItem("allowWatchBookmarks", String(v))) }
        if let v = o.continueToken { q.append(QueryItem("continue", v)) }
        if let v = o.fieldSelector, !v.isEmpty { q.append(QueryItem("fieldSelector", v)) }
        if let v = o.labelSelector, !v.isEmpty { q.append(QueryItem("labelSelector", v)) }
        if let v = o.limit { q.append(QueryItem("limit", String(v))) }
        if let v = o.resourceVersion { q.append(QueryItem("resourceVersion", v)) }
        if let v = o.resourceVersionMatch { q.append(QueryItem("resourceVersionMatch", v.rawValue)) }
        if let v = o.timeoutSeconds { q.append(QueryItem("timeoutSeconds", String(v))) }
        if watch { q.append(QueryItem("watch", "true")) }
        return q
    }

    static func writeQuery(_ fieldManager: String?, force: Bool?, dryRun: Bool) -> [QueryItem] {
        var q: [QueryItem] = []
        if dryRun { q.append(QueryItem("dryRun", "All")) }
        if let fm = fieldManager { q.append(QueryItem("fieldManager", fm)) }
        if let f = force { q.append(QueryItem("force", String(f))) }
        return q
    }

    static func deleteQuery(_ o: DeleteOptions) -> [QueryItem] {
        var q: [QueryItem] = []
        if o.dryRun { q.append(QueryItem("dryRun", "All")) }
        if let g = o.gracePeriodSeconds { q.append(QueryItem("gracePeriodSeconds", String(g))) }
        if let p = o.propagationPolicy { q.append(QueryItem("propagationPolicy", p.rawValue)) }
        return q
    }
}
