/// One event of a WATCH stream. BOOKMARK carries only the latest resourceVersion;
/// ERROR carries a ``Status`` instead of an object (code 410 means "too old resource version").
public enum WatchEvent<Object: Sendable>: Sendable {
    case added(Object)
    case modified(Object)
    case deleted(Object)
    case bookmark(resourceVersion: String)
    case error(Status)

    /// The object of ADDED, MODIFIED and DELETED.
    public var object: Object? {
        switch self {
        case .added(let o), .modified(let o), .deleted(let o): return o
        case .bookmark, .error: return nil
        }
    }

    /// The wire name of the event type.
    public var typeName: String {
        switch self {
        case .added: return "ADDED"
        case .modified: return "MODIFIED"
        case .deleted: return "DELETED"
        case .bookmark: return "BOOKMARK"
        case .error: return "ERROR"
        }
    }
}

extension WatchEvent: Equatable where Object: Equatable {}

/// The bookmark's object: only `metadata.resourceVersion` is meaningful.
struct BookmarkObject: Decodable {
    struct Meta: Decodable { var resourceVersion: String? }
    var metadata: Meta?
}

/// Decodes one line `{"type": ..., "object": ...}` of a watch body in a single pass: the type is
/// read first, then the object is decoded as the resource, a bookmark or a Status accordingly.
struct WatchEventEnvelope<Object: Decodable & Sendable>: Decodable {
    let event: WatchEvent<Object>

    enum CodingKeys: String, CodingKey { case type, object }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "ADDED": event = .added(try c.decode(Object.self, forKey: .object))
        case "MODIFIED": event = .modified(try c.decode(Object.self, forKey: .object))
        case "DELETED": event = .deleted(try c.decode(Object.self, forKey: .object))
        case "BOOKMARK":
            let b = try c.decode(BookmarkObject.self, forKey: .object)
            event = .bookmark(resourceVersion: b.metadata?.resourceVersion ?? "")
        case "ERROR": event = .error(try c.decode(Status.self, forKey: .object))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown watch event type \(type)")
        }
    }
}

/// Decodes watch-event lines into ``WatchEvent`` values.
public enum WatchEventDecoder {
    /// Decodes one complete line (without its newline).
    public static func decode<Object: Decodable & Sendable>(_ line: [UInt8], as: Object.Type) throws -> WatchEvent<Object> {
        let v = try JSONValue.parse(line)
        if Object.self == JSONValue.self { return try fromUnstructured(v) as! WatchEvent<Object> }
        return try JSONValueDecoder().decode(WatchEventEnvelope<Object>.self, from: v).event
    }

    static func fromUnstructured(_ v: JSONValue) throws -> WatchEvent<JSONValue> {
        let obj = v["object"]
        switch v["type"].stringValue {
        case "ADDED": return .added(obj)
        case "MODIFIED": return .modified(obj)
        case "DELETED": return .deleted(obj)
        case "BOOKMARK": return .bookmark(resourceVersion: obj.resourceVersion ?? "")
        case "ERROR": return .error(try obj.decode(as: Status.self))
        default: throw JSONParseError(offset: 0, reason: "unknown watch event type \(v["type"])")
        }
    }
}
