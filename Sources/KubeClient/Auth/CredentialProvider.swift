/// Supplies the `Authorization` header of each request.
public protocol CredentialProvider: Sendable {
    /// The header value (`Bearer ...`), or nil to send none.
    func authorization() async throws -> String?
    /// Called after a 401: drop any cached credential so the next call fetches a fresh one.
    func invalidate() async
}

/// A fixed bearer token.
public struct StaticTokenProvider: CredentialProvider {
    let token: String
    public init(token: String) { self.token = token }
    public func authorization() async throws -> String? { "Bearer \(token)" }
    public func invalidate() async {}
}

extension CredentialSource {
    /// The provider for this source (nil for `.none`).
    func makeProvider(clock: any KubeClock, server: String) -> (any CredentialProvider)? {
        switch self {
        case .none: return nil
        case .token(let t): return StaticTokenProvider(token: t)
        case .tokenFile(let path, let fallback): return TokenFileProvider(path: path, fallback: fallback, clock: clock)
        case .exec(let config): return ExecCredentialProvider(config: config, server: server, clock: clock)
        }
    }
}
