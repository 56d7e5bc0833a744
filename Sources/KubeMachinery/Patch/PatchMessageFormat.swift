import KubeCore

/// Renders JSON values the way Go's `fmt` `%v` prints decoded JSON (`map[a:1 b:[x y]]`), so
/// error messages read like kube-apiserver's.
enum PatchMessageFormat {
    static func goValue(_ value: JSONValue) -> String {
        switch value {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .string(let s): return s
        case .array(let a): return "[" + a.map(goValue).joined(separator: " ") + "]"
        case .object(let o):
            return "map[" + o.keys.sorted().map { "\($0):\(goValue(o[$0]!))" }.joined(separator: " ") + "]"
        }
    }

    /// The Go type name of a decoded JSON value (`reflect.TypeOf(v)`), for "expected a …" messages.
    static func goType(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return "<nil>"
        case .bool?: return "bool"
        case .int?: return "int64"
        case .double?: return "float64"
        case .string?: return "string"
        case .array?: return "[]interface {}"
        case .object?: return "map[string]interface {}"
        }
    }

    /// The JSON kind name encoding/json uses in "cannot unmarshal X into …" messages.
    static func jsonKind(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
