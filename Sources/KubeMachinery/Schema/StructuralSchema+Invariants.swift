import KubeCore

/// apiextensions' `ValidateStructural`: the invariants that make a schema structural. Errors are
/// sorted by message, as kube-apiserver sorts them.
enum StructuralInvariants {
    enum Level { case root, item, field }

    static func validate(_ s: StructuralSchema, path: SchemaErrorPath) -> [SchemaFieldError] {
        var errors = invariants(s, level: .root, path: path)
        errors += completeness(s, path: path)
        return errors.sorted { $0.description < $1.description }
    }

    static func invariants(_ s: StructuralSchema, level: Level, path: SchemaErrorPath) -> [SchemaFieldError] {
        var errs: [SchemaFieldError] = []
        let type = s.type ?? ""
        if type == "array" && s.items == nil { errs.append(.required(path.child("items").string, "must be specified")) }
        if let items = s.items { errs += invariants(items, level: .item, path: path.child("items")) }
        for (k, v) in s.properties { errs += invariants(v, level: .field, path: path.child("properties").key(k)) }
        if let ap = s.additionalProperties {
            if level == .root { errs.append(.forbidden(path.child("additionalProperties").string, "must not be used at the root")) }
            if let schema = ap.schema { errs += invariants(schema, level: .field, path: path.child("additionalProperties")) }
        }
        if s.intOrString && s.preserveUnknownFields {
            errs.append(.invalid(path.child("x-kubernetes-preserve-unknown-fields").string, true, "must be false if x-kubernetes-int-or-string is true"))
        }
        if s.intOrString && s.embeddedResource {
            errs.append(.invalid(path.child("x-kubernetes-embedded-resource").string, true, "must be false if x-kubernetes-int-or-string is true"))
        }
        errs += junctors(s, path: path)
        if let pattern = s.pattern, !pattern.isEmpty, !SchemaRegexCache().compiles(pattern) {
            let problem = SchemaRegexCache.re2Problem(pattern) ?? "invalid or unsupported Perl syntax"
            errs.append(.invalid(path.child("pattern").string, .string(pattern), "must be a valid regular expression, but isn't: error parsing regexp: " + problem))
        }
        let checkMetadata = level == .root || s.embeddedResource
        if s.embeddedResource && type != "object" {
            if type.isEmpty {
                errs.append(.required(path.child("type").string, "must be object if x-kubernetes-embedded-resource is true"))
            } else {
                errs.append(.invalid(path.child("type").string, .string(type), "must be object if x-kubernetes-embedded-resource is true"))
            }
        } else if type.isEmpty && !s.intOrString && !s.preserveUnknownFields {
            let detail: String
            switch level {
            case .root: detail = "must not be empty at the root"
            case .item: detail = "must not be empty for specified array items"
            case .field: detail = "must not be empty for specified object fields"
            }
            errs.append(.required(path.child("type").string, detail))
        }
        if s.embeddedResource && s.additionalProperties != nil {
            errs.append(.forbidden(path.child("additionalProperties").string, "must not be used if x-kubernetes-embedded-resource is set"))
        }
        if level == .root && !type.isEmpty && type != "object" {
            errs.append(.invalid(path.child("type").string, .string(type), "must be object at the root"))
        }
        for key in ["kind", "apiVersion"] where checkMetadata {
            if let p = s.properties[key], p.type != "string" {
                errs.append(.invalid(path.child("properties").key(key).child("type").string, .string(p.type ?? ""), "must be string"))
            }
        }
        if let metadata = s.properties["metadata"] {
            let mpath = path.child("properties").key("metadata")
            if checkMetadata && metadata.type != "object" {
                errs.append(.invalid(mpath.child("type").string, .string(metadata.type ?? ""), "must be object"))
            }
            if level == .root && !onlyNameAndGenerateName(metadata) {
                errs.append(.forbidden(mpath.string, "must not specify anything other than name and generateName, but metadata is implicitly specified"))
            }
        }
        if s.embeddedResource && !s.preserveUnknownFields && s.properties.isEmpty {
            errs.append(.required(path.child("properties").string, "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"))
        }
        return errs
    }

    /// Root `metadata` may only restrict `name` and `generateName` (its `type` and `default` are
    /// checked elsewhere).
    static func onlyNameAndGenerateName(_ m: StructuralSchema) -> Bool {
        var stripped = m
        stripped.json = .emptyObject
        stripped.type = nil
        stripped.defaultValue = nil
        if Set(m.properties.keys).isSubset(of: ["name", "generateName"]) { stripped.properties = [:] }
        return stripped == StructuralSchema()
    }

    static func junctors(_ s: StructuralSchema, path: SchemaErrorPath) -> [SchemaFieldError] {
        var errs: [SchemaFieldError] = []
        let skipAnyOf = StructuralSchema.isIntOrStringAnyOf(s.anyOf)
        let skipFirstAllOfAnyOf = !s.allOf.isEmpty && StructuralSchema.isIntOrStringAnyOf(s.allOf[0].anyOf)
        if !skipAnyOf {
            for (i, sub) in s.anyOf.enumerated() { errs += nested(sub, skipAnyOf: false, path: path.child("anyOf").index(i)) }
        }
        for (i, sub) in s.allOf.enumerated() {
            errs += nested(sub, skipAnyOf: skipFirstAllOfAnyOf && i == 0, path: path.child("allOf").index(i))
        }
        for (i, sub) in s.oneOf.enumerated() { errs += nested(sub, skipAnyOf: false, path: path.child("oneOf").index(i)) }
        if let not = s.not { errs += nested(not, skipAnyOf: false, path: path.child("not")) }
        return errs
    }

