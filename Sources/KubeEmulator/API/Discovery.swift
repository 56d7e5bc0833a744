import KubeCore

/// Discovery documents (`/version`, `/api`, `/apis`, resource lists) and health endpoints,
/// in the legacy (non-aggregated) form that every client understands; kubectl falls back to it
/// when the answer is not an aggregated discovery document.
enum Discovery {
    /// The Kubernetes version the emulator reports.
    static let major = "1", minor = "36"

    static func handle(_ req: APIRequest, registry: ResourceRegistry) -> APIResponse? {
        guard req.method == "GET" else { return nil }
        let segs = req.path.split(separator: "/").map(String.init)
        if segs == ["version"] {
            return .json(["major": .string(major), "minor": .string(minor), "gitVersion": .string("v\(major).\(minor).0-dify-emulator"), "gitCommit": "0000000", "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z", "goVersion": "swift", "compiler": "swift", "platform": "linux/amd64"])
        }
        if segs == ["healthz"] || segs == ["livez"] || segs == ["readyz"] { return .text("ok") }
        if segs == ["api"] {
            return .json(["kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"]]])
        }
        if segs.count == 2, segs[0] == "api" { return resourceList(registry, group: "", version: segs[1]) }
        if segs == ["apis"] {
            return .json(["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(registry.groups.filter { !$0.group.isEmpty }.map { groupDocument($0.group, $0.versions) })])
        }
        if segs.count == 2, segs[0] == "apis" {
            guard let entry = registry.groups.first(where: { $0.group == segs[1] }) else { return nil }
            var doc = groupDocument(segs[1], entry.versions)
            doc["kind"] = "APIGroup"
            doc["apiVersion"] = "v1"
            return .json(doc)
        }
        if segs.count == 3, segs[0] == "apis" { return resourceList(registry, group: segs[1], version: segs[2]) }
        return nil
    }

    static func groupDocument(_ group: String, _ versions: [String]) -> JSONValue {
        let vs: [JSONValue] = versions.map { ["groupVersion": .string("\(group)/\($0)"), "version": .string($0)] }
        return ["name": .string(group), "versions": .array(vs), "preferredVersion": vs.first ?? .null]
    }

    static func resourceList(_ registry: ResourceRegistry, group: String, version: String) -> APIResponse? {
        let defs = registry.all.filter { $0.group == group && $0.version == version }.sorted { $0.plural < $1.plural }
        guard !defs.isEmpty else { return nil }
        var resources: [JSONValue] = []
        for d in defs {
            var r: JSONValue = ["name": .string(d.plural), "singularName": .string(d.singular), "namespaced": .bool(d.isNamespaced), "kind": .string(d.kind), "verbs": .array(d.verbs.map { .string($0) })]
            if !d.shortNames.isEmpty { r["shortNames"] = .array(d.shortNames.map { .string($0) }) }
            if !d.categories.isEmpty { r["categories"] = .array(d.categories.map { .string($0) }) }
            resources.append(r)
            if d.hasStatus {
                resources.append(["name": .string(d.plural + "/status"), "singularName": "", "namespaced": .bool(d.isNamespaced), "kind": .string(d.kind), "verbs": ["get", "patch", "update"]])
            }
            if d.group.isEmpty, d.plural == "serviceaccounts" {
                resources.append(["name": "serviceaccounts/token", "singularName": "", "namespaced": true, "group": "authentication.k8s.io", "version": "v1", "kind": "TokenRequest", "verbs": ["create"]])
            }
            if d.scale != nil {
                resources.append(["name": .string(d.plural + "/scale"), "singularName": "", "namespaced": .bool(d.isNamespaced), "group": "autoscaling", "version": "v1", "kind": "Scale", "verbs": ["get", "patch", "update"]])
            }
        }
        let gv = group.isEmpty ? version : "\(group)/\(version)"
        return .json(["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(gv), "resources": .array(resources)])
    }
}
