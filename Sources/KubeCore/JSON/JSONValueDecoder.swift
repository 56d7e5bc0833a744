/// Decodes `Decodable` models straight from a parsed ``JSONValue`` tree.
///
/// Faster than re-tokenising text with `JSONDecoder`, and a model field of type ``JSONValue``
/// (such as `managedFields` or a pass-through HPA `behavior`) receives its subtree as it is,
/// without walking it. Semantics follow `JSONDecoder`: missing keys and `null` decode as nil for
/// optionals; numbers must fit the target type exactly.
public struct JSONValueDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        if let v = value as? T { return v }
        return try T(from: TreeDecoder(value: value, node: nil))
    }
}

/// The coding path as a linked list, materialised into `[CodingKey]` only when asked for (in
/// errors): building an array per decoded field would dominate the cost of decoding.
private final class PathNode: @unchecked Sendable {
    let key: any CodingKey
    let parent: PathNode?
    init(_ key: any CodingKey, _ parent: PathNode?) {
        self.key = key
        self.parent = parent
    }
    static func path(_ node: PathNode?) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        var n = node
        while let c = n { keys.append(c.key); n = c.parent }
        return keys.reversed()
    }
}

/// Where a value sits: its parent's path and its own key. A node is allocated only when a nested
/// container is entered or an error is reported, never for a scalar that decodes fine.
private struct PathRef {
    let parent: PathNode?
    let key: (any CodingKey)?
    var node: PathNode? { key.map { PathNode($0, parent) } ?? parent }
}

private struct TreeDecoder: Decoder {
    let value: JSONValue
    let node: PathNode?
    var codingPath: [any CodingKey] { PathNode.path(node) }

    init(value: JSONValue, node: PathNode?) {
        self.value = value
        self.node = node
    }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let o) = value else {
            throw DecodingError.typeMismatch([String: JSONValue].self, .init(codingPath: codingPath, debugDescription: "expected an object, found \(value.kindName)"))
        }
        return KeyedDecodingContainer(KeyedTreeContainer(object: o, node: node))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let a) = value else {
            throw DecodingError.typeMismatch([JSONValue].self, .init(codingPath: codingPath, debugDescription: "expected an array, found \(value.kindName)"))
        }
        return UnkeyedTreeContainer(array: a, node: node)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleTreeContainer(value: value, node: node)
    }
}

extension JSONValue {
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// Scalar conversions shared by the three container kinds.
private enum Scalar {
    static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ ref: PathRef) throws -> T {
        let path = ref
        if T.self == JSONValue.self { return value as! T }
        if T.self == String.self { return try string(value, path) as! T }
        if T.self == Bool.self { return try bool(value, path) as! T }
        if T.self == Int.self { return try integer(Int.self, value, path) as! T }
        if T.self == Int32.self { return try integer(Int32.self, value, path) as! T }
        if T.self == Int64.self { return try integer(Int64.self, value, path) as! T }
        if T.self == Double.self { return try double(value, path) as! T }
        return try T(from: TreeDecoder(value: value, node: ref.node))
    }

    static func mismatch(_ type: Any.Type, _ value: JSONValue, _ ref: PathRef) -> DecodingError {
        .typeMismatch(type, .init(codingPath: PathNode.path(ref.node), debugDescription: "expected \(type), found \(value.kindName)"))
    }

    static func string(_ v: JSONValue, _ ref: PathRef) throws -> String {
        guard case .string(let s) = v else { throw mismatch(String.self, v, ref) }
        return s
    }

    static func bool(_ v: JSONValue, _ ref: PathRef) throws -> Bool {
        guard case .bool(let b) = v else { throw mismatch(Bool.self, v, ref) }
        return b
    }

    static func integer<I: FixedWidthInteger>(_ type: I.Type, _ v: JSONValue, _ ref: PathRef) throws -> I {
        switch v {
        case .int(let i):
            guard let r = I(exactly: i) else { throw DecodingError.dataCorrupted(.init(codingPath: PathNode.path(ref.node), debugDescription: "\(i) does not fit in \(I.self)")) }
            return r
        case .double(let d):
            guard let r = I(exactly: d) else { throw DecodingError.dataCorrupted(.init(codingPath: PathNode.path(ref.node), debugDescription: "\(d) is not a valid \(I.self)")) }
            return r
        default: throw mismatch(I.self, v, ref)
        }
    }

    static func double(_ v: JSONValue, _ ref: PathRef) throws -> Double {
        guard let d = v.doubleValue else { throw mismatch(Double.self, v, ref) }
        return d
    }
}

