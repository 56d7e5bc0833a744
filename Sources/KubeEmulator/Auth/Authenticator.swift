import Foundation
import KubeCore

/// Bearer-token authentication, as kube-apiserver's chain of token authenticators:
///
/// 1. static tokens (`--token-auth-file`): ``Emulator/Configuration/tokens`` maps a token to a
///    user name and ``Emulator/Configuration/groups`` gives that user's groups (the file's
///    groups column); the user `admin` of the generated admin token is in `system:masters`;
/// 2. service-account tokens issued by the TokenRequest API (``ServiceAccountTokens``).
///
/// Every authenticated user is also in `system:authenticated`, as kube-apiserver's group
/// adder makes it. An unknown, expired or revoked token authenticates nobody (401).
final class Authenticator: Sendable {
    let staticTokens: [String: String]
    let staticGroups: [String: [String]]
    let serviceAccountTokens = ServiceAccountTokens()

    /// The audience tokens must be issued for to authenticate to the API server (kube-apiserver's
    /// `--api-audiences`, defaulting to its service-account issuer). TokenRequests without
    /// `spec.audiences` get it.
    static let apiAudience = "https://kubernetes.default.svc.cluster.local"

    init(staticTokens: [String: String], staticGroups: [String: [String]] = [:]) {
        self.staticTokens = staticTokens
        self.staticGroups = staticGroups
    }

    /// The user a bearer token stands for, or nil.
    func authenticate(bearer token: String, store: ObjectStore, now: Date) -> UserInfo? {
        if let name = staticTokens[token] {
            var groups = staticGroups[name] ?? []
            if name == UserInfo.adminName, !groups.contains(UserInfo.mastersGroup) { groups.insert(UserInfo.mastersGroup, at: 0) }
            if !groups.contains(UserInfo.authenticatedGroup) { groups.append(UserInfo.authenticatedGroup) }
            return UserInfo(name: name, groups: groups)
        }
        guard let claims = serviceAccountTokens.claims(for: token) else { return nil }
        return Self.validate(claims, store: store, now: now)
    }

    /// kube-apiserver's service-account token validation: not expired (with a minute's leeway),
    /// issued for the API server's audience, and the service account, and any object the token
    /// is bound to, still exist with the uid the token was issued for (a token outlives neither
    /// a deleted nor a recreated service account).
    static func validate(_ claims: ServiceAccountTokens.Claims, store: ObjectStore, now: Date) -> UserInfo? {
        guard now <= claims.expires.addingTimeInterval(ServiceAccountTokens.leeway) else { return nil }
        guard claims.audiences.contains(apiAudience) else { return nil }
        guard live(store.get("serviceaccounts", namespace: claims.namespace, name: claims.serviceAccount), uid: claims.serviceAccountUID, now: now) else { return nil }
        if let bound = claims.bound {
            guard live(store.get(bound.storageKey, namespace: bound.namespace, name: bound.name), uid: bound.uid, now: now) else { return nil }
        }
        return UserInfo.serviceAccount(namespace: claims.namespace, name: claims.serviceAccount, uid: claims.serviceAccountUID)
    }

    /// The object exists with that uid and was not deleted more than the leeway ago.
    static func live(_ object: JSONValue?, uid: String, now: Date) -> Bool {
        guard let object, object.uid == uid else { return false }
        if let ts = object["metadata"]["deletionTimestamp"].stringValue, let deleted = Time(rfc3339: ts),
           deleted.date < now.addingTimeInterval(-ServiceAccountTokens.leeway) {
            return false
        }
        return true
    }
}
