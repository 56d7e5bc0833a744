/// An event a planner wants recorded about the object it planned for: one per decision a user
/// would want to see (created, scaled, rolled, waiting, invalid). Planners emit them only on
/// transitions, so a reconcile that changes nothing records nothing.
public struct PlannedEvent: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case normal = "Normal"
        case warning = "Warning"
    }

    public var type: Kind
    /// CamelCase, e.g. `ScalingReplicaSet`-style `Scaled` or `RevisionRolledOut`.
    public var reason: String
    public var message: String

    public init(_ type: Kind, _ reason: String, _ message: String) {
        self.type = type
        self.reason = reason
        self.message = message
    }
}
