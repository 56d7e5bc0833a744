import KubeCore

/// One node of a CustomResourceDefinition's *structural* OpenAPI v3 schema
/// (`spec.versions[*].schema.openAPIV3Schema`), as kube-apiserver's apiextensions-apiserver
/// models it (`schema.Structural`): the structure (`type`, `properties`, `items`,
/// `additionalProperties`), the generic fields (`description`, `default`, `nullable`, ...), the
/// Kubernetes extensions (`x-kubernetes-*`) and the value validations (`enum`, `minimum`,
/// `pattern`, ..., and the logical junctors `allOf`/`anyOf`/`oneOf`/`not`, which in a structural
/// schema only carry value validations).
///
/// Build one with ``init(_:fieldPath:checkCRDRules:)``; it rejects non-structural schemas with the
/// same field errors kube-apiserver gives when the CRD is created.
///
/// Nested junctor schemas (`allOf[i]`, `anyOf[i]`, `oneOf[i]`, `not`) are also represented as
/// `StructuralSchema` values; structurally they may only carry value validations (and, for the
/// `x-kubernetes-int-or-string` pattern, `type: integer` / `type: string`).
///
/// CEL rules (`x-kubernetes-validations`) are parsed and kept (``validationRules``,
/// ``rules(at:)``) but never evaluated here: evaluating CEL is out of scope for this package, so
/// tests that depend on CEL must evaluate the exposed rules with another tool.
public struct StructuralSchema: Sendable, Equatable {
    // MARK: Structure

    /// `type`: `object`, `array`, `string`, `integer`, `number` or `boolean`; nil when unset
    /// (allowed with `x-kubernetes-preserve-unknown-fields` or `x-kubernetes-int-or-string`).
    public var type: String?
    /// `properties`: the known fields of an object.
    public var properties: [String: StructuralSchema]
    /// `items`: the schema of every list element (stored in a one-element array to allow recursion).
    public var items: StructuralSchema? {
        get { itemsStorage.first }
        set { itemsStorage = newValue.map { [$0] } ?? [] }
    }
    /// `additionalProperties`: the values of a map (`true`/`false` or a schema).
    public var additionalProperties: AdditionalProperties?

    // MARK: Generic

    /// `description`: what `kubectl explain` prints for the field.
    public var description: String?
    /// `title`, passed through to OpenAPI.
    public var title: String?
    /// `default`, already pruned against this node's schema as kube-apiserver does when serving.
    public var defaultValue: JSONValue?
    /// `nullable: true` lets the value be JSON `null`.
    public var nullable: Bool
    /// `example`, passed through to OpenAPI.
    public var example: JSONValue?
    /// `externalDocs` (`{description, url}`), passed through to OpenAPI.
    public var externalDocs: JSONValue?

    // MARK: Extensions

    /// `x-kubernetes-preserve-unknown-fields: true`: unknown fields below this node are kept
    /// (until a nested node specifies `properties` or `additionalProperties` again).
    public var preserveUnknownFields: Bool
    /// `x-kubernetes-embedded-resource: true`: the value is a whole object with `apiVersion`,
    /// `kind` and `metadata`.
    public var embeddedResource: Bool
    /// `x-kubernetes-int-or-string: true`: an integer or a string (validated as
    /// `type: [integer, string]`).
    public var intOrString: Bool
    /// `x-kubernetes-list-type`: `atomic`, `set` or `map`; nil means atomic.
    public var listType: String?
    /// `x-kubernetes-list-map-keys` of a `map` list.
    public var listMapKeys: [String]
    /// `x-kubernetes-map-type`: `atomic` or `granular`; nil means granular.
    public var mapType: String?
    /// `x-kubernetes-validations` (CEL): kept, never evaluated (see the type's documentation).
    public var validationRules: [ValidationRule]

    // MARK: Value validation

