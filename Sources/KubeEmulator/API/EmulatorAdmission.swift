import KubeCore
import KubeMachinery

/// Admission for the emulator. Custom resources are pruned, defaulted and validated against
/// their CRD's structural schema, in kube-apiserver's order (prune unknown fields, drop nulls,
/// default, validate); unknown fields are warnings, or a 400 with `fieldValidation=Strict`.
/// CustomResourceDefinitions must carry structural schemas and a name of `<plural>.<group>`.
/// Other built-in kinds are stored as sent. CEL rules (`x-kubernetes-validations`) are kept but
/// not evaluated.
struct EmulatorAdmission: Admission {
    func admit(_ def: ResourceDefinition, old: JSONValue?, new: JSONValue, options: WriteContext) throws -> (object: JSONValue, warnings: [String]) {
        if def.isCustom, let schema = def.schema { return try admitCustomResource(def, new, schema: schema, options: options) }
        if def.storageKey == "apiextensions.k8s.io/customresourcedefinitions" { try validateCRD(def, new) }
        return (new, [])
    }

    private func admitCustomResource(_ def: ResourceDefinition, _ obj: JSONValue, schema: StructuralSchema, options: WriteContext) throws -> (object: JSONValue, warnings: [String]) {
        var o = obj
        let metadata = o["metadata"]
        let unknown = SchemaDecoding.apply(&o, schema: schema)
        o["metadata"] = metadata
        var warnings: [String] = []
        if !unknown.isEmpty {
            switch options.fieldValidation {
            case "Strict": throw APIError.badRequest(SchemaPruning.strictDecodingErrorMessage(unknown))
            case "Ignore": break
            default: warnings = unknown.map(SchemaPruning.unknownFieldMessage)
            }
        }
        let errors = SchemaValidation.validateCustomResource(o, schema: schema)
        if !errors.isEmpty {
            throw APIError(status: SchemaInvalidStatus.make(kind: def.kind, group: def.group, name: o.name ?? "", errors: errors))
        }
        return (o, warnings)
    }

    private func validateCRD(_ def: ResourceDefinition, _ obj: JSONValue) throws {
        let crd: CustomResourceDefinition
        do { crd = try obj.decode(as: CustomResourceDefinition.self) } catch {
            throw APIError.badRequest("CustomResourceDefinition could not be decoded: \(error)")
        }
        var causes: [StatusCause] = []
        if let spec = crd.spec {
            let expected = "\(spec.names.plural).\(spec.group)"
            if crd.metadata.name != expected {
                causes.append(StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(crd.metadata.name ?? "")\": must be spec.names.plural+\".\"+spec.group", field: "metadata.name"))
            }
            for v in spec.versions {
                do { _ = try StructuralSchema.forVersion(v.name, of: crd) } catch let e as StructuralSchemaError {
                    causes += e.causes
                } catch {
                    causes.append(StatusCause(reason: "FieldValueInvalid", message: "\(error)", field: "spec.versions.schema.openAPIV3Schema"))
                }
            }
            if spec.versions.filter({ $0.storage }).count != 1 {
                causes.append(StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\": must have exactly one version marked as storage version", field: "spec.versions"))
            }
        }
        if !causes.isEmpty {
            throw APIError(status: SchemaInvalidStatus.make(kind: def.kind, group: def.group, name: crd.metadata.name ?? "", causes: causes))
        }
    }
}
