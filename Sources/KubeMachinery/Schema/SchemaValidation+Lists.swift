import KubeCore

extension SchemaValidation {
    /// apiextensions' `ValidateListSetsAndMaps`: items of `x-kubernetes-list-type: set` lists
    /// must be unique, and so must the keys of `map` lists. Duplicates are reported once, at the
    /// index of their second occurrence: `spec.ports[1]: Duplicate value: {"name":"http"}`.
    /// A `map` list item that is not an object gives
    /// `Invalid value: ...: must be an object for an array of list-type map`.
    public static func validateListSetsAndMaps(_ object: JSONValue, schema: StructuralSchema) -> [SchemaFieldError] {
        guard case .object(let o) = object else { return [] }
        return listsInObject(.none, schema, o)
    }

    private static func listsInObject(_ path: SchemaErrorPath, _ s: StructuralSchema, _ o: [String: JSONValue]) -> [SchemaFieldError] {
        var errs: [SchemaFieldError] = []
        if let ap = s.additionalProperties?.schema {
            for k in o.keys.sorted() { errs += listsIn(path.key(k), ap, o[k]!) }
        }
        for k in o.keys.sorted() {
            if let sub = s.properties[k] { errs += listsIn(path.child(k), sub, o[k]!) }
        }
        return errs
    }

    private static func listsIn(_ path: SchemaErrorPath, _ s: StructuralSchema, _ value: JSONValue) -> [SchemaFieldError] {
        switch value {
        case .array(let a): return listsInArray(path, s, a)
        case .object(let o): return listsInObject(path, s, o)
        default: return []
        }
    }

    private static func listsInArray(_ path: SchemaErrorPath, _ s: StructuralSchema, _ a: [JSONValue]) -> [SchemaFieldError] {
        var errs: [SchemaFieldError] = []
        switch s.listType {
        case "set":
            for i in nonUnique(a) { errs.append(.duplicate(path.index(i).string, a[i])) }
        case "map":
            errs += listMapErrors(path, s, a)
        default: break
        }
        if let items = s.items {
            for (i, v) in a.enumerated() { errs += listsIn(path.index(i), items, v) }
        }
        return errs
    }

    private static func listMapErrors(_ path: SchemaErrorPath, _ s: StructuralSchema, _ a: [JSONValue]) -> [SchemaFieldError] {
        for (i, x) in a.enumerated() {
            if case .object = x { continue }
            if x.isNull { continue }
            return [.invalid(path.index(i).string, x, "must be an object for an array of list-type map")]
        }
        guard a.count > 1 else { return [] }
        // A missing key and a null item count as "unspecified" (equal to each other).
        let keys: [JSONValue] = a.map { x in
            var key: [String: JSONValue] = [:]
            for k in s.listMapKeys { if let v = x.objectValue?[k] { key[k] = v } }
            return .object(key)
        }
        if s.listMapKeys.count == 1 {
            let field = s.listMapKeys[0]
            let single: [JSONValue?] = a.map { $0.objectValue?[field] }
            return nonUniqueOptional(single).map { i in
                .duplicate(path.index(i).string, single[i].map { .object([field: $0]) } ?? .emptyObject)
            }
        }
        return nonUnique(keys).map { .duplicate(path.index($0).string, keys[$0]) }
    }

    /// Indices of the second occurrence of each repeated item. Scalars compare like Go map keys
    /// (`1` and `1.0` differ), lists and objects by their JSON.
    private static func nonUnique(_ a: [JSONValue]) -> [Int] {
        nonUniqueOptional(a.map { Optional($0) })
    }

    private static func nonUniqueOptional(_ a: [JSONValue?]) -> [Int] {
        guard a.count > 1 else { return [] }
        var seen: [String: Int] = [:]
        var out: [Int] = []
        for (i, x) in a.enumerated() {
            let key: String
            switch x {
            case nil: key = "u"
            case .some(.array), .some(.object): key = "c" + GoFormat.jsonSwiftKeyOrder(x!)
            case .some(.int(let n)): key = "i\(n)"
            case .some(.double(let d)): key = "d\(d)"
            case .some(let v): key = "s" + GoFormat.jsonSwiftKeyOrder(v)
            }
            let times = seen[key, default: 0]
            seen[key] = times + 1
            if times == 1 { out.append(i) }
        }
        return out
    }

