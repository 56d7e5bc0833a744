import Foundation

/// `metav1.Condition`: one observation of an object's state, as in `status.conditions`.
///
/// `lastTransitionTime` changes only when `status` flips (API conventions); use
/// ``Condition/set(_:in:now:)`` to update a list with that rule.
public struct Condition: Codable, Sendable, Equatable {
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: ConditionStatus
    public var observedGeneration: Int64?
    public var lastTransitionTime: Time
    /// CamelCase, machine-readable.
    public var reason: String
    public var message: String

    public init(type: String, status: ConditionStatus, reason: String, message: String = "", observedGeneration: Int64? = nil, lastTransitionTime: Time) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
    }

    /// Puts `condition` into `conditions`, replacing one of the same type. The existing
    /// `lastTransitionTime` is kept unless the status changed (then `now` is used).
    public static func set(_ condition: Condition, in conditions: inout [Condition], now: Date) {
        var c = condition
        if let i = conditions.firstIndex(where: { $0.type == condition.type }) {
            c.lastTransitionTime = conditions[i].status == condition.status ? conditions[i].lastTransitionTime : Time(now)
            conditions[i] = c
        } else {
            c.lastTransitionTime = Time(now)
            conditions.append(c)
        }
    }
}

/// The three values of a condition's `status`.
public enum ConditionStatus: String, Codable, Sendable {
    case `true` = "True"
    case `false` = "False"
    case unknown = "Unknown"
}
