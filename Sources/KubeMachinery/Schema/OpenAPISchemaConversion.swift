import KubeCore

/// How kube-apiserver turns a CRD's structural schema into the published OpenAPI schema
/// (apiextensions' `Unfold`, `ToStructuralOpenAPIV2`, `ToKubeOpenAPI`).
enum OpenAPISchemaConversion {
    /// `Unfold`: an `x-kubernetes-int-or-string` node gets `anyOf: [{type: integer}, {type: string}]`
    /// (or `allOf: [{anyOf: [...]}, ...]` when it already has another `anyOf`).
    static func unfold(_ s: StructuralSchema) -> StructuralSchema {
        var out = s
        if s.intOrString && !StructuralSchema.isIntOrStringAnyOf(s.anyOf) && !(s.allOf.first.map { StructuralSchema.isIntOrStringAnyOf($0.anyOf) } ?? false) {
            var int = StructuralSchema()
            int.type = "integer"
            var str = StructuralSchema()
            str.type = "string"
            if s.anyOf.isEmpty {
                out.anyOf = [int, str]
            } else {
                var wrapper = StructuralSchema()
                wrapper.anyOf = [int, str]
                out.allOf = [wrapper] + s.allOf
            }
        }
        out.properties = s.properties.mapValues(unfold)
        out.items = s.items.map(unfold)
        if case .schema(let ap) = s.additionalProperties { out.additionalProperties = .schema(unfold(ap)) }
        return out
    }

    /// `ToStructuralOpenAPIV2`: what kubectl's OpenAPI v2 code copes with. Junctors go; nullable
    /// nodes lose `type`, `items` and `properties` (and their names leave the parent's
    /// `required`); preserve-unknown-fields nodes lose `items`/`properties` (and `type: object`);
    /// arrays without items lose their type.
    static func toV2(_ s: StructuralSchema) -> StructuralSchema {
        var out = s
        out.allOf = []
        out.anyOf = []
        out.oneOf = []
        out.not = nil
        if out.nullable {
            out.type = nil
            out.nullable = false
            out.items = nil
            out.properties = [:]
        }
        if out.preserveUnknownFields {
            out.items = nil
            out.properties = [:]
        }
        if out.items == nil && out.type == "array" { out.type = nil }
        if out.preserveUnknownFields && out.type == "object" { out.type = nil }
        out.required = out.required.filter { out.properties[$0]?.nullable != true }
        if out.additionalProperties?.schema?.nullable == true { out.required = [] }
        out.properties = out.properties.mapValues(toV2)
        out.items = out.items.map(toV2)
        if case .schema(let ap) = out.additionalProperties { out.additionalProperties = .schema(toV2(ap)) }
        return out
    }

    /// `Structural.ToKubeOpenAPI` serialised: only set fields appear.
    static func json(_ s: StructuralSchema) -> JSONValue {
        var o: [String: JSONValue] = [:]
        if let t = s.type, !t.isEmpty { o["type"] = .string(t) }
        if s.nullable { o["nullable"] = true }
        if let d = s.description, !d.isEmpty { o["description"] = .string(d) }
        if let t = s.title, !t.isEmpty { o["title"] = .string(t) }
        if let d = s.defaultValue { o["default"] = d }
        if let e = s.externalDocs { o["externalDocs"] = e }
        if let e = s.example { o["example"] = e }
        if s.preserveUnknownFields { o["x-kubernetes-preserve-unknown-fields"] = true }
        if s.embeddedResource { o["x-kubernetes-embedded-resource"] = true }
        if s.intOrString { o["x-kubernetes-int-or-string"] = true }
        if !s.listMapKeys.isEmpty { o["x-kubernetes-list-map-keys"] = .array(s.listMapKeys.map { .string($0) }) }
        if let l = s.listType { o["x-kubernetes-list-type"] = .string(l) }
        if let m = s.mapType { o["x-kubernetes-map-type"] = .string(m) }
        if !s.validationRules.isEmpty { o["x-kubernetes-validations"] = .array(s.validationRules.map(ruleJSON)) }
        if let f = s.format, !f.isEmpty { o["format"] = .string(f) }
        if let v = s.maximum { o["maximum"] = number(v) }
        if s.exclusiveMaximum { o["exclusiveMaximum"] = true }
        if let v = s.minimum { o["minimum"] = number(v) }
        if s.exclusiveMinimum { o["exclusiveMinimum"] = true }
        if let v = s.maxLength { o["maxLength"] = .int(v) }
        if let v = s.minLength { o["minLength"] = .int(v) }
        if let p = s.pattern, !p.isEmpty { o["pattern"] = .string(p) }
        if let v = s.maxItems { o["maxItems"] = .int(v) }
        if let v = s.minItems { o["minItems"] = .int(v) }
        if s.uniqueItems { o["uniqueItems"] = true }
        if let v = s.multipleOf { o["multipleOf"] = number(v) }
        if let e = s.enumValues { o["enum"] = .array(e) }
        if let v = s.maxProperties { o["maxProperties"] = .int(v) }
        if let v = s.minProperties { o["minProperties"] = .int(v) }
        if !s.required.isEmpty { o["required"] = .array(s.required.map { .string($0) }) }
        if !s.allOf.isEmpty { o["allOf"] = .array(s.allOf.map(json)) }
        if !s.anyOf.isEmpty { o["anyOf"] = .array(s.anyOf.map(json)) }
        if !s.oneOf.isEmpty { o["oneOf"] = .array(s.oneOf.map(json)) }
        if let n = s.not { o["not"] = json(n) }
        if let items = s.items { o["items"] = json(items) }
        if !s.properties.isEmpty { o["properties"] = .object(s.properties.mapValues(json)) }
        switch s.additionalProperties {
        case .schema(let ap): o["additionalProperties"] = json(ap)
        case .allowed(let b): o["additionalProperties"] = .bool(b)
        case nil: break
        }
        return .object(o)
    }

