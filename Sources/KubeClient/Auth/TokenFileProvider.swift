import Foundation
import Synchronization

/// A bearer token read from a file and re-read every `refreshSeconds` (and after a 401), because
/// projected service-account tokens are rotated by the kubelet. client-go re-reads once a minute.
/// If a re-read fails, the last good token keeps being used.
public final class TokenFileProvider: CredentialProvider {
    public static let defaultRefreshSeconds: Double = 60

    public let path: String
    let fallback: String?
    let refreshSeconds: Double
    let clock: any KubeClock
    private struct Cached { var token: String; var readAt: Double }
    private let cache = Mutex<Cached?>(nil)

    public init(path: String, fallback: String? = nil, refreshSeconds: Double = TokenFileProvider.defaultRefreshSeconds, clock: any KubeClock = SystemClock()) {
        self.path = path
        self.fallback = fallback
        self.refreshSeconds = refreshSeconds
        self.clock = clock
    }

    public func authorization() async throws -> String? {
        let now = clock.now()
        if let c = cache.withLock({ $0 }), now - c.readAt < refreshSeconds { return "Bearer \(c.token)" }
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !token.isEmpty {
                cache.withLock { $0 = Cached(token: token, readAt: now) }
                return "Bearer \(token)"
            }
        }
        if let c = cache.withLock({ $0 }) { return "Bearer \(c.token)" }
        if let fallback { return "Bearer \(fallback)" }
        throw KubeError.authentication("cannot read token file \(path)")
    }

    public func invalidate() async {
        cache.withLock { c in c?.readAt = -Double.infinity }
    }
}
