import KubeCore

/// Scalar nodes: strings, integers, numbers, booleans. Every one a user can set takes a
/// `description` (what `kubectl explain` prints: what the field does, its default, an example).
extension SchemaNode {
    /// `type: string`, with the optional value validations kube-apiserver enforces: `enum`,
    /// `pattern` (Go RE2, anchored here with `^...$` by the caller), `format`, lengths, `default`.
    public static func string(
        description: String, enum allowed: [String]? = nil, pattern: String? = nil, format: String? = nil,
        minLength: Int64? = nil, maxLength: Int64? = nil, default defaultValue: String? = nil
    ) -> SchemaNode {
        var k: [String: JSONValue] = ["type": "string", "description": .string(description)]
        if let allowed { k["enum"] = .array(allowed.map { .string($0) }) }
        if let pattern { k["pattern"] = .string(pattern) }
        if let format { k["format"] = .string(format) }
        if let minLength { k["minLength"] = .int(minLength) }
        if let maxLength { k["maxLength"] = .int(maxLength) }
        if let defaultValue { k["default"] = .string(defaultValue) }
        return SchemaNode(keywords: k)
    }

    /// A bare `{type: string}`: the items of a string list or the values of a string map, whose
    /// meaning the containing field's description gives.
    public static let stringValue = SchemaNode(keywords: ["type": "string"])

    /// `type: integer, format: int32`, for Swift `Int32` fields; bounds are inclusive.
    public static func int32(
        description: String, minimum: Int32? = nil, maximum: Int32? = nil, default defaultValue: Int32? = nil
    ) -> SchemaNode {
        integer(description: description, format: "int32", minimum: minimum.map(Int64.init),
                maximum: maximum.map(Int64.init), default: defaultValue.map(Int64.init))
    }

    /// `type: integer, format: int64`, for Swift `Int64` fields; bounds are inclusive.
    public static func int64(
        description: String, minimum: Int64? = nil, maximum: Int64? = nil, default defaultValue: Int64? = nil
    ) -> SchemaNode {
        integer(description: description, format: "int64", minimum: minimum, maximum: maximum, default: defaultValue)
    }

    private static func integer(
        description: String, format: String, minimum: Int64?, maximum: Int64?, default defaultValue: Int64?
    ) -> SchemaNode {
        var k: [String: JSONValue] = ["type": "integer", "format": .string(format), "description": .string(description)]
        if let minimum { k["minimum"] = .int(minimum) }
        if let maximum { k["maximum"] = .int(maximum) }
        if let defaultValue { k["default"] = .int(defaultValue) }
        return SchemaNode(keywords: k)
    }

    /// `type: number, format: double`, for Swift `Double` fields. `exclusiveMinimum` makes the
    /// lower bound strict (OpenAPI v3.0's boolean form, the one CRDs use).
    public static func number(
        description: String, minimum: Double? = nil, exclusiveMinimum: Bool = false, maximum: Double? = nil,
        default defaultValue: Double? = nil
    ) -> SchemaNode {
        var k: [String: JSONValue] = ["type": "number", "format": "double", "description": .string(description)]
        if let minimum { k["minimum"] = .double(minimum) }
        if exclusiveMinimum { k["exclusiveMinimum"] = true }
        if let maximum { k["maximum"] = .double(maximum) }
        if let defaultValue { k["default"] = .double(defaultValue) }
        return SchemaNode(keywords: k)
    }

    /// `type: boolean`.
    public static func boolean(description: String, default defaultValue: Bool? = nil) -> SchemaNode {
        var k: [String: JSONValue] = ["type": "boolean", "description": .string(description)]
        if let defaultValue { k["default"] = .bool(defaultValue) }
        return SchemaNode(keywords: k)
    }
}
