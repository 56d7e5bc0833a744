/// A request path resolved against the registry: which resource, namespace, name and subresource.
struct ResourcePath {
    var definition: ResourceDefinition
    var namespace: String?
    var name: String?
    var subresource: String?

    /// Parses `/api/v1/...` and `/apis/<group>/<version>/...`. Returns nil for paths that are
    /// not resource paths (discovery, OpenAPI, health).
    static func parse(_ path: String, registry: ResourceRegistry) -> Result<ResourcePath, APIError>? {
        var segs = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let group: String
        let version: String
        if segs.first == "api", segs.count >= 3 {
            group = ""
            version = segs[1]
            segs.removeFirst(2)
        } else if segs.first == "apis", segs.count >= 4 {
            group = segs[1]
            version = segs[2]
            segs.removeFirst(3)
        } else {
            return nil
        }
        var namespace: String?
        // `namespaces/<ns>/<resource>...` addresses a namespaced resource, unless what follows
        // the namespace name is one of the Namespace object's own subresources.
        if segs.count >= 3, segs[0] == "namespaces", !["status", "finalize"].contains(segs[2]) {
            namespace = segs[1]
            segs.removeFirst(2)
        }
        let plural = segs[0]
        guard let def = registry.lookup(group: group, version: version, plural: plural) else {
            return .failure(.notFoundPath(path))
        }
        if def.isNamespaced == false && namespace != nil { return .failure(.notFoundPath(path)) }
        let name = segs.count > 1 ? segs[1] : nil
        let sub = segs.count > 2 ? segs[2] : nil
        if segs.count > 3 { return .failure(.notFoundPath(path)) }
        if let sub {
            let allowed = (def.hasStatus && sub == "status") || (def.scale != nil && sub == "scale") || (def.plural == "namespaces" && sub == "finalize")
                || (def.group.isEmpty && def.plural == "serviceaccounts" && sub == "token")
            if !allowed { return .failure(.notFoundPath(path)) }
        }
        return .success(ResourcePath(definition: def, namespace: namespace, name: name, subresource: sub))
    }

    /// Rewrites a request on a deprecated `watch` path (`/api/v1/watch/namespaces/x/pods` is
    /// `/api/v1/namespaces/x/pods?watch=true`); returns whether it was one.
    static func removingWatchSegment(_ req: inout APIRequest) -> Bool {
        guard req.path.contains("/watch/") else { return false }
        var segs = req.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let at: Int
        if segs.first == "api" { at = 2 } else if segs.first == "apis" { at = 3 } else { return false }
        guard segs.count > at + 1, segs[at] == "watch" else { return false }
        segs.remove(at: at)
        req.path = "/" + segs.joined(separator: "/")
        req.query["watch"] = "true"
        return true
    }

    /// A watch through a `watch` path: `/watch/.../<name>` watches one object, which is a watch
    /// selecting `metadata.name` (400 when the request's own fieldSelector names another, as
    /// kube-apiserver answers); subresources cannot be watched (404).
    mutating func watchingByPath(_ req: inout APIRequest, path: String) -> APIError? {
        guard req.method == "GET", subresource == nil else { return .notFoundPath(path) }
        guard let name else { return nil }
        if let fs = req.query["fieldSelector"], !fs.isEmpty {
            let selected = (try? Selectors.parseFieldSelector(fs))?.first { $0.label == "metadata.name" && $0.equal }?.value
            guard selected == name else { return .badRequest("fieldSelector metadata.name doesn't match requested name") }
        } else {
            req.query["fieldSelector"] = "metadata.name=\(name)"
        }
        self.name = nil
        return nil
    }
}
