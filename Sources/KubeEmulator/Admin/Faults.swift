import KubeCore
import Synchronization

/// Faults tests can inject: HTTP errors (status code, rate, verbs, resources) and latency.
/// Data-plane faults (nodes and zones down, images that never become ready, paused
/// controllers, failing snapshots) live with the simulated controllers.
public final class Faults: Sendable {
    /// One error rule: answer `code` for a fraction `rate` of matching requests.
    public struct ErrorRule: Sendable, Equatable {
        public var code: Int
        public var rate: Double
        /// Verb labels (GET, LIST, WATCH, POST, PUT, PATCH, APPLY, DELETE); empty = all.
        public var verbs: [String]
        /// Resource plurals; empty = all.
        public var resources: [String]
        public init(code: Int, rate: Double = 1, verbs: [String] = [], resources: [String] = []) {
            self.code = code
            self.rate = rate
            self.verbs = verbs
            self.resources = resources
        }
    }

    private struct State { var errors: [ErrorRule] = []; var latencySeconds: Double = 0 }
    private let state = Mutex(State())

    public init() {}

    public func addError(_ rule: ErrorRule) { state.withLock { $0.errors.append(rule) } }
    public func setLatency(seconds: Double) { state.withLock { $0.latencySeconds = max(0, seconds) } }
    public func clear() { state.withLock { $0 = State() } }

    /// The injected answer for a request, after any injected latency; nil to serve normally.
    func intercept(verb: String, resource: String) async -> APIResponse? {
        let (rules, latency) = state.withLock { ($0.errors, $0.latencySeconds) }
        if latency > 0 { try? await Task.sleep(for: .milliseconds(Int64(latency * 1000))) }
        for r in rules where (r.verbs.isEmpty || r.verbs.contains(verb)) && (r.resources.isEmpty || r.resources.contains(resource)) {
            if Double.random(in: 0..<1) < r.rate {
                let reason: String
                switch r.code {
                case 429: reason = StatusReason.tooManyRequests
                case 409: reason = StatusReason.conflict
                case 503: reason = StatusReason.serviceUnavailable
                default: reason = r.code >= 500 ? StatusReason.internalError : "Unknown"
                }
                var e = APIError(code: r.code, reason: reason, message: "injected fault: \(r.code)")
                if r.code == 429 { e.status.details = StatusDetails(retryAfterSeconds: 1) }
                let resp = APIResponse.error(e)
                if r.code == 429, case .full(let s, var h, let b) = resp {
                    h.append(("Retry-After", "1"))
                    return .full(status: s, headers: h, body: b)
                }
                return resp
            }
        }
        return nil
    }
}
