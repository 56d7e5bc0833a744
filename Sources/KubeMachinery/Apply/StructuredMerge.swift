import KubeCore

/// Optional capability of a ``SchemaInfo``: default values of associative-list key fields.
///
/// structured-merge-diff uses a key field's schema default when an item omits it, so that an
/// applied `ports: [{containerPort: 80}]` matches the live, defaulted
/// `{containerPort: 80, protocol: TCP}` item (`k:{"containerPort":80,"protocol":"TCP"}`).
/// Schemas that do not conform get the one default every built-in kind needs: `protocol: TCP`
/// in lists keyed by `[containerPort, protocol]` or `[port, protocol]`.
public protocol AssociativeListKeyDefaults {
    /// The default of key field `key` for items of the list at `path`, or nil.
    func defaultValue(forKey key: String, ofListAt path: SchemaPath) -> JSONValue?
}

/// The typed walks of structured-merge-diff (`typed.TypedValue`), driven by the JSON shape of the
/// values and ``SchemaInfo`` for list types and atomic objects.
enum StructuredMerge {
    /// How a node is walked.
    enum Shape: Equatable {
        /// A scalar, null, atomic list/object, or values of mismatched kinds: one field.
        case leaf
        /// A granular object: every key is a field.
        case object
        /// A granular list (set or map semantics): every item is an element.
        case list(ListSemantics)
    }

    /// The shape of a node holding `values` (the same location in two objects). Nulls stand for
    /// empty containers. When `strict` is false, a list whose items cannot all be identified
    /// (duplicated or missing keys are fine; non-object items in a map list are not) is atomic.
    static func shape(_ values: [JSONValue?], at path: SchemaPath, schema: any SchemaInfo, strict: Bool = false) -> Shape {
        var sawObject = false, sawArray = false, sawScalar = false
        for value in values {
            switch value {
            case nil, .null?: break
            case .object?: sawObject = true
            case .array?: sawArray = true
            default: sawScalar = true
            }
        }
        if sawObject && !sawArray && !sawScalar {
            return !path.isEmpty && schema.isAtomicObject(at: path) ? .leaf : .object
        }
        if sawArray && !sawObject && !sawScalar {
            let semantics = schema.listSemantics(at: path)
            if semantics == .atomic { return .leaf }
            if !strict {
                for case .array(let items)? in values {
                    for item in items where element(of: item, semantics: semantics, listPath: path, schema: schema).element == nil {
                        return .leaf
                    }
                }
            }
            return .list(semantics)
        }
        return .leaf
    }

    /// The path element of a list item (`listItemToPathElement`), or the upstream error text.
    static func element(of item: JSONValue, semantics: ListSemantics, listPath: SchemaPath, schema: any SchemaInfo)
        -> (element: FieldPathElement?, error: String?)
    {
        switch semantics {
        case .atomic:
            return (nil, "invalid indexing of non-associative list")
        case .set:
            switch item {
            case .object: return (nil, "associative list without keys has an element that's a map type")
            case .array: return (nil, "not supported: associative list with lists as elements")
            case .null: return (nil, "associative list without keys has an element that's an explicit null")
            default: return (.value(item), nil)
            }
        case .map(let keys):
            if case .null = item { return (nil, "associative list with keys may not have a null element") }
            guard let object = item.objectValue else { return (nil, "associative list with keys may not have non-map elements") }
            var fields: [String: JSONValue] = [:]
            for key in keys {
                if let value = object[key] {
                    fields[key] = value
                } else if let value = keyDefault(key, keys: keys, listPath: listPath, schema: schema) {
                    fields[key] = value
                }
            }
            if fields.isEmpty {
                let quoted = "[" + keys.map(GoFormat.quote).joined(separator: " ") + "]"
                return (nil, "associative list with keys has an element that omits all key fields \(quoted) (and doesn't have default values for any key fields)")
            }
            return (.key(fields), nil)
        }
    }

    static func keyDefault(_ key: String, keys: [String], listPath: SchemaPath, schema: any SchemaInfo) -> JSONValue? {
        if let defaults = schema as? any AssociativeListKeyDefaults {
            return defaults.defaultValue(forKey: key, ofListAt: listPath)
        }
        if key == "protocol", keys.count == 2, keys.contains("containerPort") || keys.contains("port") {
            return "TCP"
        }
        return nil
    }

    /// Path elements of every item of a granular list (nil entries cannot happen once `shape`
    /// said `.list` in non-strict mode).
    static func elements(of items: [JSONValue], semantics: ListSemantics, listPath: SchemaPath, schema: any SchemaInfo) -> [FieldPathElement] {
        items.map { element(of: $0, semantics: semantics, listPath: listPath, schema: schema).element ?? .index(-1) }
    }

    // MARK: - ToFieldSet

    /// The fields set in `value` (`TypedValue.ToFieldSet`): scalars, nulls, empty objects and
    /// atomic values as leaves; granular list items as members with their contents below.
    /// Intermediate object fields are not members. Duplicated list items are members only.
    static func fieldSet(of value: JSONValue, schema: any SchemaInfo) -> FieldSet {
        var set = FieldSet()
        collect(value, prefix: [], schemaPath: [], schema: schema, into: &set)
        return set
    }

    private static func collect(_ value: JSONValue, prefix: [FieldPathElement], schemaPath: SchemaPath, schema: any SchemaInfo, into set: inout FieldSet) {
        switch shape([value], at: schemaPath, schema: schema) {
        case .leaf:
            set.insert(FieldPath(prefix))
        case .object:
            for (key, child) in value.objectValue ?? [:] {
                let path = prefix + [.field(key)]
                collect(child, prefix: path, schemaPath: schemaPath + [key], schema: schema, into: &set)
                if child.isNull || child.objectValue?.isEmpty == true { set.insert(FieldPath(path)) }
            }
        case .list(let semantics):
            let items = value.arrayValue ?? []
            let elements = elements(of: items, semantics: semantics, listPath: schemaPath, schema: schema)
            var counts: [FieldPathElement: Int] = [:]
            for element in elements { counts[element, default: 0] += 1 }
            for (item, element) in zip(items, elements) {
                if counts[element]! > 1 {
                    set.insert(FieldPath(prefix + [element]))
                    continue
                }
                collect(item, prefix: prefix + [element], schemaPath: schemaPath + ["[]"], schema: schema, into: &set)
                set.insert(FieldPath(prefix + [element]))
            }
        }
    }
}
