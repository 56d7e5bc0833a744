import Foundation
import KubeCore

/// What happens to an object between the request and storage, per kind: defaulting, pruning
/// and validation (for custom resources, from the CRD's structural schema). Returns the object
/// to store and any warnings; throws a 422 for invalid objects.
protocol Admission: Sendable {
    func admit(_ def: ResourceDefinition, old: JSONValue?, new: JSONValue, options: WriteContext) throws -> (object: JSONValue, warnings: [String])
}

/// Tracks field ownership (`metadata.managedFields`) for non-apply writes.
protocol FieldTracker: Sendable {
    func update(_ def: ResourceDefinition, old: JSONValue?, new: JSONValue, manager: String, subresource: String?, now: Date) -> JSONValue
}
