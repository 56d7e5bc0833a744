import KubeCore

/// The REST paths kube-apiserver publishes for a custom resource version (the routes of
/// apiextensions' OpenAPI builder), with operation ids, descriptions, request/response schemas
/// and the `x-kubernetes-action` / `x-kubernetes-group-version-kind` extensions kubectl uses.
/// Query parameters (list/get/patch options) are left out.
enum OpenAPIPaths {
    struct Route {
        var path: String
        var method: String
        /// `x-kubernetes-action`: get, list, post, put, patch, delete, deletecollection.
        var action: String
        /// The operation verb of the description/operation id: list, read, create, replace, ...
        var verb: String
        var operation: String
        var response: String
        var reads: String?
        var subresource: String
    }

    static func routes(for r: OpenAPIResourceVersion) -> [Route] {
        let kindModel = OpenAPIPublisher.modelName(group: r.group, version: r.version, kind: r.kind)
        let listModel = OpenAPIPublisher.modelName(group: r.group, version: r.version, kind: r.listKind)
        let status = OpenAPIMetaDefinitions.status
        let patch = OpenAPIMetaDefinitions.patch
        let ns = r.namespaced ? "Namespaced" : ""
        var root = "/apis/\(r.group)/\(r.version)/\(r.plural)"
        var routes: [Route] = []
        if r.namespaced {
            routes.append(Route(path: root, method: "get", action: "list", verb: "list", operation: "list\(r.kind)ForAllNamespaces", response: listModel, subresource: ""))
            root = "/apis/\(r.group)/\(r.version)/namespaces/{namespace}/\(r.plural)"
        }
        func op(_ verb: String, _ sub: String) -> String { verb + ns + r.kind + (sub.isEmpty ? "" : sub.prefix(1).uppercased() + sub.dropFirst()) }
        routes += [
            Route(path: root, method: "get", action: "list", verb: "list", operation: op("list", ""), response: listModel, subresource: ""),
            Route(path: root, method: "post", action: "post", verb: "create", operation: op("create", ""), response: kindModel, reads: kindModel, subresource: ""),
            Route(path: root, method: "delete", action: "deletecollection", verb: "deletecollection", operation: op("deletecollection", ""), response: status, subresource: ""),
            Route(path: root + "/{name}", method: "get", action: "get", verb: "read", operation: op("read", ""), response: kindModel, subresource: ""),
            Route(path: root + "/{name}", method: "put", action: "put", verb: "replace", operation: op("replace", ""), response: kindModel, reads: kindModel, subresource: ""),
            Route(path: root + "/{name}", method: "delete", action: "delete", verb: "delete", operation: op("delete", ""), response: status, subresource: ""),
            Route(path: root + "/{name}", method: "patch", action: "patch", verb: "patch", operation: op("patch", ""), response: kindModel, reads: patch, subresource: ""),
        ]
        for (enabled, sub, model) in [(r.hasStatusSubresource, "status", kindModel), (r.hasScaleSubresource, "scale", OpenAPIMetaDefinitions.scale)] where enabled {
            let p = root + "/{name}/" + sub
            routes += [
                Route(path: p, method: "get", action: "get", verb: "read", operation: op("read", sub), response: model, subresource: sub),
                Route(path: p, method: "put", action: "put", verb: "replace", operation: op("replace", sub), response: model, reads: model, subresource: sub),
                Route(path: p, method: "patch", action: "patch", verb: "patch", operation: op("patch", sub), response: model, reads: patch, subresource: sub),
            ]
        }
        return routes
    }

    /// The path items, keyed by path, in v2 or v3 form.
    static func paths(for r: OpenAPIResourceVersion, v2: Bool) -> [String: JSONValue] {
        var items: [String: [String: JSONValue]] = [:]
        for route in routes(for: r) {
            var item = items[route.path] ?? [:]
            item[route.method] = operation(route, r, v2: v2)
            if item["parameters"] == nil { item["parameters"] = .array(pathParameters(route.path, r, v2: v2)) }
            items[route.path] = item
        }
        return items.mapValues { .object($0) }
    }

    static func pathParameters(_ path: String, _ r: OpenAPIResourceVersion, v2: Bool) -> [JSONValue] {
        var params: [JSONValue] = []
        func param(_ name: String, _ description: String) -> JSONValue {
            if v2 {
                return ["name": .string(name), "in": "path", "description": .string(description), "required": true, "type": "string", "uniqueItems": true]
            }
            return ["name": .string(name), "in": "path", "description": .string(description), "required": true, "schema": ["type": "string", "uniqueItems": true]]
        }
        if path.contains("{name}") { params.append(param("name", "name of the \(r.kind)")) }
        if path.contains("{namespace}") { params.append(param("namespace", "object name and auth scope, such as for teams and projects")) }
        return params
    }

