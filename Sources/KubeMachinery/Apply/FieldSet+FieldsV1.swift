import KubeCore

extension FieldSet {
    /// The set as a `fieldsV1` document, exactly as kube-apiserver writes it: each element is a
    /// key (`f:name`, `k:{...}`, `v:...`); a member without children maps to `{}`; an element that
    /// is both a member and has children gets `".": {}` beside them.
    public var fieldsV1: JSONValue {
        var object: [String: JSONValue] = [:]
        for member in members where children[member] == nil {
            object[member.serialized] = .emptyObject
        }
        for (element, child) in children {
            var nested = child.fieldsV1.objectValue ?? [:]
            if members.contains(element) { nested["."] = .emptyObject }
            object[element.serialized] = .object(nested)
        }
        return .object(object)
    }

    /// Reads a `fieldsV1` document (`Set.FromJSON`). Keys of unknown element types are dropped,
    /// as upstream does; a nested object with no (known) keys, or with `"."`, marks a member.
    public init(fieldsV1: JSONValue) throws {
        guard let object = fieldsV1.objectValue else {
            throw FieldsV1Error(message: "fieldsV1 must be a JSON object")
        }
        self = try FieldSet.read(object).children ?? FieldSet()
    }

    private static func read(_ object: [String: JSONValue]) throws -> (children: FieldSet?, isMember: Bool) {
        var children: FieldSet?
        var isMember = false
        for (key, value) in object {
            if key == "." {
                isMember = true
                continue
            }
            guard let element = try FieldPathElement(serialized: key) else { continue }
            guard let nested = value.objectValue else {
                throw FieldsV1Error(message: "fieldsV1 value for \(key) must be a JSON object")
            }
            let (grandchildren, childIsMember) = try read(nested)
            if childIsMember {
                if children == nil { children = FieldSet() }
                children!.members.insert(element)
            }
            if let grandchildren, !grandchildren.isEmpty {
                if children == nil { children = FieldSet() }
                children!.children[element] = grandchildren
            }
        }
        if children == nil { isMember = true }
        return (children, isMember)
    }
}