    /// apiextensions' embedded-resource checks (`objectmeta.Validate` without the resource root):
    /// every `x-kubernetes-embedded-resource` object needs a string `apiVersion` (a valid
    /// group/version) and a string `kind` (a DNS-1035 label in any case). Their `metadata` is not
    /// validated here.
    public static func validateEmbeddedResources(_ object: JSONValue, schema: StructuralSchema) -> [SchemaFieldError] {
        guard case .object(let o) = object else { return [] }
        var errs: [SchemaFieldError] = []
        for k in o.keys.sorted() {
            if let p = schema.properties[k] {
                errs += embedded(SchemaErrorPath.none.child(k), o[k]!, p)
            } else if let ap = schema.additionalProperties?.schema {
                errs += embedded(SchemaErrorPath.none.key(k), o[k]!, ap)
            }
        }
        return errs
    }

    private static func embedded(_ path: SchemaErrorPath, _ x: JSONValue, _ s: StructuralSchema) -> [SchemaFieldError] {
        var errs: [SchemaFieldError] = []
        switch x {
        case .object(let o):
            if s.embeddedResource { errs += embeddedTypeMeta(path, o) }
            for k in o.keys.sorted() {
                if let p = s.properties[k] {
                    errs += embedded(path.child(k), o[k]!, p)
                } else if let ap = s.additionalProperties?.schema {
                    errs += embedded(path.key(k), o[k]!, ap)
                }
            }
        case .array(let a):
            if let items = s.items {
                for (i, v) in a.enumerated() { errs += embedded(path.index(i), v, items) }
            }
        default: break
        }
        return errs
    }

    private static func embeddedTypeMeta(_ path: SchemaErrorPath, _ o: [String: JSONValue]) -> [SchemaFieldError] {
        var errs: [SchemaFieldError] = []
        if o["apiVersion"] == nil { errs.append(.required(path.child("apiVersion").string)) }
        if o["kind"] == nil { errs.append(.required(path.child("kind").string)) }
        if let v = o["apiVersion"] {
            let p = path.child("apiVersion").string
            if case .string(let apiVersion) = v {
                if apiVersion.isEmpty {
                    errs.append(.invalid(p, v, "must not be empty"))
                } else if apiVersion != "/" && apiVersion.filter({ $0 == "/" }).count > 1 {
                    errs.append(.invalid(p, v, "unexpected GroupVersion string: " + apiVersion))
                }
            } else {
                errs.append(.invalid(p, v, "must be a string"))
            }
        }
        if let v = o["kind"] {
            let p = path.child("kind").string
            if case .string(let kind) = v {
                if kind.isEmpty {
                    errs.append(.invalid(p, v, "must not be empty"))
                } else {
                    let problems = dns1035LabelErrors(kind.lowercased())
                    if !problems.isEmpty {
                        errs.append(.invalid(p, v, "may have mixed case, but should otherwise match: " + problems.joined(separator: ",")))
                    }
                }
            } else {
                errs.append(.invalid(p, v, "must be a string"))
            }
        }
        return errs
    }

    /// apimachinery's `IsDNS1035Label` messages.
    static func dns1035LabelErrors(_ value: String) -> [String] {
        var errs: [String] = []
        if value.utf8.count > 63 { errs.append("must be no more than 63 characters") }
        let bytes = Array(value.utf8)
        func lower(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }
        func alnum(_ b: UInt8) -> Bool { lower(b) || (b >= 48 && b <= 57) }
        let ok = !bytes.isEmpty && lower(bytes[0]) && alnum(bytes[bytes.count - 1])
            && bytes.allSatisfy { alnum($0) || $0 == UInt8(ascii: "-") }
        if !ok {
            errs.append(
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
            )
        }
        return errs
    }
}
