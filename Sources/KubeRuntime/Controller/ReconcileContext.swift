import Logging

/// What a reconcile is running for, available to the reconciler through a task-local (the
/// counterpart of controller-runtime's `log.FromContext(ctx)` and `controller.ReconcileIDFromContext`).
///
/// ```swift
/// let log = ReconcileContext.current?.logger ?? fallbackLogger
/// log.info("Scaling up")   // carries controller, reconcileID, namespace, name
/// ```
public struct ReconcileContext: Sendable {
    /// The controller's name.
    public let controller: String
    /// A fresh UUID per reconcile, on every log line of that reconcile.
    public let reconcileID: String
    public let request: ReconcileRequest
    /// The controller's logger with `controller`, `reconcileID`, `namespace` and `name` metadata.
    public let logger: Logger

    /// The reconcile the current task is running, if any.
    @TaskLocal public static var current: ReconcileContext?
}