    static func operation(_ route: Route, _ r: OpenAPIResourceVersion, v2: Bool) -> JSONValue {
        let (id, tags) = operationIDAndTags(route.operation, path: route.path)
        let ref = OpenAPIPublisher.definitionsPrefix + route.response
        var codes: [(String, String)] = [("200", "OK")]
        switch route.action {
        case "post": codes += [("201", "Created"), ("202", "Accepted")]
        case "delete": codes += [("202", "Accepted")]
        case "put": codes += [("201", "Created")]
        default: break
        }
        let produces: [JSONValue] = ["application/json", "application/yaml"]
        let consumes: [JSONValue] = route.method == "patch"
            ? ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"]
            : ["application/json", "application/yaml"]
        var op: [String: JSONValue] = [
            "description": .string(description(route, r)),
            "operationId": .string(id),
            "tags": .array(tags.map { .string($0) }),
            "x-kubernetes-action": .string(route.action),
            "x-kubernetes-group-version-kind": ["group": .string(r.group), "kind": .string(r.kind), "version": .string(r.version)],
        ]
        var responses: [String: JSONValue] = ["401": ["description": "Unauthorized"]]
        if v2 {
            for (code, text) in codes { responses[code] = ["description": .string(text), "schema": ["$ref": .string(ref)]] }
            op["produces"] = .array(produces)
            op["consumes"] = .array(consumes)
            op["schemes"] = ["https"]
            if let reads = route.reads {
                op["parameters"] = [["name": "body", "in": "body", "required": true, "schema": ["$ref": .string(OpenAPIPublisher.definitionsPrefix + reads)]]]
            }
        } else {
            let v3Ref = "#/components/schemas/" + route.response
            for (code, text) in codes {
                var content: [String: JSONValue] = [:]
                for type in produces { content[type.stringValue!] = ["schema": ["$ref": .string(v3Ref)]] }
                responses[code] = ["description": .string(text), "content": .object(content)]
            }
            if let reads = route.reads {
                op["requestBody"] = ["content": ["*/*": ["schema": ["$ref": .string("#/components/schemas/" + reads)]]], "required": true]
            }
        }
        // Writes advertise their query options; kubectl relies on server-side field validation
        // only when the PATCH operation lists `fieldValidation` (its QueryParamVerifier).
        if ["post", "put", "patch"].contains(route.action) {
            var names = ["dryRun", "fieldManager", "fieldValidation"]
            if route.action == "patch" { names.append("force") }
            let query: [JSONValue] = names.map { name in
                let type: JSONValue = name == "force" ? "boolean" : "string"
                return v2 ? ["name": .string(name), "in": "query", "type": type, "uniqueItems": true]
                          : ["name": .string(name), "in": "query", "schema": ["type": type, "uniqueItems": true]]
            }
            op["parameters"] = .array((op["parameters"]?.arrayValue ?? []) + query)
        }
        op["responses"] = .object(responses)
        return .object(op)
    }

    /// `descriptionFor`: e.g. `list objects of kind DifyModel`, `read status of the specified
    /// DifyModel`, `create a DifyModel`, `delete collection of DifyModel`.
    static func description(_ route: Route, _ r: OpenAPIResourceVersion) -> String {
        let sub = route.subresource.isEmpty ? "" : " " + route.subresource + " of"
        switch route.verb {
        case "list": return "list" + sub + " objects of kind " + r.kind
        case "read", "replace": return route.verb + sub + " the specified " + r.kind
        case "patch": return "partially update" + sub + " the specified " + r.kind
        case "create", "delete": return route.verb + sub + article(r.kind) + r.kind
        case "deletecollection": return "delete collection of" + (sub.isEmpty ? "" : sub + " a") + " " + r.kind
        default: return route.verb + sub + r.kind
        }
    }

    /// `GetArticleForNoun(noun, " ")`.
    static func article(_ noun: String) -> String {
        if !noun.hasSuffix("ss") && noun.hasSuffix("s") { return " " }
        let vowel = noun.first.map { "aeiou".contains($0.lowercased()) } ?? false
        return vowel ? " an " : " a "
    }

    /// kube-apiserver's `GetOperationIDAndTags`: `listAiDifyV1alpha1NamespacedDifyModel`,
    /// tag `aiDify_v1alpha1`.
    static func operationIDAndTags(_ operation: String, path: String) -> (String, [String]) {
        let verbs = ["get", "log", "read", "replace", "patch", "delete", "deletecollection", "watch", "connect", "proxy", "list", "create"]
        // The trie returns the shortest verb prefix (so `deletecollection...` → `delete`).
        let prefixVerb = verbs.filter { operation.hasPrefix($0) }.min { $0.count < $1.count } ?? ""
        var prefix = prefixVerb
        let op = String(operation.dropFirst(prefixVerb.count))
        var tags: [String] = []
        let parts = path.split(separator: "/").map(String.init)
        if parts.count >= 2 && parts[0] == "apis" {
            let trimmed = parts[1].hasSuffix(".k8s.io") ? String(parts[1].dropLast(".k8s.io".count)) : parts[1]
            prefix += validOperationID(trimmed, capitalizeFirst: !prefix.isEmpty)
            var tag = validOperationID(trimmed, capitalizeFirst: false)
            if parts.count > 2 {
                prefix += validOperationID(parts[2], capitalizeFirst: !prefix.isEmpty)
                tag += "_" + validOperationID(parts[2], capitalizeFirst: false)
            }
            tags.append(tag)
        }
        return (prefix + validOperationID(op, capitalizeFirst: !prefix.isEmpty), tags)
    }

    /// `ToValidOperationID`: drops punctuation, capitalising the letter after it.
    static func validOperationID(_ s: String, capitalizeFirst: Bool) -> String {
        var out = ""
        var capitalize = capitalizeFirst
        for (i, c) in s.enumerated() {
            if c.isLetter || c == "_" || (i != 0 && c.isNumber) {
                out += capitalize ? c.uppercased() : String(c)
                capitalize = false
            } else {
                capitalize = true
            }
        }
        return out
    }
}
