import Foundation
import KubeCore
import Yams

/// YAML read with Yams (an independent reader), as ``JSONValue``s.
enum YAMLDocuments {
    /// Every document of a YAML stream (empty documents skipped).
    static func load(_ yaml: String) throws -> [JSONValue] {
        try Yams.load_all(yaml: yaml).compactMap { any in
            let value = try json(any)
            return value.isNull ? nil : value
        }
    }

    struct UnsupportedValue: Error, CustomStringConvertible {
        var description: String
        init(value: Any) { description = "YAML value with no JSON form: \(value) (\(type(of: value)))" }
    }

    private static func json(_ any: Any?) throws -> JSONValue {
        switch any {
        case nil, is NSNull: return .null
        case let b as Bool: return .bool(b)
        case let i as Int: return .int(Int64(i))
        case let i as Int64: return .int(i)
        case let d as Double: return .double(d)
        case let s as String: return .string(s)
        case let date as Date: return .string(Time(date).description)
        case let a as [Any]: return .array(try a.map { try json($0) })
        case let o as [AnyHashable: Any]:
            var out: [String: JSONValue] = [:]
            for (k, v) in o {
                guard let key = k.base as? String else { throw UnsupportedValue(value: k.base) }
                out[key] = try json(v)
            }
            return .object(out)
        default: throw UnsupportedValue(value: any as Any)
        }
    }
}
