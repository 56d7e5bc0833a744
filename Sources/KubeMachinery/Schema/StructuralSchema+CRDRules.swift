import KubeCore

/// The per-node rules of apiextensions' `ValidateCustomResourceDefinitionOpenAPISchema`
/// (a useful subset: forbidden keywords, list/map types, list-map keys, CEL rule shape).
struct CRDSchemaRules {
    var errors: [SchemaFieldError] = []

    static let types = ["array", "boolean", "integer", "number", "object", "string"]

    mutating func check(_ s: StructuralSchema, path: SchemaErrorPath, isRoot: Bool = false, insideMeta: Bool = false) {
        if isRoot && s.nullable {
            errors.append(.forbidden(path.child("nullable").string, "nullable cannot be true at the root"))
        }
        if let type = s.type, !type.isEmpty, !Self.types.contains(type) {
            errors.append(.notSupported(path.child("type").string, .string(type), Self.types))
        }
        let o = s.json.objectValue ?? [:]
        let forbidden: [(String, String)] = [
            ("id", "id is not supported"), ("additionalItems", "additionalItems is not supported"),
            ("patternProperties", "patternProperties is not supported"), ("definitions", "definitions is not supported"),
            ("dependencies", "dependencies is not supported"), ("$ref", "$ref is not supported"),
        ]
        for (key, detail) in forbidden where o[key].map({ !$0.isNull }) ?? false {
            errors.append(.forbidden(path.child(key).string, detail))
        }
        if s.type == "null" {
            errors.append(.forbidden(path.child("type").string, "type cannot be set to null, use nullable as an alternative"))
        }
        if case .array = o["items"] ?? .null {
            errors.append(.forbidden(path.child("items").string, "items must be a schema object and not an array"))
        }
        if insideMeta && s.embeddedResource {
            errors.append(.forbidden(path.child("x-kubernetes-embedded-resource").string, "must not be used inside of resource meta"))
        }
        if s.uniqueItems {
            errors.append(.forbidden(path.child("uniqueItems").string, "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"))
        }
        if let ap = s.additionalProperties, !s.properties.isEmpty, !ap.allows || ap.schema != nil {
            errors.append(.forbidden(path.child("additionalProperties").string, "additionalProperties and properties are mutual exclusive"))
        }
        if o["x-kubernetes-preserve-unknown-fields"] == .bool(false) {
            errors.append(.invalid(path.child("x-kubernetes-preserve-unknown-fields").string, false, "must be true or undefined"))
        }
        checkListAndMapTypes(s, path: path)
        checkRules(s, path: path)
        if !insideMeta { checkDefault(s, path: path) }

        // Recurse like the Go code: additionalProperties, properties, items, junctors.
        if let ap = s.additionalProperties?.schema { check(ap, path: path.child("additionalProperties"), insideMeta: insideMeta) }
        for name in s.properties.keys.sorted() {
            let meta = insideMeta || ((isRoot || s.embeddedResource) && name == "metadata")
            check(s.properties[name]!, path: path.child("properties").key(name), insideMeta: meta)
        }
        if let items = s.items { check(items, path: path.child("items"), insideMeta: insideMeta) }
        for (i, sub) in s.allOf.enumerated() { check(sub, path: path.child("allOf").index(i), insideMeta: insideMeta) }
        for (i, sub) in s.anyOf.enumerated() { check(sub, path: path.child("anyOf").index(i), insideMeta: insideMeta) }
        for (i, sub) in s.oneOf.enumerated() { check(sub, path: path.child("oneOf").index(i), insideMeta: insideMeta) }
        if let not = s.not { check(not, path: path.child("not"), insideMeta: insideMeta) }
    }

