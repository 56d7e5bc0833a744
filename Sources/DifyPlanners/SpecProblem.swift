/// Why a spec cannot be acted on: the field at fault, a CamelCase reason (the `Validated`
/// condition's reason and the event's reason) and a message for the user that says what
/// would work instead.
public struct SpecProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The JSON path of the field at fault, e.g. `spec.resources.gpu.mig.profile`.
    public var field: String
    /// CamelCase, machine-readable, e.g. `ModelDoesNotFit`.
    public var reason: String
    /// Human-readable, naming the field and what would work.
    public var message: String

    public init(field: String, reason: String, message: String) {
        self.field = field
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