    /// A schema under a junctor: value validations only.
    static func nested(_ v: StructuralSchema, skipAnyOf: Bool, path: SchemaErrorPath) -> [SchemaFieldError] {
        var errs: [SchemaFieldError] = []
        var copy = v
        if skipAnyOf { copy.anyOf = [] }
        errs += junctors(copy, path: path)
        if let items = v.items { errs += nested(items, skipAnyOf: false, path: path.child("items")) }
        for (k, p) in v.properties { errs += nested(p, skipAnyOf: false, path: path.child("properties").key(k)) }
        if v.type.map({ !$0.isEmpty }) ?? false { errs.append(.forbidden(path.child("type").string, "must be empty to be structural")) }
        if v.additionalProperties != nil { errs.append(.forbidden(path.child("additionalProperties").string, "must be undefined to be structural")) }
        if v.defaultValue != nil { errs.append(.forbidden(path.child("default").string, "must be undefined to be structural")) }
        if !(v.title ?? "").isEmpty { errs.append(.forbidden(path.child("title").string, "must be empty to be structural")) }
        if !(v.description ?? "").isEmpty { errs.append(.forbidden(path.child("description").string, "must be empty to be structural")) }
        if v.nullable { errs.append(.forbidden(path.child("nullable").string, "must be false to be structural")) }
        if v.preserveUnknownFields { errs.append(.forbidden(path.child("x-kubernetes-preserve-unknown-fields").string, "must be false to be structural")) }
        if v.embeddedResource { errs.append(.forbidden(path.child("x-kubernetes-embedded-resource").string, "must be false to be structural")) }
        if v.intOrString { errs.append(.forbidden(path.child("x-kubernetes-int-or-string").string, "must be false to be structural")) }
        if !v.listMapKeys.isEmpty { errs.append(.forbidden(path.child("x-kubernetes-list-map-keys").string, "must be empty to be structural")) }
        if v.listType != nil { errs.append(.forbidden(path.child("x-kubernetes-list-type").string, "must be undefined to be structural")) }
        if v.mapType != nil { errs.append(.forbidden(path.child("x-kubernetes-map-type").string, "must be undefined to be structural")) }
        if !v.validationRules.isEmpty { errs.append(.forbidden(path.child("x-kubernetes-validations").string, "must be empty to be structural")) }
        if v.properties["metadata"] != nil {
            errs.append(.forbidden(path.child("properties").key("metadata").string, "must not be specified in a nested context"))
        }
        return errs
    }

    /// Every property or items named under a root junctor must exist in the structural part.
    static func completeness(_ s: StructuralSchema, path: SchemaErrorPath) -> [SchemaFieldError] {
        var errs: [SchemaFieldError] = []
        func junctorsOf(_ v: StructuralSchema, _ vPath: SchemaErrorPath) -> [(StructuralSchema, SchemaErrorPath)] {
            var out: [(StructuralSchema, SchemaErrorPath)] = []
            if let not = v.not { out.append((not, vPath.child("not"))) }
            for (i, x) in v.allOf.enumerated() { out.append((x, vPath.child("allOf").index(i))) }
            for (i, x) in v.anyOf.enumerated() { out.append((x, vPath.child("anyOf").index(i))) }
            for (i, x) in v.oneOf.enumerated() { out.append((x, vPath.child("oneOf").index(i))) }
            return out
        }
        func nestedCheck(_ v: StructuralSchema, _ s: StructuralSchema?, _ sPath: SchemaErrorPath, _ vPath: SchemaErrorPath) {
            guard let s else {
                errs.append(.required(sPath.string, "because it is defined in " + vPath.string))
                return
            }
            for (sub, subPath) in junctorsOf(v, vPath) { nestedCheck(sub, s, sPath, subPath) }
            if let items = v.items { nestedCheck(items, s.items, sPath.child("items"), vPath.child("items")) }
            for k in v.properties.keys.sorted() {
                if let sf = s.properties[k] {
                    nestedCheck(v.properties[k]!, sf, sPath.child("properties").key(k), vPath.child("properties").key(k))
                } else {
                    errs.append(.required(sPath.child("properties").key(k).string, "because it is defined in " + vPath.child("properties").key(k).string))
                }
            }
        }
        // Like kube-apiserver, only the root's junctors are checked.
        for (sub, subPath) in junctorsOf(s, path) { nestedCheck(sub, s, path, subPath) }
        return errs
    }
}

extension StructuralSchema {
    /// Whether `anyOf` is exactly `[{type: integer}, {type: string}]` (nothing else set, however
    /// the entries were written): the `anyOf` that `x-kubernetes-int-or-string` unfolds to, which
    /// the structural checks skip and `Unfold` does not add twice.
    static func isIntOrStringAnyOf(_ anyOf: [StructuralSchema]) -> Bool {
        anyOf.count == 2 && isOnlyType(anyOf[0], "integer") && isOnlyType(anyOf[1], "string")
    }

    private static func isOnlyType(_ s: StructuralSchema, _ type: String) -> Bool {
        var expected = StructuralSchema()
        expected.type = type
        var c = s
        c.json = .emptyObject
        return c == expected
    }
}
