import Foundation
import KubeCore
import KubeMachinery
import Synchronization

/// An authorizer's answer (`authorizer.Decision` with its reason). `denied` stays false for
/// RBAC, which only ever allows or has no opinion.
public struct AuthorizationDecision: Sendable, Equatable {
    public var allowed: Bool
    public var denied: Bool
    public var reason: String

    public static func allow(_ reason: String = "") -> AuthorizationDecision { AuthorizationDecision(allowed: true, denied: false, reason: reason) }
    public static func noOpinion(_ reason: String = "") -> AuthorizationDecision { AuthorizationDecision(allowed: false, denied: false, reason: reason) }
}

/// The RBAC authorizer (`plugin/pkg/auth/authorizer/rbac`), deciding from the Roles,
/// ClusterRoles, RoleBindings and ClusterRoleBindings stored at the time of the request, so a
/// change applies to the very next request (kube-apiserver reads them from an informer cache, a
/// moment later).
///
/// As `DefaultRuleResolver.VisitRulesFor` does, it visits the rules of every ClusterRoleBinding
/// whose subjects include the user, then, for a namespaced request, of every RoleBinding in that
/// namespace whose subjects include the user, and allows on the first matching rule
/// (``PolicyRule/allows(_:)``). A RoleBinding's `roleRef` is a Role of its own namespace or a
/// ClusterRole whose rules then apply in the binding's namespace only. Subjects match as
/// `appliesToUser` does: `User` by name, `Group` by membership, `ServiceAccount` by
/// `system:serviceaccount:<namespace>:<name>`, the namespace defaulting to the RoleBinding's
/// (a ClusterRoleBinding's service-account subject without a namespace matches nobody).
///
/// A binding whose role does not exist contributes no rules and an error; when nothing allows
/// the request, the errors become the reason (`RBAC: clusterrole.rbac.authorization.k8s.io "x"
/// not found`), which kube-apiserver appends to the 403 message.
///
/// Cost: the four resources are compiled into an index of bindings by user name and group
/// (``RBACIndex``), rebuilt only when one of them changed since (the store's per-resource
/// revision says so), so a request reads one lock and visits only the bindings naming its user
/// or one of its groups.
///
/// Not modelled: ClusterRole aggregation (`aggregationRule`): a ClusterRole's own `rules` are
/// used as stored, and nothing fills them from the selected ClusterRoles.
final class RBACAuthorizer: Sendable {
    let store: ObjectStore
    private let cache = Mutex<RBACIndex?>(nil)

    static let group = "rbac.authorization.k8s.io"
    static let clusterRoleBindings = "\(group)/clusterrolebindings"
    static let roleBindings = "\(group)/rolebindings"
    static let clusterRoles = "\(group)/clusterroles"
    static let roles = "\(group)/roles"
    static let storageKeys = [clusterRoleBindings, roleBindings, clusterRoles, roles]

    init(store: ObjectStore) {
        self.store = store
    }

    /// The index for the stored objects as they are now.
    func index() -> RBACIndex {
        let revisions = store.lastChange(of: Self.storageKeys)
        if let cached = cache.withLock({ $0 }), cached.revisions == revisions { return cached }
        // Read after taking the revisions: a change racing with the build makes the next
        // request rebuild again rather than keep a stale index.
        let built = RBACIndex(revisions: revisions, store: store)
        cache.withLock { $0 = built }
        return built
    }

    func authorize(_ a: AuthorizationAttributes) -> AuthorizationDecision {
        let index = index()
        var errors: [String] = []
        var sets = [index.clusterBindings]
        if !a.namespace.isEmpty, let namespaced = index.roleBindings[a.namespace] { sets.append(namespaced) }
        for set in sets {
            for i in set.candidates(for: a.user) {
                let binding = set.bindings[i]
                switch binding.rules {
                case .failure(let e):
                    errors.append(e.message)
                case .success(let rules):
                    if rules.contains(where: { $0.allows(a) }) { return .allow(binding.allowedReason(for: a.user)) }
                }
            }
        }
        return .noOpinion(errors.isEmpty ? "" : "RBAC: \(Self.aggregate(errors))")
    }

    /// The rules every binding of the user grants in a namespace ("" for cluster-wide only),
    /// for SelfSubjectRulesReview: `RulesFor`.
    func rules(for user: UserInfo, namespace: String) -> (rules: [PolicyRule], errors: [String]) {
        let index = index()
        var rules: [PolicyRule] = []
        var errors: [String] = []
        var sets = [index.clusterBindings]
        if !namespace.isEmpty, let namespaced = index.roleBindings[namespace] { sets.append(namespaced) }
        for set in sets {
            for i in set.candidates(for: user) {
                switch set.bindings[i].rules {
                case .success(let r): rules += r
                case .failure(let e): errors.append(e.message)
                }
            }
        }
        return (rules, errors)
    }

    struct ResolutionError: Error, Sendable { var message: String }

    /// apimachinery's `utilerrors.NewAggregate(errs).Error()`: one message as is, several
    /// de-duplicated in order and bracketed, comma-separated.
    static func aggregate(_ messages: [String]) -> String {
        if messages.count == 1 { return messages[0] }
        var seen: [String] = []
        for m in messages where !seen.contains(m) { seen.append(m) }
        return seen.count == 1 ? seen[0] : "[" + seen.joined(separator: ", ") + "]"
    }
}

/// The stored RBAC objects compiled for authorization: each binding with its role's rules
/// resolved (`GetRoleReferenceRules`, with the lister's NotFound message when the role does not
/// exist), indexed by the user names and groups its subjects name.
final class RBACIndex: Sendable {
    /// One binding, ready to check.
    struct Binding: Sendable {
        var name: String
        /// The RoleBinding's namespace; "" for a ClusterRoleBinding.
        var namespace: String
        var roleKind: String
        var roleName: String
        var subjects: [JSONValue]
        var rules: Result<[PolicyRule], RBACAuthorizer.ResolutionError>

