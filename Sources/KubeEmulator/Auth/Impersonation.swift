import KubeCore

/// User impersonation (`kubectl --as`, `--as-group`, `--as-uid`), as kube-apiserver's
/// `WithImpersonation` filter (`k8s.io/apiserver/pkg/endpoints/filters/impersonation.go`),
/// which runs after authentication and before authorization, in every authorization mode.
///
/// Each thing asked for must be allowed to the requester as verb `impersonate`: the user
/// (resource `users`, or `serviceaccounts` in its namespace for a service account's user name),
/// each group (`groups`), each extra value (`userextras/<key>` in `authentication.k8s.io`) and the
/// uid (`uids` in `authentication.k8s.io`); the first refusal is the request's 403. The request
/// then runs as the impersonated user: its groups are the `Impersonate-Group` values (a service
/// account's own groups when none are given), plus `system:authenticated` unless
/// `system:authenticated` or `system:unauthenticated` is among them. Groups, extras or a uid
/// without `Impersonate-User` are refused (500, as kube-apiserver answers).
enum Impersonation {
    static let userHeader = "impersonate-user"
    static let groupHeader = "impersonate-group"
    static let uidHeader = "impersonate-uid"
    static let extraPrefix = "impersonate-extra-"

    /// The user the request acts as: nil when it asks for no impersonation.
    static func user(for req: APIRequest, requestor: UserInfo, authorizer: Authorizer) -> Result<UserInfo, APIError>? {
        var name: String?
        var groups: [String] = []
        var groupsGiven = false
        var extra: [(key: String, value: String)] = []
        var uid: String?
        for (header, value) in req.headers {
            let h = header.lowercased()
            if h == userHeader, name == nil, !value.isEmpty { name = value }
            else if h == groupHeader { groups.append(value); groupsGiven = true }
            else if h == uidHeader, !value.isEmpty { uid = value }
            else if h.hasPrefix(extraPrefix) {
                let key = String(h.dropFirst(extraPrefix.count))
                extra.append((URLEncoding.unescape(key, plusAsSpace: false) ?? key, value))
            }
        }
        guard let name else {
            if groupsGiven || !extra.isEmpty || uid != nil {
                return .failure(.internalError("requested impersonation of groups, extras or a uid without impersonating a user"))
            }
            return nil
        }
        var checks: [AuthorizationAttributes] = []
        var user = UserInfo(name: name)
        func check(_ resource: String, group: String = "", subresource: String = "", namespace: String = "", name: String) -> AuthorizationAttributes {
            AuthorizationAttributes(user: requestor, verb: "impersonate", isResourceRequest: true, apiGroup: group, namespace: namespace, resource: resource, subresource: subresource, name: name)
        }
        let serviceAccount = user.serviceAccount
        if let sa = serviceAccount {
            checks.append(check("serviceaccounts", namespace: sa.namespace, name: sa.name))
            if !groupsGiven { groups = [UserInfo.serviceAccountsGroup, "\(UserInfo.serviceAccountsGroup):\(sa.namespace)"] }
        } else {
            checks.append(check("users", name: name))
        }
        if groupsGiven { checks += groups.map { check("groups", name: $0) } }
        checks += extra.map { check("userextras", group: "authentication.k8s.io", subresource: $0.key, name: $0.value) }
        if let uid { checks.append(check("uids", group: "authentication.k8s.io", name: uid)) }
        for attributes in checks {
            let decision = authorizer.authorize(attributes)
            if !decision.allowed { return .failure(.forbidden(attributes, reason: decision.reason)) }
        }
        if name != "system:anonymous", !groups.contains(UserInfo.authenticatedGroup), !groups.contains("system:unauthenticated") {
            groups.append(UserInfo.authenticatedGroup)
        }
        user.groups = groups
        user.uid = uid ?? ""
        for (key, value) in extra { user.extra[key, default: []].append(value) }
        return .success(user)
    }
}
