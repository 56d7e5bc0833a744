import KubeCore

extension PolicyRule {
    /// A stored rule, read without a full decode (authorization reads rules on every request).
    init(stored j: JSONValue) {
        func strings(_ v: JSONValue) -> [String]? { v.arrayValue?.compactMap(\.stringValue) }
        self.init(verbs: strings(j["verbs"]) ?? [], apiGroups: strings(j["apiGroups"]), resources: strings(j["resources"]),
                  resourceNames: strings(j["resourceNames"]), nonResourceURLs: strings(j["nonResourceURLs"]))
    }

    /// Whether this rule allows the request, as kube-apiserver's `rbac.RuleAllows`
    /// (`plugin/pkg/auth/authorizer/rbac/rbac.go`, helpers in `pkg/apis/rbac/v1/evaluation_helpers.go`):
    ///
    /// - resource requests need a matching verb (or `*`), API group (`""` is core, `*` any) and
    ///   resource, where the request's resource is `resource/subresource` when it has one and a
    ///   rule's `*` matches everything, `*/scale` any resource's `scale` subresource, and
    ///   `deployments` does **not** match `deployments/scale`; and, when the rule has
    ///   `resourceNames`, the request's name must be one of them, so such a rule never allows a
    ///   request without a name (create, list, watch or deletecollection, unless a list or
    ///   watch selects `metadata.name`);
    /// - non-resource requests need a matching verb and a `nonResourceURLs` entry equal to the
    ///   path, `*`, or ending in `*` and a prefix of the path.
    func allows(_ a: AuthorizationAttributes) -> Bool {
        guard verbs.contains(where: { $0 == "*" || $0 == a.verb }) else { return false }
        guard a.isResourceRequest else {
            return (nonResourceURLs ?? []).contains { url in
                url == "*" || url == a.path || (url.hasSuffix("*") && a.path.hasPrefix(String(url.trimmingSuffix("*"))))
            }
        }
        guard (apiGroups ?? []).contains(where: { $0 == "*" || $0 == a.apiGroup }) else { return false }
        let combined = a.subresource.isEmpty ? a.resource : "\(a.resource)/\(a.subresource)"
        let resourceMatches = (resources ?? []).contains { r in
            if r == "*" || r == combined { return true }
            guard !a.subresource.isEmpty else { return false }
            return r.count == a.subresource.count + 2 && r.hasPrefix("*/") && r.hasSuffix(a.subresource)
        }
        guard resourceMatches else { return false }
        guard let names = resourceNames, !names.isEmpty else { return true }
        return names.contains(a.name)
    }
}

extension String {
    /// Go's `strings.TrimRight(s, "*")` for one character.
    func trimmingSuffix(_ c: Character) -> Substring {
        var s = Substring(self)
        while s.last == c { s.removeLast() }
        return s
    }
}