        /// kube-apiserver's "allowed by" reason, naming the first subject that applies.
        func allowedReason(for user: UserInfo) -> String {
            let subject = subjects.first { Self.applies($0, to: user, namespace: namespace) } ?? .null
            let kind = namespace.isEmpty ? "ClusterRoleBinding" : "RoleBinding"
            let shown = namespace.isEmpty ? name : "\(name)/\(namespace)"
            return "RBAC: allowed by \(kind) \(goQuote(shown)) of \(roleKind) \(goQuote(roleName)) to \(Self.describe(subject, bindingNamespace: namespace))"
        }

        /// `appliesToUser`.
        static func applies(_ s: JSONValue, to user: UserInfo, namespace: String) -> Bool {
            let name = s["name"].stringValue ?? ""
            switch s["kind"].stringValue ?? "" {
            case "User": return user.name == name
            case "Group": return user.groups.contains(name)
            case "ServiceAccount":
                guard let ns = serviceAccountNamespace(s, bindingNamespace: namespace) else { return false }
                return user.name == UserInfo.serviceAccountUserName(namespace: ns, name: name)
            default: return false
            }
        }

        /// A service-account subject's namespace, defaulting to the binding's; nil for none.
        static func serviceAccountNamespace(_ s: JSONValue, bindingNamespace: String) -> String? {
            let ns = s["namespace"].stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? bindingNamespace
            return ns.isEmpty ? nil : ns
        }

        /// `describeSubject`: `User "x"`, `Group "x"`, `ServiceAccount "name/namespace"`.
        static func describe(_ s: JSONValue, bindingNamespace: String) -> String {
            let kind = s["kind"].stringValue ?? ""
            let name = s["name"].stringValue ?? ""
            guard kind == "ServiceAccount" else { return "\(kind) \(goQuote(name))" }
            let ns = s["namespace"].stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? bindingNamespace
            return "\(kind) \(goQuote("\(name)/\(ns)"))"
        }
    }

    /// The bindings of one scope (cluster, or one namespace) in store order, with which of
    /// them name each user and group.
    struct BindingSet: Sendable {
        var bindings: [Binding] = []
        var byUser: [String: [Int]] = [:]
        var byGroup: [String: [Int]] = [:]

        mutating func add(_ b: Binding) {
            let i = bindings.count
            bindings.append(b)
            for s in b.subjects {
                let name = s["name"].stringValue ?? ""
                switch s["kind"].stringValue ?? "" {
                case "User": byUser[name, default: []].append(i)
                case "Group": byGroup[name, default: []].append(i)
                case "ServiceAccount":
                    if let ns = Binding.serviceAccountNamespace(s, bindingNamespace: b.namespace) {
                        byUser[UserInfo.serviceAccountUserName(namespace: ns, name: name), default: []].append(i)
                    }
                default: break
                }
            }
        }

        /// The bindings whose subjects include the user, in store order, each once.
        func candidates(for user: UserInfo) -> [Int] {
            var found = byUser[user.name] ?? []
            for g in user.groups { if let more = byGroup[g] { found += more } }
            return found.count < 2 ? found : Array(Set(found)).sorted()
        }
    }

    let revisions: [Int64]
    let clusterBindings: BindingSet
    let roleBindings: [String: BindingSet]

    init(revisions: [Int64], store: ObjectStore) {
        self.revisions = revisions
        var roles: [String: [PolicyRule]] = [:]
        for r in store.objects(RBACAuthorizer.roles) {
            roles["\(r.namespace ?? "")/\(r.name ?? "")"] = (r["rules"].arrayValue ?? []).map(PolicyRule.init(stored:))
        }
        var clusterRoles: [String: [PolicyRule]] = [:]
        for r in store.objects(RBACAuthorizer.clusterRoles) {
            clusterRoles[r.name ?? ""] = (r["rules"].arrayValue ?? []).map(PolicyRule.init(stored:))
        }
        func binding(_ b: JSONValue, namespace: String) -> Binding {
            let kind = b["roleRef"]["kind"].stringValue ?? ""
            let name = b["roleRef"]["name"].stringValue ?? ""
            let rules: Result<[PolicyRule], RBACAuthorizer.ResolutionError>
            switch kind {
            case "Role":
                rules = roles["\(namespace)/\(name)"].map { .success($0) } ?? .failure(.init(message: "role.\(RBACAuthorizer.group) \(goQuote(name)) not found"))
            case "ClusterRole":
                rules = clusterRoles[name].map { .success($0) } ?? .failure(.init(message: "clusterrole.\(RBACAuthorizer.group) \(goQuote(name)) not found"))
            default:
                rules = .failure(.init(message: "unsupported role reference kind: \(goQuote(kind))"))
            }
            return Binding(name: b.name ?? "", namespace: namespace, roleKind: kind, roleName: name, subjects: b["subjects"].arrayValue ?? [], rules: rules)
        }
        var cluster = BindingSet()
        for b in store.objects(RBACAuthorizer.clusterRoleBindings) { cluster.add(binding(b, namespace: "")) }
        var namespaced: [String: BindingSet] = [:]
        for b in store.objects(RBACAuthorizer.roleBindings) {
            let ns = b.namespace ?? ""
            namespaced[ns, default: BindingSet()].add(binding(b, namespace: ns))
        }
        clusterBindings = cluster
        roleBindings = namespaced
    }
}

/// Go's `%q` of a string (`strconv.Quote`): Kubernetes messages quote names this way.
func goQuote(_ s: String) -> String { GoFormat.quote(s) }
