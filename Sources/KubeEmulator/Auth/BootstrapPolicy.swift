import Foundation
import KubeCore

/// The default ClusterRoles and ClusterRoleBindings kube-apiserver creates at start
/// (`plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go`), as far as the emulator's API
/// needs them. They are stored objects, created when the emulator starts in RBAC mode only
/// (AlwaysAllow keeps an empty cluster, as before), labelled `kubernetes.io/bootstrapping:
/// rbac-defaults` and annotated `rbac.authorization.kubernetes.io/autoupdate: "true"`:
///
/// | ClusterRole | grants | bound to |
/// | --- | --- | --- |
/// | `cluster-admin` | everything | group `system:masters` |
/// | `system:discovery` | `get` on `/api`, `/api/*`, `/apis`, `/apis/*`, `/openapi`, `/openapi/*`, `/version`, `/version/`, `/healthz`, `/livez`, `/readyz` | `system:authenticated` |
/// | `system:basic-user` | `create` SelfSubjectAccessReviews, SelfSubjectRulesReviews and SelfSubjectReviews | `system:authenticated` |
/// | `system:public-info-viewer` | `get` on `/version`, `/version/`, `/healthz`, `/livez`, `/readyz` | `system:authenticated`, `system:unauthenticated` |
///
/// So every authenticated user can discover the API, read OpenAPI (kubectl's schema checks)
/// and ask `kubectl auth can-i`. Not created: the aggregated `admin`, `edit` and `view` roles
/// (aggregation is not modelled) and the roles of kube-controller-manager, kubelets and other
/// system components, which the emulator plays itself without going through authorization.
enum BootstrapPolicy {
    static let labels: JSONValue = ["kubernetes.io/bootstrapping": "rbac-defaults"]
    static let annotations: JSONValue = ["rbac.authorization.kubernetes.io/autoupdate": "true"]

    static func rule(verbs: [String], groups: [String]? = nil, resources: [String]? = nil, urls: [String]? = nil) -> JSONValue {
        var r: JSONValue = ["verbs": .array(verbs.map { .string($0) })]
        if let groups { r["apiGroups"] = .array(groups.map { .string($0) }) }
        if let resources { r["resources"] = .array(resources.map { .string($0) }) }
        if let urls { r["nonResourceURLs"] = .array(urls.map { .string($0) }) }
        return r
    }

    static var clusterRoles: [(name: String, rules: [JSONValue])] {
        [
            ("cluster-admin", [rule(verbs: ["*"], groups: ["*"], resources: ["*"]), rule(verbs: ["*"], urls: ["*"])]),
            ("system:discovery", [rule(verbs: ["get"], urls: ["/livez", "/readyz", "/healthz", "/version", "/version/", "/openapi", "/openapi/*", "/api", "/api/*", "/apis", "/apis/*"])]),
            ("system:basic-user", [
                rule(verbs: ["create"], groups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"]),
                rule(verbs: ["create"], groups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
            ]),
            ("system:public-info-viewer", [rule(verbs: ["get"], urls: ["/livez", "/readyz", "/healthz", "/version", "/version/"])]),
        ]
    }

    static let clusterRoleBindings: [(name: String, groups: [String])] = [
        ("cluster-admin", [UserInfo.mastersGroup]),
        ("system:discovery", [UserInfo.authenticatedGroup]),
        ("system:basic-user", [UserInfo.authenticatedGroup]),
        ("system:public-info-viewer", [UserInfo.authenticatedGroup, "system:unauthenticated"]),
    ]

    /// Stores the default roles and bindings.
    static func create(in api: APIServer) {
        let options = WriteContext(manager: "kube-apiserver", dryRun: false, fieldValidation: "Ignore", now: api.clock())
        let meta: (String) -> JSONValue = { ["name": .string($0), "labels": labels, "annotations": annotations] }
        if let def = api.registry.lookup(group: RBACAuthorizer.group, version: "v1", plural: "clusterroles") {
            for role in clusterRoles {
                let body: JSONValue = ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": meta(role.name), "rules": .array(role.rules)]
                _ = try? api.create(def, namespace: nil, body: body, options: options)
            }
        }
        if let def = api.registry.lookup(group: RBACAuthorizer.group, version: "v1", plural: "clusterrolebindings") {
            for binding in clusterRoleBindings {
                let subjects: [JSONValue] = binding.groups.map { ["apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": .string($0)] }
                let body: JSONValue = ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": meta(binding.name),
                                       "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(binding.name)], "subjects": .array(subjects)]
                _ = try? api.create(def, namespace: nil, body: body, options: options)
            }
        }
    }
}
