import KubeCore

/// Why a schema cannot serve a custom resource: the field errors kube-apiserver reports when the
/// CustomResourceDefinition is created (`spec.versions[0].schema.openAPIV3Schema...`).
public struct StructuralSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem found, with its field path in the CRD.
    public var errors: [SchemaFieldError]
    /// The errors as `StatusCause`s, for a 422 about the CRD (see ``SchemaInvalidStatus``).
    public var causes: [StatusCause] { errors.map(\.cause) }
    /// The errors as kube-apiserver aggregates them (`[e1, e2]`).
    public var description: String { SchemaInvalidStatus.aggregate(errors.map(\.description)) ?? "" }
}

extension StructuralSchema {
    /// Parses an `openAPIV3Schema` and checks that it is structural.
    ///
    /// - Parameters:
    ///   - fieldPath: where the schema sits in the CRD, used in error fields
    ///     (e.g. `spec.versions[0].schema.openAPIV3Schema`).
    ///   - checkCRDRules: also apply kube-apiserver's CRD validation rules (forbidden keywords such
    ///     as `$ref` and `uniqueItems: true`, list/map type consistency, the structural
    ///     invariants: `type` required below the root, junctors only carrying value validations,
    ///     metadata restricted to `name`/`generateName`, ...). With `false` the JSON is only parsed.
    /// - Throws: ``StructuralSchemaError`` listing every problem.
    ///
    /// `default` values are pruned against their own node, as kube-apiserver does before serving.
    public init(_ json: JSONValue, fieldPath: String = "openAPIV3Schema", checkCRDRules: Bool = true) throws {
        var parser = SchemaParser()
        let root = SchemaErrorPath(fieldPath)
        let node = parser.parse(json, path: root)
        var errors = parser.errors
        if checkCRDRules && errors.isEmpty {
            var checker = CRDSchemaRules()
            checker.check(node, path: root, isRoot: true)
            errors += checker.errors
            errors += StructuralInvariants.validate(node, path: root)
        }
        if !errors.isEmpty { throw StructuralSchemaError(errors: errors) }
        self = node.withPrunedDefaults()
    }

    /// The structural schema of `version` of a CRD, or nil when that version has no schema.
    /// Errors use the field paths of the CRD (`spec.versions[i].schema.openAPIV3Schema`).
    public static func forVersion(_ version: String, of crd: CustomResourceDefinition) throws -> StructuralSchema? {
        guard let spec = crd.spec, let i = spec.versions.firstIndex(where: { $0.name == version }),
            let json = spec.versions[i].schema?.openAPIV3Schema
        else { return nil }
        return try StructuralSchema(json, fieldPath: "spec.versions[\(i)].schema.openAPIV3Schema")
    }

    /// Defaults pruned like `structuraldefaulting.PruneDefaults`: unknown fields are dropped
    /// from each default according to the node's own schema.
    func withPrunedDefaults() -> StructuralSchema {
        var copy = self
        if var value = copy.defaultValue {
            SchemaPruner.prune(&value, schema: copy, isResourceRoot: false)
            copy.defaultValue = value
        }
        copy.properties = properties.mapValues { $0.withPrunedDefaults() }
        copy.items = items?.withPrunedDefaults()
        if case .schema(let s) = additionalProperties { copy.additionalProperties = .schema(s.withPrunedDefaults()) }
        return copy
    }
}

/// Reads the JSON of a schema node, recording shape errors with their field paths.
struct SchemaParser {
    var errors: [SchemaFieldError] = []

    static let unsupported = ["id", "$schema", "$ref", "patternProperties", "dependencies", "additionalItems", "definitions"]

