import KubeCore

/// Validation of custom resources against their CRD's structural schema, reproducing
/// kube-apiserver 1.36 (apiextensions-apiserver + kube-openapi + apimachinery's `field` errors):
///
/// - ``validate(_:schema:rootPath:relativeMessages:)``: the OpenAPI schema validation
///   (`type`, `enum`, bounds, lengths, `pattern`, `format`, `required`, junctors...). Causes look
///   like `spec.replicas` / `FieldValueInvalid` /
///   `Invalid value: -1: spec.replicas in body should be greater than or equal to 0`.
/// - ``validateListSetsAndMaps(_:schema:)``: uniqueness in `set` and `map` lists
///   (`Duplicate value: {"name":"a"}`).
/// - ``validateEmbeddedResources(_:schema:)``: `apiVersion`/`kind` of
///   `x-kubernetes-embedded-resource` values.
/// - ``validateCustomResource(_:schema:)``: the three in kube-apiserver's order.
///
/// Not done here: CEL (`x-kubernetes-validations`, see ``StructuralSchema/rules(at:)``), the root
/// `metadata`/`apiVersion`/`kind` checks and ObjectMeta validation (the server's job), and
/// validation ratcheting on update (kube-apiserver ≥ 1.30 ignores errors in fields an update
/// leaves unchanged; callers may compare with the old object).
///
/// Nulls: kube-apiserver removes `null` values of non-nullable fields without a default when it
/// decodes a request (see ``SchemaPruning/pruneNonNullableNullsWithoutDefaults(_:schema:)``) and
/// replaces non-nullable nulls that have a default by the default (``SchemaDefaulting``), before
/// validating. A `null` that reaches validation (a nullable field, a list item, a value under
/// `x-kubernetes-preserve-unknown-fields`) is accepted only with `nullable: true`, and is still
/// checked against `enum`.
///
/// Ordering: Go visits object properties in random order, so kube-apiserver's order of errors
/// for sibling fields varies between requests; here properties are visited in name order.
public enum SchemaValidation {
    /// OpenAPI schema validation of `value`, as `StatusCause`s.
    ///
    /// - Parameters:
    ///   - rootPath: nil when `value` is the whole object. Otherwise the path of `value` inside
    ///     the object (e.g. `spec` with `schema.properties["spec"]`): fields and messages read as
    ///     if the whole object had been validated.
    ///   - relativeMessages: the `/status` subresource behaviour: kube-apiserver validates the
    ///     `status` value with the status schema, prefixing fields with `rootPath` (`status.phase`)
    ///     while messages keep the relative path (`phase in body should be one of ...`).
    public static func validate(
        _ value: JSONValue, schema: StructuralSchema, rootPath: String? = nil, relativeMessages: Bool = false
    ) -> [StatusCause] {
        fieldErrors(value, schema: schema, rootPath: rootPath, relativeMessages: relativeMessages).map(\.cause)
    }

    /// ``validate(_:schema:rootPath:relativeMessages:)`` as ``SchemaFieldError``s.
    public static func fieldErrors(
        _ value: JSONValue, schema: StructuralSchema, rootPath: String? = nil, relativeMessages: Bool = false
    ) -> [SchemaFieldError] {
        let validator = OpenAPIValidator()
        if relativeMessages {
            let result = validator.validate(schema, value, path: "")
            return toFieldErrors(result, fieldPath: SchemaErrorPath(text: rootPath))
        }
        let result = validator.validate(schema, value, path: rootPath ?? "")
        return toFieldErrors(result, fieldPath: .none)
    }

    /// Everything kube-apiserver checks against the schema on create/update (except CEL and the
    /// object's own metadata): schema validation, embedded resources, then list sets and maps.
    public static func validateCustomResource(_ object: JSONValue, schema: StructuralSchema) -> [SchemaFieldError] {
        fieldErrors(object, schema: schema) + validateEmbeddedResources(object, schema: schema)
            + validateListSetsAndMaps(object, schema: schema)
    }

    /// The 422 `Status` for invalid custom resource causes
    /// (`<Kind>.<group> "<name>" is invalid: [...]`).
    public static func invalidStatus(kind: String, group: String, name: String, causes: [StatusCause]) -> Status {
        SchemaInvalidStatus.make(kind: kind, group: group, name: name, causes: causes)
    }

    /// `kubeOpenAPIResultToFieldErrors`: how kube-apiserver maps kube-openapi errors.
    static func toFieldErrors(_ result: OpenAPIResult, fieldPath: SchemaErrorPath) -> [SchemaFieldError] {
        result.errors.map { err in
            if err.code == .plain { return .invalid(fieldPath.string, "", err.message) }
            var errPath = fieldPath
            if !err.name.isEmpty && err.name != "." {
                errPath = fieldPath.child(err.name.hasPrefix(".") ? String(err.name.dropFirst()) : err.name)
            }
            let field = errPath.string
            switch err.code {
            case .required:
                return .required(field)
            case .enumFail:
                let values = err.values.map { v -> String in
                    if case .string(let s) = v { return s }
                    return GoFormat.jsonSwiftKeyOrder(v)
                }
                return .notSupported(field, err.value ?? .null, values)
            case .tooLong:
                return .tooLong(field, maxLength: err.valid ?? -1)
            case .maxItems, .tooManyProperties:
                var actual: Int64 = -1
                if case .int(let i) = err.value ?? .null { actual = i }
                return .tooMany(field, actual: actual, max: err.valid ?? -1)
            case .invalidType:
                return .typeInvalid(field, err.value ?? "", err.message)
            default:
                return .invalid(field, err.value ?? "", err.message)
            }
        }
    }
}