    /// `format`, as written (only the formats kube-apiserver supports are enforced).
    public var format: String?
    /// `maximum` (with `exclusiveMaximum`); an integer value is compared with it truncated.
    public var maximum: Double?
    public var exclusiveMaximum: Bool
    /// `minimum` (with `exclusiveMinimum`); an integer value is compared with it truncated.
    public var minimum: Double?
    public var exclusiveMinimum: Bool
    /// `maxLength` / `minLength`, counted in Unicode scalars (Go runes).
    public var maxLength: Int64?
    public var minLength: Int64?
    /// `pattern`: a Go RE2 regular expression, matched anywhere in the string unless anchored.
    public var pattern: String?
    /// `maxItems` / `minItems` of a list.
    public var maxItems: Int64?
    public var minItems: Int64?
    /// `uniqueItems` (rejected in CRDs by kube-apiserver; honoured when parsed leniently).
    public var uniqueItems: Bool
    /// `multipleOf` of a number.
    public var multipleOf: Double?
    /// `enum`: the allowed values, nil when unset.
    public var enumValues: [JSONValue]?
    /// `maxProperties` / `minProperties` of an object.
    public var maxProperties: Int64?
    public var minProperties: Int64?
    /// `required`: property names that must be present.
    public var required: [String]
    /// `allOf`: the value must validate against every schema.
    public var allOf: [StructuralSchema]
    /// `anyOf`: the value must validate against at least one schema.
    public var anyOf: [StructuralSchema]
    /// `oneOf`: the value must validate against exactly one schema.
    public var oneOf: [StructuralSchema]
    /// `not`: the value must not validate against this schema.
    public var not: StructuralSchema? {
        get { notStorage.first }
        set { notStorage = newValue.map { [$0] } ?? [] }
    }

    /// The JSON this node was parsed from (unpruned default included).
    public var json: JSONValue

    var itemsStorage: [StructuralSchema] = []
    var notStorage: [StructuralSchema] = []

    /// An empty schema: no type, no constraints (what kube-apiserver uses when a CRD has none).
    public init() {
        type = nil
        properties = [:]
        additionalProperties = nil
        description = nil
        title = nil
        defaultValue = nil
        nullable = false
        example = nil
        externalDocs = nil
        preserveUnknownFields = false
        embeddedResource = false
        intOrString = false
        listType = nil
        listMapKeys = []
        mapType = nil
        validationRules = []
        format = nil
        maximum = nil
        exclusiveMaximum = false
        minimum = nil
        exclusiveMinimum = false
        maxLength = nil
        minLength = nil
        pattern = nil
        maxItems = nil
        minItems = nil
        uniqueItems = false
        multipleOf = nil
        enumValues = nil
        maxProperties = nil
        minProperties = nil
        required = []
        allOf = []
        anyOf = []
        oneOf = []
        json = .emptyObject
    }
}

/// `additionalProperties` of a structural schema: a boolean or a schema for every map value.
public indirect enum AdditionalProperties: Sendable, Equatable {
    /// `additionalProperties: true` or `false` (no schema: values are not described, and pruning
    /// removes the fields of object values, as kube-apiserver does).
    case allowed(Bool)
    /// `additionalProperties: {...}`: every value follows this schema.
    case schema(StructuralSchema)

    /// The schema of the values, if one is given.
    public var schema: StructuralSchema? {
        if case .schema(let s) = self { return s }
        return nil
    }

    /// Whether additional properties are allowed (a schema allows them).
    public var allows: Bool {
        switch self {
        case .allowed(let b): return b
        case .schema: return true
        }
    }
}

/// One `x-kubernetes-validations` entry: a CEL rule and how its failure is reported.
/// The emulator does not evaluate CEL; these are exposed so a test harness can.
public struct ValidationRule: Sendable, Equatable {
    /// The CEL expression (`self` is the value of the node carrying the rule).
    public var rule: String
    /// The fixed message reported when the rule fails.
    public var message: String?
    /// A CEL expression producing the message.
    public var messageExpression: String?
    /// `FieldValueInvalid` (the default), `FieldValueForbidden`, `FieldValueRequired` or
    /// `FieldValueDuplicate`.
    public var reason: String?
    /// A JSON path relative to the node, used as the error's field.
    public var fieldPath: String?
    /// Whether the rule also runs on create / uncorrelated values, with `oldSelf` optional.
    public var optionalOldSelf: Bool?
    /// The entry as written.
    public var json: JSONValue

    /// A rule; `json` defaults to the entry built from the fields.
    public init(
        rule: String, message: String? = nil, messageExpression: String? = nil, reason: String? = nil,
        fieldPath: String? = nil, optionalOldSelf: Bool? = nil, json: JSONValue? = nil
    ) {
        self.rule = rule
        self.message = message
        self.messageExpression = messageExpression
        self.reason = reason
        self.fieldPath = fieldPath
        self.optionalOldSelf = optionalOldSelf
        var j: JSONValue = ["rule": .string(rule)]
        if let message { j["message"] = .string(message) }
        if let messageExpression { j["messageExpression"] = .string(messageExpression) }
        if let reason { j["reason"] = .string(reason) }
        if let fieldPath { j["fieldPath"] = .string(fieldPath) }
        if let optionalOldSelf { j["optionalOldSelf"] = .bool(optionalOldSelf) }
        self.json = json ?? j
    }
}
