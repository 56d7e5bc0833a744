/// Who a request comes from, as kube-apiserver's `user.Info`: a name, a uid and groups.
public struct UserInfo: Sendable, Equatable {
    public var name: String
    public var uid: String
    public var groups: [String]
    /// Extra attributes (set by impersonation headers only).
    public var extra: [String: [String]]

    public init(name: String, uid: String = "", groups: [String] = [], extra: [String: [String]] = [:]) {
        self.name = name
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }

    /// `system:masters`: the privileged group every request of which is allowed, in any
    /// authorization mode (kube-apiserver's privileged-group authorizer).
    public static let mastersGroup = "system:masters"
    /// `system:authenticated`: added to every authenticated user.
    public static let authenticatedGroup = "system:authenticated"
    /// `system:serviceaccounts`: every service account.
    public static let serviceAccountsGroup = "system:serviceaccounts"
    /// The user the emulator's generated admin token authenticates as.
    public static let adminName = "admin"

    static let serviceAccountPrefix = "system:serviceaccount:"

    /// `system:serviceaccount:<namespace>:<name>`, the user name of a service account.
    public static func serviceAccountUserName(namespace: String, name: String) -> String {
        "\(serviceAccountPrefix)\(namespace):\(name)"
    }

    /// A service account's identity, as its token authenticates: the groups
    /// `system:serviceaccounts`, `system:serviceaccounts:<namespace>` and `system:authenticated`.
    public static func serviceAccount(namespace: String, name: String, uid: String) -> UserInfo {
        UserInfo(name: serviceAccountUserName(namespace: namespace, name: name), uid: uid,
                 groups: [serviceAccountsGroup, "\(serviceAccountsGroup):\(namespace)", authenticatedGroup])
    }

    /// The namespace and name when this is a service account's user name.
    public var serviceAccount: (namespace: String, name: String)? {
        guard name.hasPrefix(Self.serviceAccountPrefix) else { return nil }
        let parts = name.dropFirst(Self.serviceAccountPrefix.count).split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    public var isPrivileged: Bool { groups.contains(Self.mastersGroup) }
}
