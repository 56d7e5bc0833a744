import Foundation

extension JSONValue: Codable {
    /// Decodes through any `Decoder`. Containers are tried from the most to the least common
    /// shape in Kubernetes objects (object, array, then scalars), because every failed attempt
    /// costs a thrown error: `managedFields` alone holds dozens of nested empty objects.
    public init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: AnyCodingKey.self) {
            var o: [String: JSONValue] = [:]
            o.reserveCapacity(keyed.allKeys.count)
            for key in keyed.allKeys { o[key.stringValue] = try keyed.decode(JSONValue.self, forKey: key) }
            self = .object(o)
            return
        }
        if var unkeyed = try? decoder.unkeyedContainer() {
            var a: [JSONValue] = []
            if let n = unkeyed.count { a.reserveCapacity(n) }
            while !unkeyed.isAtEnd { a.append(try unkeyed.decode(JSONValue.self)) }
            self = .array(a)
            return
        }
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let i = try? c.decode(Int64.self) { self = .int(i); return }
        if let d = try? c.decode(Double.self) { self = .double(d); return }
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

    /// Decodes bytes into a Decodable. ``JSONValue`` and lists of it use the fast native parser.
    public static func decode<T: Decodable>(_ type: T.Type, from data: [UInt8]) throws -> T {
        if T.self == JSONValue.self { return try JSONValue.parse(data) as! T }
        if T.self == ObjectList<JSONValue>.self { return try ObjectList<JSONValue>(unstructured: JSONValue.parse(data)) as! T }
        // Parse once with the native parser, then decode the tree: several times faster than
        // JSONDecoder for Kubernetes objects, whose managedFields are kept as JSONValue.
        return try JSONValueDecoder().decode(T.self, from: JSONValue.parse(data))
    }

    /// Decodes `Data` into a Decodable.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decode(type, from: [UInt8](data))
    }
}

extension JSONValue {
    /// The JSON form of a typed value.
    public init<T: Encodable>(encoding value: T) throws {
        self = try JSONValue.parse(JSONCoding.encode(value))
    }

    /// Decodes this value as a typed model.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T {
        try JSONValueDecoder().decode(T.self, from: self)
    }
}

/// A coding key for arbitrary object members.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension ObjectList where Item == JSONValue {
    /// A list built from an unstructured LIST answer (items kept as they are).
    public init(unstructured v: JSONValue) throws {
        guard case .object = v else { throw JSONParseError(offset: 0, reason: "a list must be a JSON object") }
        self.init(metadata: (try? v["metadata"].decode(as: ListMeta.self)) ?? ListMeta(), items: v["items"].arrayValue ?? [])
    }
}
