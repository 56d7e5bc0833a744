import Foundation
import KubeCore

/// Builds a `status.conditions` list from the previous one: `lastTransitionTime` is kept unless
/// the status flipped (API conventions), and each condition carries the generation it
/// describes.
struct ConditionList {
    private(set) var conditions: [Condition]
    let generation: Int64?
    let now: Date

    init(previous: [Condition]?, generation: Int64?, now: Date) {
        self.conditions = previous ?? []
        self.generation = generation
        self.now = now
    }

    mutating func set(_ type: String, _ status: ConditionStatus, reason: String, message: String) {
        Condition.set(Condition(type: type, status: status, reason: reason, message: message, observedGeneration: generation, lastTransitionTime: Time(now)), in: &conditions, now: now)
    }

    func status(of type: String) -> ConditionStatus? { conditions.first { $0.type == type }?.status }
}
