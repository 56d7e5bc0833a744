import Foundation
import KubeCore

/// kube-apiserver's authorizer chain (`pkg/kubeapiserver/authorizer`): the privileged-group
/// authorizer first (members of `system:masters` are allowed everything, with an empty reason),
/// then the configured mode: `AlwaysAllow` allows everything (empty reason), `RBAC` asks the
/// ``RBACAuthorizer``. A union stops at the first allow; otherwise the decision is "no opinion",
/// which the API answers with 403.
public struct Authorizer: Sendable {
    public let mode: AuthorizationMode
    let rbac: RBACAuthorizer

    init(mode: AuthorizationMode, store: ObjectStore) {
        self.mode = mode
        self.rbac = RBACAuthorizer(store: store)
    }

    public func authorize(_ a: AuthorizationAttributes) -> AuthorizationDecision {
        if a.user.isPrivileged { return .allow() }
        switch mode {
        case .alwaysAllow: return .allow()
        case .rbac: return rbac.authorize(a)
        }
    }

    /// The rules a user has in a namespace (for SelfSubjectRulesReview), as the rule resolvers
    /// of the configured mode list them: AlwaysAllow lists `*` on everything; RBAC the rules of
    /// the user's bindings. The privileged-group authorizer lists none (an admin's rules are
    /// those of the `cluster-admin` binding).
    func rules(for user: UserInfo, namespace: String) -> (rules: [PolicyRule], incomplete: Bool, errors: [String]) {
        switch mode {
        case .alwaysAllow:
            return ([PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]), PolicyRule(verbs: ["*"], nonResourceURLs: ["*"])], false, [])
        case .rbac:
            let r = rbac.rules(for: user, namespace: namespace)
            return (r.rules, false, r.errors)
        }
    }
}

extension APIError {
    /// The 403 of a request no authorizer allowed, shaped as kube-apiserver's
    /// `responsewriters.Forbidden`: `<resource>.<group> "<name>" is forbidden: User "<user>"
    /// cannot <verb> resource "<resource>[/<subresource>]" in API group "<group>" in the
    /// namespace "<ns>"` (or `at the cluster scope`), without the name part for requests that
    /// name no object, `: <reason>` appended when the authorizer gave one; for non-resource
    /// paths `forbidden: User "<user>" cannot <verb> path "<path>"`. Details carry the name,
    /// group and resource (as `kind`).
    static func forbidden(_ a: AuthorizationAttributes, reason: String) -> APIError {
        var msg: String
        if !a.isResourceRequest {
            msg = "User \(goQuote(a.user.name)) cannot \(a.verb) path \(goQuote(a.path))"
        } else {
            let resource = a.subresource.isEmpty ? a.resource : "\(a.resource)/\(a.subresource)"
            let scope = a.namespace.isEmpty ? "at the cluster scope" : "in the namespace \(goQuote(a.namespace))"
            msg = "User \(goQuote(a.user.name)) cannot \(a.verb) resource \(goQuote(resource)) in API group \(goQuote(a.apiGroup)) \(scope)"
        }
        // kube-apiserver keeps authorization messages from looking like HTML.
        msg = msg.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        if !reason.isEmpty { msg += ": \(reason)" }
        return forbidden(group: a.isResourceRequest ? a.apiGroup : "", resource: a.isResourceRequest ? a.resource : "", name: a.name, message: msg)
    }

    /// apimachinery's `errors.NewForbidden(groupResource, name, err)`.
    static func forbidden(group: String, resource: String, name: String, message: String) -> APIError {
        let qualified = group.isEmpty ? resource : "\(resource).\(group)"
        let text: String
        if qualified.isEmpty && group.isEmpty {
            text = "forbidden: \(message)"
        } else if name.isEmpty {
            text = "\(qualified) is forbidden: \(message)"
        } else {
            text = "\(qualified) \(goQuote(name)) is forbidden: \(message)"
        }
        let details = StatusDetails(name: name.isEmpty ? nil : name, group: group.isEmpty ? nil : group, kind: resource.isEmpty ? nil : resource)
        return APIError(code: 403, reason: StatusReason.forbidden, message: text, details: details)
    }
}
