import KubeCore
import Testing

@testable import KubeMachinery

@Suite("Structural schema parsing, CEL rules and apply semantics")
struct StructuralSchemaTests {
    let json = DifyModelFixture.json

    func errors(_ text: String) -> [String] {
        do {
            _ = try StructuralSchema(json(text))
            return []
        } catch let error as StructuralSchemaError {
            return error.errors.map(\.description)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test func parsesTheFixture() {
        let s = DifyModelFixture.schema
        #expect(s.type == "object")
        #expect(s.schema(at: ["spec", "ports"])?.listType == "map")
        #expect(s.schema(at: ["spec", "ports", "[]", "protocol"])?.defaultValue == "TCP")
        #expect(s.schema(at: ["spec", "labels", "{}"])?.maxLength == 63)
        #expect(s.schema(at: ["spec", "labels", "team"])?.maxLength == 63)
        #expect(s.schema(at: ["spec", "resources", "gpu"])?.intOrString == true)
        #expect(s.schema(at: ["spec", "quantization"])?.nullable == true)
        #expect(s.schema(at: ["spec", "nope"]) == nil)
    }

    static let nonStructural: [(String, String, [String])] = [
        (
            "missing type of a field",
            #"{"type": "object", "properties": {"spec": {"type": "object", "properties": {"foo": {"description": "x"}}}}}"#,
            ["openAPIV3Schema.properties[spec].properties[foo].type: Required value: must not be empty for specified object fields"]
        ),
        (
            "array without items",
            #"{"type": "object", "properties": {"list": {"type": "array"}}}"#,
            ["openAPIV3Schema.properties[list].items: Required value: must be specified"]
        ),
        (
            "root not an object",
            #"{"type": "string"}"#,
            [#"openAPIV3Schema.type: Invalid value: "string": must be object at the root"#]
        ),
        (
            "metadata restricted",
            #"{"type": "object", "properties": {"metadata": {"type": "object", "properties": {"labels": {"type": "object"}}}}}"#,
            ["openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified"]
        ),
        (
            "type in a junctor",
            #"{"type": "object", "properties": {"a": {"type": "string", "anyOf": [{"type": "string", "minLength": 1}]}}}"#,
            ["openAPIV3Schema.properties[a].anyOf[0].type: Forbidden: must be empty to be structural"]
        ),
        (
            "junctor names an unknown property",
            #"{"type": "object", "properties": {"a": {"type": "string"}}, "anyOf": [{"properties": {"b": {"minLength": 1}}}]}"#,
            ["openAPIV3Schema.properties[b]: Required value: because it is defined in openAPIV3Schema.anyOf[0].properties[b]"]
        ),
        (
            "uniqueItems and $ref",
            ##"{"type": "object", "properties": {"l": {"type": "array", "uniqueItems": true, "items": {"type": "string"}}, "r": {"$ref": "#/x", "type": "string"}}}"##,
            [
                "openAPIV3Schema.properties[l].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic",
                "openAPIV3Schema.properties[r].$ref: Forbidden: $ref is not supported",
            ]
        ),
        (
            "map list without keys",
            #"{"type": "object", "properties": {"l": {"type": "array", "x-kubernetes-list-type": "map", "items": {"type": "object"}}}}"#,
            ["openAPIV3Schema.properties[l].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map"]
        ),
        (
            "map list key neither required nor defaulted",
            #"{"type": "object", "properties": {"l": {"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["k"], "items": {"type": "object", "properties": {"k": {"type": "string"}}}}}}"#,
            ["openAPIV3Schema.properties[l].items.properties[k].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"]
        ),
        (
            "unknown list type",
            #"{"type": "object", "properties": {"l": {"type": "array", "x-kubernetes-list-type": "bag", "items": {"type": "string"}}}}"#,
            [#"openAPIV3Schema.properties[l].x-kubernetes-list-type: Unsupported value: "bag": supported values: "atomic", "set", "map""#]
        ),
        (
            "properties and additionalProperties",
            #"{"type": "object", "properties": {"m": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "string"}}}}"#,
            ["openAPIV3Schema.properties[m].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive"]
        ),
        (
            "preserve-unknown-fields false",
            #"{"type": "object", "x-kubernetes-preserve-unknown-fields": false}"#,
            ["openAPIV3Schema.x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined"]
        ),
        (
            "bad type name",
            #"{"type": "object", "properties": {"a": {"type": "str"}}}"#,
            [#"openAPIV3Schema.properties[a].type: Unsupported value: "str": supported values: "array", "boolean", "integer", "number", "object", "string""#]
        ),
        (
            "CEL rule without expression",
            #"{"type": "object", "x-kubernetes-validations": [{"message": "m"}]}"#,
            ["openAPIV3Schema.x-kubernetes-validations[0].rule: Required value: rule is not specified"]
        ),
    ]

    @Test(arguments: nonStructural.map { $0.0 })
    func rejectsNonStructuralSchemas(_ name: String) {
        let (_, text, expected) = Self.nonStructural.first { $0.0 == name }!
        #expect(errors(text) == expected)
    }

    @Test func patternsFollowGoRE2() {
        #expect(
            errors(#"{"type": "object", "properties": {"a": {"type": "string", "pattern": "^(?=x)"}}}"#)
                == [#"openAPIV3Schema.properties[a].pattern: Invalid value: "^(?=x)": must be a valid regular expression, but isn't: error parsing regexp: invalid or unsupported Perl syntax: `(?=`"#])
        #expect(
            errors(#"{"type": "object", "properties": {"a": {"type": "string", "pattern": "(a)\\1"}}}"#)
                == [#"openAPIV3Schema.properties[a].pattern: Invalid value: "(a)\\1": must be a valid regular expression, but isn't: error parsing regexp: invalid escape sequence: `\1`"#])
        let rx = SchemaRegexCache()
        #expect(rx.matches(#"^\d+$"#, "12") == true)
        #expect(rx.matches(#"^\d+$"#, "\u{0661}\u{0662}") == false)  // Go's \d is ASCII only
        #expect(rx.matches("^[[:alpha:]]+$", "abc") == true)
        #expect(rx.matches("^[[:alpha:]]+$", "é") == false)
        #expect(rx.matches(#"^\pL+$"#, "é") == true)
        #expect(rx.matches("^a$", "a\n") == false)  // Go's $ is end of text
        #expect(rx.matches("b", "abc") == true)  // unanchored
        #expect(rx.matches("(?<name>a)", "a") == true)
    }

    @Test func intOrStringPatternsAreStructural() {
        #expect(errors(#"{"type": "object", "properties": {"p": {"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}]}}}"#) == [])
        #expect(
            errors(#"{"type": "object", "properties": {"p": {"x-kubernetes-int-or-string": true, "allOf": [{"anyOf": [{"type": "integer"}, {"type": "string"}]}, {"pattern": "^a"}]}}}"#)
                == [])
    }

    @Test func crdErrorsUseTheVersionPath() throws {
        var crd = OpenAPIPublisherTests.crd
        crd.spec!.versions[0].schema = CustomResourceValidation(openAPIV3Schema: json(#"{"type": "object", "properties": {"spec": {}}}"#))
        do {
            _ = try StructuralSchema.forVersion("v1alpha1", of: crd)
            Issue.record("expected an error")
        } catch let error as StructuralSchemaError {
            #expect(
                error.causes == [
                    StatusCause(
                        reason: "FieldValueRequired", message: "Required value: must not be empty for specified object fields",
                        field: "spec.versions[0].schema.openAPIV3Schema.properties[spec].type")
                ])
            let status = SchemaInvalidStatus.make(kind: "CustomResourceDefinition", group: "apiextensions.k8s.io", name: "difymodels.dify.ai", causes: error.causes)
            #expect(
                status.message
                    == #"CustomResourceDefinition.apiextensions.k8s.io "difymodels.dify.ai" is invalid: spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields"#
            )
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(try StructuralSchema.forVersion("v9", of: crd) == nil)
    }

    @Test func celRulesAreExposedNotEvaluated() {
        let s = DifyModelFixture.schema
        #expect(s.rules(at: ["spec"]) == [ValidationRule(rule: "self.replicas <= 10 || !self.autoscaling.enabled", message: "too many replicas", json: s.rules(at: ["spec"]).first?.json)])
        #expect(s.rules(at: ["spec", "replicas"]) == [])
        #expect(s.allValidationRules().map(\.path) == [["spec"]])
        // A rule that would fail does not produce an error here.
        var object = DifyModelFixture.validObject
        object[path: ["spec", "replicas"]] = 10
        #expect(SchemaValidation.validate(object, schema: s) == [])
    }

    @Test func crdSchemaInfoFollowsListAndMapTypes() {
        let info = CRDSchemaInfo(schema: DifyModelFixture.schema)
        #expect(info.listSemantics(at: ["spec", "ports"]) == .map(keys: ["name"]))
        #expect(info.listSemantics(at: ["spec", "tags"]) == .set)
        #expect(info.listSemantics(at: ["spec", "engine", "args"]) == .atomic)
        #expect(info.listSemantics(at: ["status", "conditions"]) == .map(keys: ["type"]))
        #expect(info.listSemantics(at: ["spec", "engineConfig", "anything"]) == .atomic)
        #expect(info.isAtomicObject(at: ["spec", "selector"]))
        #expect(!info.isAtomicObject(at: ["spec", "source"]))
        // ObjectMeta semantics at the root and in embedded resources.
        #expect(info.listSemantics(at: ["metadata", "finalizers"]) == .set)
        #expect(info.listSemantics(at: ["metadata", "ownerReferences"]) == .map(keys: ["uid"]))
        #expect(info.isAtomicObject(at: ["metadata", "ownerReferences", "[]"]))
        #expect(info.listSemantics(at: ["spec", "template", "metadata", "finalizers"]) == .set)
        // Strategic merge patch is not supported for custom resources.
        #expect(info.patchMergeKey(at: ["spec", "ports"]) == nil)
        #expect(!info.isMergedPrimitiveList(at: ["spec", "tags"]))
    }
}