    private static func number(_ d: Double) -> JSONValue {
        if d.rounded() == d && abs(d) < 9e15 { return .int(Int64(d)) }
        return .double(d)
    }

    /// `apiextensionsv1.ValidationRule` as JSON (empty fields omitted).
    static func ruleJSON(_ r: ValidationRule) -> JSONValue {
        var o: [String: JSONValue] = ["rule": .string(r.rule)]
        if let m = r.message, !m.isEmpty { o["message"] = .string(m) }
        if let m = r.messageExpression, !m.isEmpty { o["messageExpression"] = .string(m) }
        if let m = r.reason { o["reason"] = .string(m) }
        if let m = r.fieldPath, !m.isEmpty { o["fieldPath"] = .string(m) }
        if let b = r.optionalOldSelf { o["optionalOldSelf"] = .bool(b) }
        return .object(o)
    }
}

/// Walks published schemas (properties, items, additionalProperties, junctors), for the
/// rewrites between OpenAPI v2 and v3.
enum OpenAPISchemaWalk {
    static func map(_ schema: JSONValue, _ f: (JSONValue) -> JSONValue) -> JSONValue {
        guard case .object(var o) = schema else { return schema }
        if case .object(let props)? = o["properties"] { o["properties"] = .object(props.mapValues { map($0, f) }) }
        if let items = o["items"], case .object = items { o["items"] = map(items, f) }
        if let ap = o["additionalProperties"], case .object = ap { o["additionalProperties"] = map(ap, f) }
        for key in ["allOf", "anyOf", "oneOf"] {
            if case .array(let list)? = o[key] { o[key] = .array(list.map { map($0, f) }) }
        }
        if let not = o["not"] { o["not"] = map(not, f) }
        return f(.object(o))
    }

    /// OpenAPI v3 form: references point to `#/components/schemas/`, and a reference with
    /// siblings (e.g. a description) is wrapped as `allOf: [{$ref}]` (kube-openapi `WrapRefs`).
    static func toV3(_ schema: JSONValue) -> JSONValue {
        map(schema) { node in
            guard case .object(var o) = node, case .string(let ref)? = o["$ref"] else { return node }
            let v3 = ref.hasPrefix("#/definitions/") ? "#/components/schemas/" + ref.dropFirst("#/definitions/".count) : ref
            if o.count == 1 { return ["$ref": .string(v3)] }
            o.removeValue(forKey: "$ref")
            o["allOf"] = [["$ref": .string(v3)]]
            return .object(o)
        }
    }

    /// kube-openapi `PruneDefaults`: the v2 document carries no `default`s.
    static func pruneDefaults(_ schema: JSONValue) -> JSONValue {
        map(schema) { node in
            guard case .object(var o) = node else { return node }
            o.removeValue(forKey: "default")
            return .object(o)
        }
    }
}
