/// How the emulator authorizes requests: kube-apiserver's `--authorization-mode`.
///
/// In both modes the privileged-group authorizer runs first, as kube-apiserver always installs
/// it ahead of the configured modes: members of `system:masters` (the admin token's user) may
/// do anything.
public enum AuthorizationMode: String, Sendable, CaseIterable {
    /// `AlwaysAllow`: every authenticated request is allowed (the default, and the emulator's
    /// behaviour before RBAC existed). Costs nothing per request.
    case alwaysAllow = "AlwaysAllow"
    /// `RBAC`: requests are allowed only by the Roles, ClusterRoles, RoleBindings and
    /// ClusterRoleBindings stored at the time of the request. The bootstrap roles that make
    /// discovery, health checks and access reviews work for every authenticated user
    /// (``BootstrapPolicy``) are created when the emulator starts.
    case rbac = "RBAC"
}
