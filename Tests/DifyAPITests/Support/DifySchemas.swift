import DifyAPI
import KubeCore
import KubeMachinery
import Testing

/// The generated CRDs as KubeMachinery sees them (what the emulator serves them with).
enum DifySchemas {
    /// The structural schema of the only version of `crd`; fails the test when not structural.
    static func structural(_ crd: JSONValue) throws -> StructuralSchema {
        let definition = try crd.decode(as: CustomResourceDefinition.self)
        return try #require(try StructuralSchema.forVersion(DifyAPIGroup.version, of: definition))
    }

    static func model() throws -> StructuralSchema { try structural(DifyCRDs.difyModel) }
    static func deployment() throws -> StructuralSchema { try structural(DifyCRDs.difyDeployment) }

    /// The schema of the custom resource `object` (by its `kind`).
    static func forObject(_ object: JSONValue) throws -> StructuralSchema {
        switch object["kind"].stringValue {
        case DifyModel.kind: return try model()
        case DifyDeployment.kind: return try deployment()
        default: throw SchemaLookupError(kind: object["kind"].stringValue ?? "")
        }
    }

    struct SchemaLookupError: Error { var kind: String }

    /// What kube-apiserver does to a create request's body before storing it: prune, drop
    /// non-nullable nulls, default; then the schema validation (not CEL). Returns the stored
    /// object, the pruned paths and the validation errors.
    static func admit(_ object: JSONValue) throws -> (object: JSONValue, pruned: [String], errors: [SchemaFieldError]) {
        let schema = try forObject(object)
        var stored = object
        let pruned = SchemaDecoding.apply(&stored, schema: schema)
        return (stored, pruned, SchemaValidation.validateCustomResource(stored, schema: schema))
    }
}