private struct KeyedTreeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: [String: JSONValue]
    let node: PathNode?
    var codingPath: [any CodingKey] { PathNode.path(node) }

    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }
    func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

    private func value(_ key: Key) throws -> JSONValue {
        guard let v = object[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no value for key \"\(key.stringValue)\""))
        }
        return v
    }

    func decodeNil(forKey key: Key) throws -> Bool { (object[key.stringValue] ?? .null).isNull }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try Scalar.decode(T.self, value(key), PathRef(parent: node, key: key))
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let v = object[key.stringValue], !v.isNull else { return nil }
        return try Scalar.decode(T.self, v, PathRef(parent: node, key: key))
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try Scalar.bool(value(key), PathRef(parent: node, key: key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try Scalar.string(value(key), PathRef(parent: node, key: key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try Scalar.double(value(key), PathRef(parent: node, key: key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try Scalar.double(value(key), PathRef(parent: node, key: key))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try Scalar.integer(Int.self, value(key), PathRef(parent: node, key: key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try Scalar.integer(Int8.self, value(key), PathRef(parent: node, key: key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try Scalar.integer(Int16.self, value(key), PathRef(parent: node, key: key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try Scalar.integer(Int32.self, value(key), PathRef(parent: node, key: key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try Scalar.integer(Int64.self, value(key), PathRef(parent: node, key: key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try Scalar.integer(UInt.self, value(key), PathRef(parent: node, key: key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try Scalar.integer(UInt8.self, value(key), PathRef(parent: node, key: key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try Scalar.integer(UInt16.self, value(key), PathRef(parent: node, key: key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try Scalar.integer(UInt32.self, value(key), PathRef(parent: node, key: key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try Scalar.integer(UInt64.self, value(key), PathRef(parent: node, key: key)) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try TreeDecoder(value: value(key), node: PathNode(key, node)).container(keyedBy: NestedKey.self)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try TreeDecoder(value: value(key), node: PathNode(key, node)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { TreeDecoder(value: .object(object), node: node) }
    func superDecoder(forKey key: Key) throws -> any Decoder { TreeDecoder(value: object[key.stringValue] ?? .null, node: PathNode(key, node)) }
}

private struct IndexKey: CodingKey {
    var stringValue: String { String(intValue!) }
    var intValue: Int?
    init(_ i: Int) { intValue = i }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedTreeContainer: UnkeyedDecodingContainer {
    let array: [JSONValue]
    let node: PathNode?
    var codingPath: [any CodingKey] { PathNode.path(node) }
    var currentIndex = 0

    init(array: [JSONValue], node: PathNode?) {
        self.array = array
        self.node = node
    }

    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    private mutating func next() throws -> (JSONValue, PathRef) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(JSONValue.self, .init(codingPath: codingPath, debugDescription: "unkeyed container is at end"))
        }
        defer { currentIndex += 1 }
        return (array[currentIndex], PathRef(parent: node, key: IndexKey(currentIndex)))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, array[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (v, path) = try next()
        return try Scalar.decode(T.self, v, path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (v, path) = try next()
        return try TreeDecoder(value: v, node: path.node).container(keyedBy: NestedKey.self)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (v, path) = try next()
        return try TreeDecoder(value: v, node: path.node).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (v, path) = try next()
        return TreeDecoder(value: v, node: path.node)
    }
}

private struct SingleTreeContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let node: PathNode?
    var codingPath: [any CodingKey] { PathNode.path(node) }

    func decodeNil() -> Bool { value.isNull }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try Scalar.decode(T.self, value, PathRef(parent: node, key: nil)) }
    func decode(_ type: Bool.Type) throws -> Bool { try Scalar.bool(value, PathRef(parent: node, key: nil)) }
    func decode(_ type: String.Type) throws -> String { try Scalar.string(value, PathRef(parent: node, key: nil)) }
    func decode(_ type: Double.Type) throws -> Double { try Scalar.double(value, PathRef(parent: node, key: nil)) }
    func decode(_ type: Float.Type) throws -> Float { Float(try Scalar.double(value, PathRef(parent: node, key: nil))) }
    func decode(_ type: Int.Type) throws -> Int { try Scalar.integer(Int.self, value, PathRef(parent: node, key: nil)) }
    func decode(_ type: Int8.Type) throws -> Int8 { try Scalar.integer(Int8.self, value, PathRef(parent: node, key: nil)) }
    func decode(_ type: Int16.Type) throws -> Int16 { try Scalar.integer(Int16.self, value, PathRef(parent: node, key: nil)) }
    func decode(_ type: Int32.Type) throws -> Int32 { try Scalar.integer(Int32.self, value, PathRef(parent: node, key: nil)) }
    func decode(_ type: Int64.Type) throws -> Int64 { try Scalar.integer(Int64.self, value, PathRef(parent: node, key: nil)) }
    func decode(_ type: UInt.Type) throws -> UInt { try Scalar.integer(UInt.self, value, PathRef(parent: node, key: nil)) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try Scalar.integer(UInt8.self, value, PathRef(parent: node, key: nil)) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try Scalar.integer(UInt16.self, value, PathRef(parent: node, key: nil)) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try Scalar.integer(UInt32.self, value, PathRef(parent: node, key: nil)) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try Scalar.integer(UInt64.self, value, PathRef(parent: node, key: nil)) }
}
