import KubeCore

/// Container nodes: objects with known fields, string-keyed maps, lists, and objects passed
/// through unpruned.
extension SchemaNode {
    /// `type: object` with known `properties` (anything else is pruned by kube-apiserver),
    /// the `required` ones, and CEL rules evaluated with `self` bound to the object.
    public static func object(
        description: String, properties: [String: SchemaNode], required: [String] = [], validations: [CELRule] = []
    ) -> SchemaNode {
        var k: [String: JSONValue] = [
            "type": "object", "description": .string(description),
            "properties": .object(properties.mapValues(\.json)),
        ]
        if !required.isEmpty { k["required"] = .array(required.map { .string($0) }) }
        return SchemaNode(keywords: k).validated(by: validations)
    }

    /// `type: object` with `additionalProperties`: a map from any string key to `values`
    /// (for example labels: `SchemaNode.map(description: ..., values: .stringValue)`).
    public static func map(description: String, values: SchemaNode) -> SchemaNode {
        SchemaNode(keywords: ["type": "object", "description": .string(description), "additionalProperties": values.json])
    }

    /// `type: object` with `x-kubernetes-preserve-unknown-fields: true`: kept exactly as written
    /// (not pruned, not validated), for objects of other APIs passed through, such as an
    /// `autoscaling/v2` MetricSpec.
    public static func preservedObject(description: String) -> SchemaNode {
        SchemaNode(keywords: [
            "type": "object", "description": .string(description), "x-kubernetes-preserve-unknown-fields": true,
        ])
    }

    /// `type: array` of `items`, with its server-side apply semantics.
    public static func array(description: String, items: SchemaNode, listType: ListType = .atomic) -> SchemaNode {
        var k: [String: JSONValue] = ["type": "array", "description": .string(description), "items": items.json]
        switch listType {
        case .atomic: break
        case .map(let keys):
            k["x-kubernetes-list-type"] = "map"
            k["x-kubernetes-list-map-keys"] = .array(keys.map { .string($0) })
        }
        return SchemaNode(keywords: k)
    }

    /// `x-kubernetes-list-type`: how server-side apply merges a list written by several managers.
    public enum ListType: Sendable, Equatable {
        /// Replaced as a whole (the default; no keyword is written).
        case atomic
        /// Object items merged by the values of these keys (which must be required or defaulted).
        case map(keys: [String])
    }
}
