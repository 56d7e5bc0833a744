import Foundation
import KubeCore
import Yams

/// Reads Kubernetes manifests: every `*.yaml`/`*.yml` file of a directory in file-name order,
/// each possibly holding several `---`-separated documents.
public enum ManifestLoader {
    /// A manifest that cannot be read.
    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    public static func load(directory: String) throws -> [JSONValue] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
            throw LoadError("cannot read the samples directory \(directory); run from a clone of the repository or pass --samples-dir")
        }
        var objects: [JSONValue] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = (directory as NSString).appendingPathComponent(name)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            objects += try parse(text, source: path)
        }
        return objects
    }

    public static func parse(_ text: String, source: String) throws -> [JSONValue] {
        var objects: [JSONValue] = []
        for document in try Yams.compose_all(yaml: text) {
            let value = json(document)
            if value.isNull { continue }
            guard value["kind"].stringValue != nil else { throw LoadError("\(source): a document has no kind") }
            objects.append(value)
        }
        return objects
    }

    /// A YAML node as JSON, by its resolved tag (YAML 1.2 core schema: quoted scalars are strings).
    public static func json(_ node: Yams.Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
            case .float: return node.float.map(JSONValue.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = json(value) }
            return .object(object)
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .alias:
            return .null
        }
    }
}
