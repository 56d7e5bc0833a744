import Crypto
import Foundation
import Synchronization

/// The service-account tokens issued by the TokenRequest API
/// (`POST .../serviceaccounts/<name>/token`) and what each is bound to.
///
/// kube-apiserver issues signed JWTs whose claims name the service account (and optionally a
/// Pod, Secret or Node) with its uid; the emulator issues random opaque tokens and keeps the same
/// claims here. A token is remembered only by its SHA-256 digest, so the token itself is never
/// kept or logged; entries are forgotten once expired.
final class ServiceAccountTokens: Sendable {
    /// An object a token is bound to: the token stops working once it is gone or replaced
    /// (its uid differs), as kube-apiserver's bound-token validator decides.
    struct BoundObject: Sendable, Equatable {
        var storageKey: String
        var namespace: String
        var name: String
        var uid: String
    }

    /// The claims of one issued token.
    struct Claims: Sendable {
        var namespace: String
        var serviceAccount: String
        var serviceAccountUID: String
        var expires: Date
        var audiences: [String]
        var bound: BoundObject?
    }

    private let issued = Mutex<[[UInt8]: Claims]>([:])

    /// kube-apiserver validates `exp` with go-jose's default leeway of one minute: a token is
    /// still accepted up to 60 s after its expirationTimestamp. The same leeway applies to the
    /// deletion of the objects it is bound to (`invalidIfDeletedBefore = now - 60s`).
    static let leeway: TimeInterval = 60

    /// A new random token (256 bits, base64url) for `claims`.
    func issue(_ claims: Claims, now: Date) -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let token = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let key = Self.digest(token)
        issued.withLock { m in
            m = m.filter { $0.value.expires.addingTimeInterval(Self.leeway) >= now }
            m[key] = claims
        }
        return token
    }

    /// The claims of a token this emulator issued (expired or not), or nil.
    func claims(for token: String) -> Claims? {
        let key = Self.digest(token)
        return issued.withLock { $0[key] }
    }

    static func digest(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }
}