    private mutating func checkListAndMapTypes(_ s: StructuralSchema, path: SchemaErrorPath) {
        let type = s.type ?? ""
        if s.mapType != nil && type != "object" {
            if type.isEmpty {
                errors.append(.required(path.child("type").string, "must be object if x-kubernetes-map-type is specified"))
            } else {
                errors.append(.invalid(path.child("type").string, .string(type), "must be object if x-kubernetes-map-type is specified"))
            }
        }
        if let m = s.mapType, m != "atomic", m != "granular" {
            errors.append(.notSupported(path.child("x-kubernetes-map-type").string, .string(m), ["atomic", "granular"]))
        }
        if s.listType != nil && type != "array" {
            if type.isEmpty {
                errors.append(.required(path.child("type").string, "must be array if x-kubernetes-list-type is specified"))
            } else {
                errors.append(.invalid(path.child("type").string, .string(type), "must be array if x-kubernetes-list-type is specified"))
            }
        } else if s.listType == "set", let items = s.items {
            if items.type == "array", let lt = items.listType, lt != "atomic" {
                errors.append(.invalid(path.child("items").child("x-kubernetes-list-type").string, .string(lt), "must be atomic as item of a list with x-kubernetes-list-type=set"))
            } else if items.type == "object", items.mapType != "atomic" {
                errors.append(.invalid(path.child("items").child("x-kubernetes-map-type").string, .string("set"), "must be atomic as item of a list with x-kubernetes-list-type=set"))
            }
        }
        if let lt = s.listType, lt != "atomic", lt != "set", lt != "map" {
            errors.append(.notSupported(path.child("x-kubernetes-list-type").string, .string(lt), ["atomic", "set", "map"]))
        }
        if !s.listMapKeys.isEmpty {
            if s.listType == nil {
                errors.append(.required(path.child("x-kubernetes-list-type").string, "must be map if x-kubernetes-list-map-keys is non-empty"))
            } else if let lt = s.listType, lt != "map" {
                errors.append(.invalid(path.child("x-kubernetes-list-type").string, .string(lt), "must be map if x-kubernetes-list-map-keys is non-empty"))
            }
        }
        let keysValue = JSONValue.array(s.listMapKeys.map { .string($0) })
        if s.listType == "map" {
            if s.listMapKeys.isEmpty {
                errors.append(.required(path.child("x-kubernetes-list-map-keys").string, "must not be empty if x-kubernetes-list-type is map"))
            }
            if let items = s.items {
                if items.type != "object" {
                    errors.append(.invalid(path.child("items").child("type").string, .string(items.type ?? ""), "must be object if parent array's x-kubernetes-list-type is map"))
                } else {
                    var seen = Set<String>()
                    for k in s.listMapKeys {
                        if let p = items.properties[k] {
                            if p.type == "array" || p.type == "object" {
                                errors.append(.invalid(path.child("items").child("properties").key(k).child("type").string, .string(items.type ?? ""), "must be a scalar type if parent array's x-kubernetes-list-type is map"))
                            }
                        } else {
                            errors.append(.invalid(path.child("x-kubernetes-list-map-keys").string, keysValue, "entries must all be names of item properties"))
                        }
                        if seen.contains(k) {
                            errors.append(.invalid(path.child("x-kubernetes-list-map-keys").string, keysValue, "must not contain duplicate entries"))
                        }
                        seen.insert(k)
                    }
                }
            } else {
                errors.append(.required(path.child("items").string, "must have a schema if x-kubernetes-list-type is map"))
            }
        }
        if let lt = s.listType, lt == "set" || lt == "map", let items = s.items {
            if items.nullable {
                errors.append(.forbidden(path.child("items").child("nullable").string, "cannot be nullable when x-kubernetes-list-type is " + lt))
            }
            if lt == "map" {
                for k in s.listMapKeys {
                    guard let p = items.properties[k] else { continue }
                    if !items.required.contains(k) && p.defaultValue == nil {
                        errors.append(.required(path.child("items").child("properties").key(k).child("default").string, "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"))
                    }
                    if p.nullable {
                        errors.append(.forbidden(path.child("items").child("properties").key(k).child("nullable").string, "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"))
                    }
                }
            }
        }
    }

    /// apiextensions' default validation (outside metadata): a default must already be pruned
    /// and must validate against its own node.
    private mutating func checkDefault(_ s: StructuralSchema, path: SchemaErrorPath) {
        guard let value = s.defaultValue else { return }
        let defaultPath = path.child("default")
        var pruned = value
        SchemaPruner.prune(&pruned, schema: s, isResourceRoot: s.embeddedResource)
        if !SchemaGoValue.deepEqual(pruned, value) {
            errors.append(.invalid(defaultPath.string, value, "must not have unknown fields"))
        }
        errors += SchemaValidation.fieldErrors(value, schema: s, rootPath: defaultPath.string, relativeMessages: true)
    }

    private mutating func checkRules(_ s: StructuralSchema, path: SchemaErrorPath) {
        for (i, r) in s.validationRules.enumerated() {
            let p = path.child("x-kubernetes-validations").index(i)
            if r.rule.isEmpty { errors.append(.required(p.child("rule").string, "rule is not specified")) }
            if let m = r.message {
                if m.isEmpty {
                    errors.append(.invalid(p.child("message").string, .string(m), "must be non-empty if specified"))
                } else if m.contains("\n") {
                    errors.append(.invalid(p.child("message").string, .string(m), "must not contain line breaks"))
                }
            } else if r.rule.contains("\n") {
                errors.append(.required(p.child("message").string, "message must be specified if rule contains line breaks"))
            }
            if let reason = r.reason, !["FieldValueInvalid", "FieldValueForbidden", "FieldValueRequired", "FieldValueDuplicate"].contains(reason) {
                errors.append(.notSupported(p.child("reason").string, .string(reason), ["FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"]))
            }
        }
    }
}
