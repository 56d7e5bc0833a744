import KubeCore

/// Defaulting of custom resources from the `default`s of their structural schema, as
/// kube-apiserver's `structuraldefaulting.Default` does. kube-apiserver defaults when it decodes
/// a request body and again whenever it reads an object from storage (so a default added to the
/// CRD later shows up on reads), always after pruning.
///
/// Rules:
/// - a property with a `default` is set when absent from an object that exists, or when it is
///   `null` and the property is not `nullable`;
/// - defaulting then descends into every present value, including values just defaulted, list
///   items and `additionalProperties` values, so the defaults of an absent object appear only
///   when that object itself gets a default (e.g. `default: {}`);
/// - a non-nullable `null` list item or map value is replaced by the items'/values' default
///   (or stays `null` when there is none).
public enum SchemaDefaulting {
    /// Applies the defaults of `schema` to `object` in place.
    public static func apply(_ object: inout JSONValue, schema: StructuralSchema?) {
        guard let s = schema else { return }
        switch object {
        case .object(var o):
            for (k, prop) in s.properties {
                guard let d = prop.defaultValue else { continue }
                if let v = o[k], !(v.isNull && !prop.nullable) { continue }
                o[k] = d
            }
            for k in Array(o.keys) {
                if let prop = s.properties[k] {
                    apply(&o[k]!, schema: prop)
                } else if let ap = s.additionalProperties {
                    if let sub = ap.schema, o[k]!.isNull, !sub.nullable { o[k] = sub.defaultValue ?? .null }
                    apply(&o[k]!, schema: ap.schema)
                }
            }
            object = .object(o)
        case .array(var a):
            for i in a.indices {
                if let items = s.items, a[i].isNull, !items.nullable { a[i] = items.defaultValue ?? .null }
                apply(&a[i], schema: s.items)
            }
            object = .array(a)
        default: break
        }
    }

    /// `object` with the defaults of `schema` applied.
    public static func applied(to object: JSONValue, schema: StructuralSchema?) -> JSONValue {
        var copy = object
        apply(&copy, schema: schema)
        return copy
    }
}

/// The whole schema-driven decoding step kube-apiserver runs on a custom resource, in its order:
/// prune unknown fields, drop non-nullable nulls without defaults, apply defaults.
public enum SchemaDecoding {
    /// Normalises a decoded custom resource in place and returns the pruned (unknown) field
    /// paths, for `fieldValidation` (see ``SchemaPruning``). Validation comes after this.
    @discardableResult
    public static func apply(_ object: inout JSONValue, schema: StructuralSchema?) -> [String] {
        let unknown = SchemaPruning.prune(&object, schema: schema, isResourceRoot: true)
        SchemaPruning.pruneNonNullableNullsWithoutDefaults(&object, schema: schema)
        SchemaDefaulting.apply(&object, schema: schema)
        return unknown
    }
}
