import KubeCore

/// The object a reconcile is about: namespace (nil for cluster-scoped kinds) and name.
/// As in controller-runtime, a request carries no event type or object: the reconciler reads
/// the current state from the cache and acts on it (level-triggered, not edge-triggered).
public struct ReconcileRequest: Hashable, Sendable, CustomStringConvertible {
    public var namespace: String?
    public var name: String

    public init(namespace: String?, name: String) {
        self.namespace = namespace
        self.name = name
    }

    public var description: String { namespace.map { "\($0)/\(name)" } ?? name }
}

/// What a reconciler asks for after a successful pass.
public enum ReconcileResult: Sendable, Equatable {
    /// Done until something changes.
    case done
    /// Again soon, with the queue's per-item backoff (counts as a retry).
    case requeue
    /// Again after this many seconds (e.g. a schedule or a timeout), without backoff.
    case requeueAfter(seconds: Double)
}

/// The controller-runtime Reconciler contract: make the world match the object's spec, return
/// whether to come back. A thrown error is retried with per-item exponential backoff, except a
/// ``TerminalError``, which is logged and counted but not retried (until the object changes).
public protocol Reconciler: Sendable {
    func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult
}

/// An error retrying cannot fix (an invalid spec, say): not requeued.
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public let underlying: any Error
    public init(_ underlying: any Error) { self.underlying = underlying }
    public var description: String { "terminal error: \(underlying)" }
}
