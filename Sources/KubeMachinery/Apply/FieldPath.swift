import KubeCore

/// One step of a ``FieldPath``: structured-merge-diff's `fieldpath.PathElement`.
///
/// In `fieldsV1` each element is written as a prefixed string: `f:<name>` for an object field,
/// `k:{"name":"app"}` for the item of an associative list (`x-kubernetes-list-type: map`) whose
/// key fields have those values, `v:"value"` for the item of a set (`x-kubernetes-list-type: set`)
/// and `i:3` for a list index (never produced here: atomic lists are owned as a whole).
public enum FieldPathElement: Sendable {
    /// An object field (`f:`).
    case field(String)
    /// The item of an associative list with these key field values (`k:`); kept sorted by name.
    case key([KeyField])
    /// The item of a set with this value (`v:`).
    case value(JSONValue)
    /// A list index (`i:`).
    case index(Int)

    /// One key field of a ``FieldPathElement/key(_:)`` element.
    public struct KeyField: Sendable, Equatable {
        /// The key field's name (`name`, `containerPort`...).
        public var name: String
        /// The item's value for it.
        public var value: JSONValue
        /// A key field.
        public init(name: String, value: JSONValue) {
            self.name = name
            self.value = value
        }
    }

    /// A key element from key field names and values, sorted by name as upstream requires.
    public static func key(_ fields: [String: JSONValue]) -> FieldPathElement {
        .key(GoFormat.byteSorted(fields.keys).map { KeyField(name: $0, value: fields[$0]!) })
    }

    /// The element as written in `fieldsV1` (`f:spec`, `k:{"name":"app"}`, `v:"x"`, `i:0`).
    /// JSON parts are encoded as Go's `encoding/json` does (HTML characters escaped).
    public var serialized: String {
        switch self {
        case .field(let name): return "f:" + name
        case .key(let fields):
            var out = "k:{"
            for (i, field) in fields.enumerated() {
                if i > 0 { out += "," }
                GoFormat.writeJSONString(field.name, into: &out)
                out += ":"
                GoFormat.writeJSON(field.value, into: &out)
            }
            return out + "}"
        case .value(let v): return "v:" + GoFormat.json(v)
        case .index(let i): return "i:" + String(i)
        }
    }

    /// Parses a `fieldsV1` key. Returns nil for an unknown element type (upstream drops those,
    /// so that a newer server's element kinds do not break an older reader); throws for a
    /// malformed known one.
    public init?(serialized text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2 else { throw FieldsV1Error(message: "key must be 2 characters long: \(text)") }
        guard bytes[1] == UInt8(ascii: ":") else { throw FieldsV1Error(message: "missing colon: \(text)") }
        let rest = String(decoding: bytes[2...], as: UTF8.self)
        switch bytes[0] {
        case UInt8(ascii: "f"): self = .field(rest)
        case UInt8(ascii: "v"):
            do { self = .value(try JSONValue.parse(rest)) } catch { throw FieldsV1Error(message: "invalid value element \(text): \(error)") }
        case UInt8(ascii: "k"):
            let parsed: JSONValue
            do { parsed = try JSONValue.parse(rest) } catch { throw FieldsV1Error(message: "invalid key element \(text): \(error)") }
            guard let object = parsed.objectValue else { throw FieldsV1Error(message: "invalid key element \(text): not an object") }
            self = .key(object)
        case UInt8(ascii: "i"):
            guard let i = Int(rest) else { throw FieldsV1Error(message: "invalid index element \(text)") }
            self = .index(i)
        default: return nil
        }
    }

    /// The human-readable form used in conflict messages: `.name`, `[name="app"]`, `[="x"]`, `[0]`.
    public var description: String {
        switch self {
        case .field(let name): return "." + name
        case .key(let fields): return "[" + fields.map { "\($0.name)=\(GoFormat.valueString($0.value))" }.joined(separator: ",") + "]"
        case .value(let v): return "[=" + GoFormat.valueString(v) + "]"
        case .index(let i): return "[\(i)]"
        }
    }

    /// The kind order used by structured-merge-diff: field < key < value < index.
    var kindRank: Int {
        switch self {
        case .field: return 0
        case .key: return 1
        case .value: return 2
        case .index: return 3
        }
    }
}

extension FieldPathElement: Hashable, Comparable, CustomStringConvertible {
    public static func == (lhs: FieldPathElement, rhs: FieldPathElement) -> Bool {
        compare(lhs, rhs) == 0
    }