    mutating func parse(_ json: JSONValue, path: SchemaErrorPath) -> StructuralSchema {
        var s = StructuralSchema()
        s.json = json
        guard case .object(let o) = json else {
            errors.append(.invalid(path.string, json, "must be an object"))
            return s
        }
        s.type = string(o, "type", path)
        s.format = string(o, "format", path)
        s.title = string(o, "title", path)
        s.description = string(o, "description", path)
        s.pattern = string(o, "pattern", path)
        s.defaultValue = o["default"].flatMap { $0.isNull ? nil : $0 }
        s.example = o["example"].flatMap { $0.isNull ? nil : $0 }
        s.externalDocs = o["externalDocs"].flatMap { $0.isNull ? nil : $0 }
        s.nullable = bool(o, "nullable", path) ?? false
        s.exclusiveMaximum = bool(o, "exclusiveMaximum", path) ?? false
        s.exclusiveMinimum = bool(o, "exclusiveMinimum", path) ?? false
        s.uniqueItems = bool(o, "uniqueItems", path) ?? false
        s.maximum = number(o, "maximum", path)
        s.minimum = number(o, "minimum", path)
        s.multipleOf = number(o, "multipleOf", path)
        s.maxLength = integer(o, "maxLength", path)
        s.minLength = integer(o, "minLength", path)
        s.maxItems = integer(o, "maxItems", path)
        s.minItems = integer(o, "minItems", path)
        s.maxProperties = integer(o, "maxProperties", path)
        s.minProperties = integer(o, "minProperties", path)
        if let e = o["enum"], !e.isNull {
            if let a = e.arrayValue { s.enumValues = a } else { errors.append(.invalid(path.child("enum").string, e, "must be an array")) }
        }
        s.required = strings(o, "required", path) ?? []
        s.listMapKeys = strings(o, "x-kubernetes-list-map-keys", path) ?? []
        s.listType = string(o, "x-kubernetes-list-type", path)
        s.mapType = string(o, "x-kubernetes-map-type", path)
        s.preserveUnknownFields = bool(o, "x-kubernetes-preserve-unknown-fields", path) ?? false
        s.embeddedResource = bool(o, "x-kubernetes-embedded-resource", path) ?? false
        s.intOrString = bool(o, "x-kubernetes-int-or-string", path) ?? false
        s.validationRules = rules(o, path)

        if let p = o["properties"], !p.isNull {
            if let props = p.objectValue {
                for (k, v) in props { s.properties[k] = parse(v, path: path.child("properties").key(k)) }
            } else {
                errors.append(.invalid(path.child("properties").string, p, "must be an object"))
            }
        }
        if let i = o["items"], !i.isNull {
            if case .array = i {
                // Kept out of the structure; CRD rules report it (items must be a schema object).
            } else {
                s.items = parse(i, path: path.child("items"))
            }
        }
        if let a = o["additionalProperties"], !a.isNull {
            if case .bool(let b) = a { s.additionalProperties = .allowed(b) } else { s.additionalProperties = .schema(parse(a, path: path.child("additionalProperties"))) }
        }
        s.allOf = list(o, "allOf", path)
        s.anyOf = list(o, "anyOf", path)
        s.oneOf = list(o, "oneOf", path)
        if let n = o["not"], !n.isNull { s.not = parse(n, path: path.child("not")) }
        return s
    }

    /// The value of `o[key]` as `extract` reads it; nil when absent or null, and nil with an
    /// `Invalid value: …: must be <expected>` error when it is of another type.
    private mutating func field<T>(
        _ o: [String: JSONValue], _ key: String, _ path: SchemaErrorPath, _ expected: String, _ extract: (JSONValue) -> T?
    ) -> T? {
        guard let v = o[key], !v.isNull else { return nil }
        if let t = extract(v) { return t }
        errors.append(.invalid(path.child(key).string, v, "must be \(expected)"))
        return nil
    }

    private mutating func string(_ o: [String: JSONValue], _ key: String, _ path: SchemaErrorPath) -> String? {
        field(o, key, path, "a string") { $0.stringValue }
    }

    private mutating func bool(_ o: [String: JSONValue], _ key: String, _ path: SchemaErrorPath) -> Bool? {
        field(o, key, path, "a boolean") { $0.boolValue }
    }

    private mutating func number(_ o: [String: JSONValue], _ key: String, _ path: SchemaErrorPath) -> Double? {
        field(o, key, path, "a number") { $0.doubleValue }
    }

    private mutating func integer(_ o: [String: JSONValue], _ key: String, _ path: SchemaErrorPath) -> Int64? {
        field(o, key, path, "an integer") { $0.intValue }
    }

    private mutating func strings(_ o: [String: JSONValue], _ key: String, _ path: SchemaErrorPath) -> [String]? {
        field(o, key, path, "an array of strings") { v in
            guard let a = v.arrayValue, a.allSatisfy({ $0.stringValue != nil }) else { return nil }
            return a.map { $0.stringValue! }
        }
    }

    private mutating func list(_ o: [String: JSONValue], _ key: String, _ path: SchemaErrorPath) -> [StructuralSchema] {
        guard let v = o[key], !v.isNull else { return [] }
        guard let a = v.arrayValue else {
            errors.append(.invalid(path.child(key).string, v, "must be an array"))
            return []
        }
        return a.enumerated().map { parse($0.element, path: path.child(key).index($0.offset)) }
    }

    private mutating func rules(_ o: [String: JSONValue], _ path: SchemaErrorPath) -> [ValidationRule] {
        guard let v = o["x-kubernetes-validations"], !v.isNull else { return [] }
        guard let a = v.arrayValue else {
            errors.append(.invalid(path.child("x-kubernetes-validations").string, v, "must be an array"))
            return []
        }
        return a.map { r in
            ValidationRule(
                rule: r["rule"].stringValue ?? "", message: r["message"].stringValue,
                messageExpression: r["messageExpression"].stringValue, reason: r["reason"].stringValue,
                fieldPath: r["fieldPath"].stringValue, optionalOldSelf: r["optionalOldSelf"].boolValue, json: r)
        }
    }
}
