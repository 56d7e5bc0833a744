import Foundation

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let i = try? c.decode(Int64.self) { self = .int(i); return }
        if let d = try? c.decode(Double.self) { self = .double(d); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let a = try? c.decode([JSONValue].self) { self = .array(a); return }
        if let o = try? c.decode([String: JSONValue].self) { self = .object(o); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a JSON value")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}

/// Converts between typed models and ``JSONValue`` through their Codable form.
public enum JSONCoding {
    /// A JSON encoder configured as the project uses it everywhere: sorted keys, no escaped slashes.
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    public static func decoder() -> JSONDecoder { JSONDecoder() }

    /// Encodes any Encodable to bytes with deterministic key order.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        if let v = value as? JSONValue { return Data(v.serialized()) }
        return try encoder().encode(value)
    }

    /// Decodes bytes into a Decodable; ``JSONValue`` uses the fast native parser.
    public static func decode<T: Decodable>(_ type: T.Type, from data: some Collection<UInt8>) throws -> T {
        if T.self == JSONValue.self { return try JSONValue.parse(data) as! T }
        return try decoder().decode(T.self, from: Data(data))
    }
}

extension JSONValue {
    /// The JSON form of a typed value.
    public init<T: Encodable>(encoding value: T) throws {
        self = try JSONValue.parse(JSONCoding.encode(value))
    }

    /// Decodes this value as a typed model.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T {
        try JSONCoding.decode(T.self, from: serialized())
    }
}
