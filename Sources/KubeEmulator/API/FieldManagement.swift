import Foundation
import KubeCore
import KubeMachinery

/// Field ownership for every write, through KubeMachinery's port of structured-merge-diff:
/// each non-apply write becomes an `Update` entry of its manager; server-side apply is in
/// ``APIServer/apply(_:namespace:name:subresource:body:force:options:)``.
struct ManagedFieldTracker: FieldTracker {
    let schemas: SchemaLookup

    func update(_ def: ResourceDefinition, old: JSONValue?, new: JSONValue, manager: String, subresource: String?, now: Date) -> JSONValue {
        FieldManager.update(old: old, new: new, manager: manager, schema: schemas.schema(for: def), now: Time(now).description, subresource: subresource, apiVersion: def.apiVersion, ignoring: Self.ignored(def, subresource: subresource))
    }

    /// The fields an endpoint resets and so neither owns nor compares: `status` on the main
    /// resource when status is a subresource, `spec` on `/status` (the registry strategies'
    /// `ResetFieldsFor` sets).
    static func ignored(_ def: ResourceDefinition, subresource: String?) -> FieldSet {
        if subresource == "status" { return FieldSet([FieldPath(fields: "spec")]) }
        if subresource == nil && def.hasStatus { return FieldSet([FieldPath(fields: "status")]) }
        return FieldSet()
    }
}

/// Finds the schema information (list types, atomic objects) of a resource: tables for
/// built-in kinds, the structural schema for custom resources.
struct SchemaLookup: Sendable {
    func schema(for def: ResourceDefinition) -> any SchemaInfo {
        if def.isCustom { return CustomResourceSchemas.schemaInfo(for: def) }
        return BuiltinSchemas.knows(group: def.group, kind: def.kind) ? BuiltinSchemas.schema(group: def.group, kind: def.kind) : BuiltinSchemas.objectMetaOnly
    }
}

/// Schema information of custom resources (from the CRD's structural schema).
enum CustomResourceSchemas {
    static func schemaInfo(for def: ResourceDefinition) -> any SchemaInfo {
        def.schema.map { CRDSchemaInfo(schema: $0) } ?? BuiltinSchemas.objectMetaOnly
    }
}
