import KubeCore

/// Pruning of unknown fields, as kube-apiserver does when it decodes a custom resource (from a
/// request body or from storage): every field the structural schema does not specify is dropped,
/// except below `x-kubernetes-preserve-unknown-fields: true` (until a nested node specifies
/// `properties`/`additionalProperties` again). `apiVersion`, `kind` and `metadata` are kept at
/// the root and in `x-kubernetes-embedded-resource` objects (metadata itself is the server's
/// business: kube-apiserver decodes it into ObjectMeta, dropping its unknown fields).
///
/// The dropped paths (`spec.foo`, `spec.items[0].bar`, sorted) let the server implement
/// `fieldValidation`: `Ignore` drops silently, `Warn` (the default) sends one
/// ``unknownFieldMessage(_:)`` warning per path, `Strict` fails with 400 BadRequest and
/// ``strictDecodingErrorMessage(_:)``.
public enum SchemaPruning {
    /// Removes unknown fields from `object` in place and returns their paths, sorted.
    /// - Parameters:
    ///   - schema: nil is treated as an empty schema (everything but the root meta fields goes).
    ///   - isResourceRoot: `object` is a whole resource (keep `apiVersion`, `kind`, `metadata`).
    @discardableResult
    public static func prune(_ object: inout JSONValue, schema: StructuralSchema?, isResourceRoot: Bool = true) -> [String] {
        var tracker = SchemaPruner(track: true)
        var root = schema
        if isResourceRoot {
            var s = schema ?? StructuralSchema()
            s.embeddedResource = true
            root = s
        }
        tracker.prune(&object, root)
        return tracker.unknown.sorted()
    }

    /// kube-apiserver's `PruneNonNullableNullsWithoutDefaults`: object fields whose value is
    /// `null` are removed when their schema is neither nullable nor has a default (list items are
    /// left alone). Fields with a default keep their null so defaulting can replace it.
    public static func pruneNonNullableNullsWithoutDefaults(_ object: inout JSONValue, schema: StructuralSchema?) {
        switch object {
        case .object(var o):
            for k in Array(o.keys) {
                let sub = schema.flatMap { $0.properties[k] ?? $0.additionalProperties?.schema }
                if o[k]!.isNull, let sub, !sub.nullable, sub.defaultValue == nil {
                    o.removeValue(forKey: k)
                } else {
                    pruneNonNullableNullsWithoutDefaults(&o[k]!, schema: sub)
                }
            }
            object = .object(o)
        case .array(var a):
            for i in a.indices { pruneNonNullableNullsWithoutDefaults(&a[i], schema: schema?.items) }
            object = .array(a)
        default: break
        }
    }

    /// The warning (and strict-error item) for one pruned path: `unknown field "spec.foo"`.
    public static func unknownFieldMessage(_ path: String) -> String { "unknown field \"\(path)\"" }

    /// The `fieldValidation=Strict` failure message (a 400 BadRequest):
    /// `strict decoding error: unknown field "spec.a", unknown field "spec.b"`.
    public static func strictDecodingErrorMessage(_ paths: [String]) -> String {
        "strict decoding error: " + paths.map(unknownFieldMessage).joined(separator: ", ")
    }
}

/// The pruning algorithm of apiextensions' `pruning.PruneWithOptions`, with path tracking.
struct SchemaPruner {
    static let metaFields: Set<String> = ["apiVersion", "kind", "metadata"]

    var track: Bool
    var unknown: [String] = []
    private var parent: String = ""

    init(track: Bool) { self.track = track }

    /// Prunes a default value against its own node (`structuraldefaulting.PruneDefaults`).
    static func prune(_ value: inout JSONValue, schema: StructuralSchema, isResourceRoot: Bool) {
        var s = schema
        if isResourceRoot { s.embeddedResource = true }
        var p = SchemaPruner(track: false)
        p.prune(&value, s)
    }

    private func childPath(_ key: String) -> String { parent.isEmpty ? key : parent + "." + key }

    private mutating func record(_ key: String) {
        if track { unknown.append(childPath(key)) }
    }

    mutating func prune(_ x: inout JSONValue, _ s: StructuralSchema?) {
        if let s, s.preserveUnknownFields {
            skipPrune(&x, s)
            return
        }
        let saved = parent
        defer { parent = saved }
        switch x {
        case .object(var o):
            guard let s else {
                for k in o.keys { record(k) }
                x = .emptyObject
                return
            }
            pruneFields(&o, s, removingUnspecified: true)
            x = .object(o)
        case .array(var a):
            for i in a.indices {
                parent = saved + "[\(i)]"
                prune(&a[i], s?.items)
                parent = saved
            }
            x = .array(a)
        default: break
        }
    }

    /// The object case shared by `prune` and `skipPrune`: each field is pruned against the schema
    /// `s` gives it (`properties`, else `additionalProperties`, whose `true`/`false` form has no
    /// schema). A field `s` does not specify is removed and recorded when `removingUnspecified`
    /// (not below `x-kubernetes-preserve-unknown-fields`, where it is kept as is). The meta fields
    /// of an embedded resource are left alone; those of a non-resource root are removed unrecorded.
    private mutating func pruneFields(_ o: inout [String: JSONValue], _ s: StructuralSchema, removingUnspecified: Bool) {
        let saved = parent
        for k in Array(o.keys) {
            if s.embeddedResource && Self.metaFields.contains(k) { continue }
            let fieldSchema: StructuralSchema?
            if let prop = s.properties[k] {
                fieldSchema = prop
            } else if let ap = s.additionalProperties {
                fieldSchema = ap.schema
            } else {
                if removingUnspecified {
                    if !Self.metaFields.contains(k) || !parent.isEmpty { record(k) }
                    o.removeValue(forKey: k)
                }
                continue
            }
            parent = childPath(k)
            prune(&o[k]!, fieldSchema)
            parent = saved
        }
    }

    private mutating func skipPrune(_ x: inout JSONValue, _ s: StructuralSchema) {
        let saved = parent
        defer { parent = saved }
        switch x {
        case .object(var o):
            pruneFields(&o, s, removingUnspecified: false)
            x = .object(o)
        case .array(var a):
            guard let items = s.items else { return }
            for i in a.indices {
                parent = saved + "[\(i)]"
                skipPrune(&a[i], items)
                parent = saved
            }
            x = .array(a)
        default: break
        }
    }
}
