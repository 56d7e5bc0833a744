import Foundation

/// Time as the client sees it: injectable so tests of retries, token caching and rate limiting
/// run without real waiting.
public protocol KubeClock: Sendable {
    /// Seconds since the Unix epoch.
    func now() -> Double
    func sleep(seconds: Double) async throws
}

/// The real wall clock.
public struct SystemClock: KubeClock {
    public init() {}
    public func now() -> Double { Date().timeIntervalSince1970 }
    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up))))
    }
}