    /// Structural hashing, consistent with ``compare(_:_:)`` (equal elements hash alike) and
    /// far cheaper than hashing the serialized `fieldsV1` form, which dominated apply's cost.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .field(let name):
            hasher.combine(0)
            hasher.combine(name)
        case .key(let fields):
            hasher.combine(1)
            for f in fields {
                hasher.combine(f.name)
                Self.hashValue(f.value, into: &hasher)
            }
        case .value(let v):
            hasher.combine(2)
            Self.hashValue(v, into: &hasher)
        case .index(let i):
            hasher.combine(3)
            hasher.combine(i)
        }
    }

    /// Numbers hash by value (an int and an equal double compare equal); containers hash only
    /// their shape, which is enough for correctness and rare in keys.
    private static func hashValue(_ v: JSONValue, into hasher: inout Hasher) {
        switch v {
        case .int(let i): hasher.combine(Double(i))
        case .double(let d): hasher.combine(d)
        case .string(let s): hasher.combine(s)
        case .bool(let b): hasher.combine(b)
        case .array(let a): hasher.combine(a.count)
        case .object(let o): hasher.combine(o.count)
        case .null: hasher.combine(5)
        }
    }

    public static func < (lhs: FieldPathElement, rhs: FieldPathElement) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// structured-merge-diff's `PathElement.Compare`: a total order (fields by byte order, keys
    /// field by field, values by `value.Compare`).
    static func compare(_ lhs: FieldPathElement, _ rhs: FieldPathElement) -> Int {
        switch (lhs, rhs) {
        case (.field(let a), .field(let b)): return compareBytes(a, b)
        case (.key(let a), .key(let b)):
            var i = 0
            while true {
                if i >= a.count && i >= b.count { return 0 }
                if i >= a.count { return -1 }
                if i >= b.count { return 1 }
                let c = compareBytes(a[i].name, b[i].name)
                if c != 0 { return c }
                let v = compareValues(a[i].value, b[i].value)
                if v != 0 { return v }
                i += 1
            }
        case (.value(let a), .value(let b)): return compareValues(a, b)
        case (.index(let a), .index(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        default: return lhs.kindRank < rhs.kindRank ? -1 : 1
        }
    }

    static func compareBytes(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }

    /// structured-merge-diff's `value.Compare`: numbers < strings < bools < lists < maps < null.
    static func compareValues(_ a: JSONValue, _ b: JSONValue) -> Int {
        func rank(_ v: JSONValue) -> Int {
            switch v {
            case .double, .int: return 0
            case .string: return 1
            case .bool: return 2
            case .array: return 3
            case .object: return 4
            case .null: return 5
            }
        }
        let (ra, rb) = (rank(a), rank(b))
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): return compareBytes(x, y)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.array(let x), .array(let y)):
            for (u, v) in zip(x, y) {
                let c = compareValues(u, v)
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
        case (.object(let x), .object(let y)):
            let kx = GoFormat.byteSorted(x.keys), ky = GoFormat.byteSorted(y.keys)
            for (u, v) in zip(kx, ky) {
                let c = compareBytes(u, v)
                if c != 0 { return c }
                let d = compareValues(x[u]!, y[v]!)
                if d != 0 { return d }
            }
            return kx.count < ky.count ? -1 : (kx.count == ky.count ? 0 : 1)
        case (.null, .null): return 0
        default:
            let x = a.doubleValue ?? 0, y = b.doubleValue ?? 0
            return x < y ? -1 : (x == y ? 0 : 1)
        }
    }
}

/// A path to a field inside an object: structured-merge-diff's `fieldpath.Path`.
public struct FieldPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The steps from the object root; empty for the object itself (never tracked).
    public var elements: [FieldPathElement]

    /// A path of these steps.
    public init(_ elements: [FieldPathElement]) { self.elements = elements }

    /// A path of plain object fields, e.g. `FieldPath(fields: "spec", "replicas")`.
    public init(fields: String...) { self.elements = fields.map { .field($0) } }

    /// How kube-apiserver prints a path in conflicts: `.spec.template.spec.containers[name="app"].image`.
    public var description: String { elements.map(\.description).joined() }

    /// This path extended by one step.
    public func appending(_ element: FieldPathElement) -> FieldPath { FieldPath(elements + [element]) }

    /// structured-merge-diff's path order: element by element, a prefix first.
    public static func < (lhs: FieldPath, rhs: FieldPath) -> Bool {
        for (a, b) in zip(lhs.elements, rhs.elements) {
            let c = FieldPathElement.compare(a, b)
            if c != 0 { return c < 0 }
        }
        return lhs.elements.count < rhs.elements.count
    }
}

/// A malformed `fieldsV1` document or path element.
public struct FieldsV1Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in upstream's words where it has them.
    public var message: String
    public var description: String { message }
}
