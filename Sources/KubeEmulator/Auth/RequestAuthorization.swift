import KubeCore

/// Who a request comes from and whether it may proceed: the steps of kube-apiserver's filter
/// chain before a request reaches its handler (authentication, impersonation, authorization).
extension APIServer {
    /// Authenticates the bearer token and applies impersonation headers, setting the request's
    /// user; returns the error answer (401, or the impersonation's 403) otherwise.
    func authenticate(_ req: inout APIRequest) -> APIError? {
        guard let auth = req.header("Authorization"), auth.hasPrefix("Bearer "),
              var user = authenticator.authenticate(bearer: String(auth.dropFirst(7)), store: store, now: clock()) else {
            return .unauthorized
        }
        switch Impersonation.user(for: req, requestor: user, authorizer: authorizer) {
        case .failure(let e)?: return e
        case .success(let impersonated)?: user = impersonated
        case nil: break
        }
        req.user = user.name
        req.userInfo = user
        return nil
    }

    /// Authorizes a request in RBAC mode, from the attributes kube-apiserver computes for it
    /// (``AuthorizationAttributes/of(method:path:query:user:)``); `system:masters` and
    /// unauthenticated public paths pass. Returns the attributes of a request that was checked
    /// (for the create check of a patch that creates), nil when none was, or the 403.
    /// AlwaysAllow mode does no work here at all.
    func authorize(_ req: APIRequest) -> Result<AuthorizationAttributes?, APIError> {
        guard authorizer.mode == .rbac, let user = req.userInfo, !user.isPrivileged else { return .success(nil) }
        let a: AuthorizationAttributes
        do {
            a = try AuthorizationAttributes.of(method: req.method, path: req.path, query: req.query, user: user)
        } catch {
            return .failure(.internalError("failed to create RequestInfo: \((error as? AuthorizationAttributes.Unresolvable)?.message ?? "\(error)")"))
        }
        let decision = authorizer.authorize(a)
        return decision.allowed ? .success(a) : .failure(.forbidden(a, reason: decision.reason))
    }

    /// `/emulator/` is the emulator's own admin API, not part of Kubernetes': in RBAC mode only
    /// `system:masters` (the admin token) may use it; in AlwaysAllow mode any static-token user
    /// may, as before, but never a service account.
    func adminDenial(_ req: APIRequest) -> APIError? {
        guard let user = req.userInfo else { return .unauthorized }
        let allowed = user.isPrivileged || (authorizer.mode == .alwaysAllow && user.serviceAccount == nil)
        if allowed { return nil }
        return .forbidden(AuthorizationAttributes(user: user, verb: req.method.lowercased(), isResourceRequest: false, path: req.path), reason: "")
    }

    /// The check kube-apiserver's patch handler makes before a PATCH (in practice a server-side
    /// apply) creates a missing object: the same request with verb `create` must be allowed too
    /// (`handlers/patch.go`, `withAuthorization` in `handlers/update.go`). Its 403 carries the
    /// authorizer's reason alone, usually empty: `deployments.apps "web" is forbidden: `.
    func createAuthorization(_ attributes: AuthorizationAttributes) -> @Sendable () throws -> Void {
        var attrs = attributes
        attrs.verb = "create"
        let create = attrs
        let authorizer = self.authorizer
        return {
            let decision = authorizer.authorize(create)
            guard decision.allowed else {
                throw APIError.forbidden(group: create.apiGroup, resource: create.resource, name: create.name, message: decision.reason)
            }
        }
    }
}
