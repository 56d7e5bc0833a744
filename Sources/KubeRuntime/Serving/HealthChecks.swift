import Synchronization

/// A set of named checks, as controller-runtime's `healthz.Checker`s added with
/// `AddHealthzCheck` / `AddReadyzCheck`. All must pass for the endpoint to answer 200.
public final class HealthChecks: Sendable {
    /// A check: true when healthy / ready.
    public typealias Check = @Sendable () async -> Bool

    private let checks = Mutex<[(name: String, check: Check)]>([])

    public init() {}

    /// Adds (or replaces) the check called `name`.
    public func add(_ name: String, _ check: @escaping Check) {
        checks.withLock { list in
            list.removeAll { $0.name == name }
            list.append((name, check))
        }
    }

    /// Runs every check; answers each name with its result, in the order they were added.
    public func run() async -> [(name: String, passed: Bool)] {
        let current = checks.withLock { $0 }
        var results: [(name: String, passed: Bool)] = []
        for (name, check) in current {
            results.append((name, await check()))
        }
        return results
    }
}
