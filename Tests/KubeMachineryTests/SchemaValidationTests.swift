import KubeCore
import Testing

@testable import KubeMachinery

/// One expected cause: field, reason, message.
struct ExpectedCause: Sendable, CustomStringConvertible {
    var field: String
    var reason: String
    var message: String
    init(_ field: String, _ reason: String, _ message: String) {
        self.field = field
        self.reason = reason
        self.message = message
    }
    var cause: StatusCause { StatusCause(reason: reason, message: message, field: field) }
    var description: String { "\(field): \(message)" }
}

struct InvalidCase: Sendable, CustomStringConvertible {
    var name: String
    var path: [String]
    var value: JSONValue
    var expected: [ExpectedCause]
    var description: String { name }
}

@Suite("Schema validation (kube-apiserver messages)")
struct SchemaValidationTests {
    let schema = DifyModelFixture.schema

    @Test func validObjectHasNoErrors() {
        #expect(SchemaValidation.validate(DifyModelFixture.validObject, schema: schema) == [])
        #expect(SchemaValidation.validateCustomResource(DifyModelFixture.validObject, schema: schema) == [])
    }

    static let validVariants: [(String, [String], JSONValue)] = [
        ("replicas zero", ["spec", "replicas"], 0),
        ("replicas as integral float", ["spec", "replicas"], 2.0),
        ("gpu as integer", ["spec", "resources", "gpu"], 2),
        ("memory as string", ["spec", "resources", "memory"], "16Gi"),
        ("nullable string null", ["spec", "quantization"], nil),
        ("nullable map null", ["spec", "nodeSelector"], nil),
        ("preserved subtree anything", ["spec", "engineConfig"], ["x": [nil, true, 1.5, ["y": "z"]]]),
        ("engine Ollama", ["spec", "engine", "type"], "Ollama"),
        ("uri s3", ["spec", "source", "uri"], "s3://bucket/model"),
        ("utilization just above 0", ["spec", "autoscaling", "targetUtilization"], 0.01),
        ("utilization 1", ["spec", "autoscaling", "targetUtilization"], 1),
        ("labels empty", ["spec", "labels"], [:]),
    ]

    @Test(arguments: validVariants.map { $0.0 })
    func validVariant(_ name: String) {
        let (_, path, value) = Self.validVariants.first { $0.0 == name }!
        let object = DifyModelFixture.valid(setting: path, to: value)
        #expect(SchemaValidation.validate(object, schema: schema) == [])
    }

    static let invalidCases: [InvalidCase] = [
        InvalidCase(
            name: "replicas string", path: ["spec", "replicas"], value: "string",
            expected: [.init("spec.replicas", "FieldValueTypeInvalid", #"Invalid value: "string": spec.replicas in body must be of type integer: "string""#)]),
        InvalidCase(
            name: "replicas negative", path: ["spec", "replicas"], value: -1,
            expected: [.init("spec.replicas", "FieldValueInvalid", "Invalid value: -1: spec.replicas in body should be greater than or equal to 0")]),
        InvalidCase(
            name: "replicas above maximum", path: ["spec", "replicas"], value: 11,
            expected: [.init("spec.replicas", "FieldValueInvalid", "Invalid value: 11: spec.replicas in body should be less than or equal to 10")]),
        InvalidCase(
            name: "replicas fractional", path: ["spec", "replicas"], value: 1.5,
            expected: [
                // With a format, kube-openapi reports the format and Go's type name.
                .init("spec.replicas", "FieldValueTypeInvalid", #"Invalid value: "float64": spec.replicas in body must be of type int32: "float64""#),
                .init("<nil>", "FieldValueInvalid", #"Invalid value: "": Checked value must be of type integer with format int32 in spec.replicas"#),
            ]),
        InvalidCase(
            name: "port fractional", path: ["spec", "ports"], value: [["name": "http", "port": 80.5]],
            expected: [
                .init("spec.ports[0].port", "FieldValueTypeInvalid", #"Invalid value: "number": spec.ports[0].port in body must be of type integer: "number""#),
                .init("<nil>", "FieldValueInvalid", #"Invalid value: "": Checked value must be of type integer (default format) in spec.ports[0].port"#),
            ]),
        InvalidCase(
            name: "replicas beyond int32", path: ["spec", "replicas"], value: 3_000_000_000,
            expected: [
                .init("<nil>", "FieldValueInvalid", #"Invalid value: "": Checked value must be of type integer with format int32 in spec.replicas"#),
                .init("spec.replicas", "FieldValueInvalid", "Invalid value: 3000000000: spec.replicas in body should be less than or equal to 10"),
            ]),
        InvalidCase(
            name: "replicas null", path: ["spec", "replicas"], value: nil,
            expected: [.init("spec.replicas", "FieldValueTypeInvalid", #"Invalid value: "null": spec.replicas in body must be of type integer: "null""#)]),
        InvalidCase(
            name: "engine type not in enum", path: ["spec", "engine", "type"], value: "Foo",
            expected: [.init("spec.engine.type", "FieldValueNotSupported", #"Unsupported value: "Foo": supported values: "vLLM", "Ollama""#)]),
        InvalidCase(
            name: "engine type wrong type", path: ["spec", "engine", "type"], value: 3,
            expected: [
                .init("spec.engine.type", "FieldValueTypeInvalid", #"Invalid value: "integer": spec.engine.type in body must be of type string: "integer""#),
                .init("spec.engine.type", "FieldValueNotSupported", #"Unsupported value: 3: supported values: "vLLM", "Ollama""#),
            ]),
        InvalidCase(
            name: "uri pattern", path: ["spec", "source", "uri"], value: "x",
            expected: [.init("spec.source.uri", "FieldValueInvalid", #"Invalid value: "x": spec.source.uri in body should match '^(hf|s3|oci)://[a-z0-9./_-]+$'"#)]),
        InvalidCase(
            name: "revision too long", path: ["spec", "source", "revision"], value: .string(String(repeating: "a", count: 41)),
            expected: [.init("spec.source.revision", "FieldValueTooLong", "Too long: may not be more than 40 bytes")]),
        InvalidCase(
            name: "image too short", path: ["spec", "engine", "image"], value: "ab",
            expected: [.init("spec.engine.image", "FieldValueInvalid", #"Invalid value: "ab": spec.engine.image in body should be at least 3 chars long"#)]),
        InvalidCase(
            name: "too many args", path: ["spec", "engine", "args"], value: ["a", "b", "c", "d"],
            expected: [.init("spec.engine.args", "FieldValueTooMany", "Too many: 4: must have at most 3 items")]),
        InvalidCase(
            name: "arg of wrong type", path: ["spec", "engine", "args"], value: ["a", 1],
            expected: [.init("spec.engine.args[1]", "FieldValueTypeInvalid", #"Invalid value: "integer": spec.engine.args[1] in body must be of type string: "integer""#)]),
        InvalidCase(
            name: "label value too long", path: ["spec", "labels"], value: ["team": .string(String(repeating: "x", count: 64))],
            expected: [.init("spec.labels.team", "FieldValueTooLong", "Too long: may not be more than 63 bytes")]),
        InvalidCase(
            name: "port out of range", path: ["spec", "ports"], value: [["name": "http", "port": 70000]],
            expected: [.init("spec.ports[0].port", "FieldValueInvalid", "Invalid value: 70000: spec.ports[0].port in body should be less than or equal to 65535")]),
        InvalidCase(
            name: "port item missing name", path: ["spec", "ports"], value: [["name": "http", "port": 80], ["port": 81]],
            expected: [.init("spec.ports[1].name", "FieldValueRequired", "Required value")]),
        InvalidCase(
            name: "protocol enum", path: ["spec", "ports"], value: [["name": "http", "port": 80, "protocol": "SCTP"]],
            expected: [.init("spec.ports[0].protocol", "FieldValueNotSupported", #"Unsupported value: "SCTP": supported values: "TCP", "UDP""#)]),
        InvalidCase(
            name: "int-or-string given a boolean", path: ["spec", "resources", "gpu"], value: true,
            expected: [
                .init("spec.resources.gpu", "FieldValueTypeInvalid", #"Invalid value: "boolean": spec.resources.gpu in body must be of type integer,string: "boolean""#),
                .init("<nil>", "FieldValueInvalid", #"Invalid value: "": "spec.resources.gpu" must validate at least one schema (anyOf)"#),
                .init("spec.resources.gpu", "FieldValueTypeInvalid", #"Invalid value: "boolean": spec.resources.gpu in body must be of type integer: "boolean""#),
            ]),
        InvalidCase(
            name: "int-or-string string pattern", path: ["spec", "resources", "gpu"], value: "two",
            expected: [.init("spec.resources.gpu", "FieldValueInvalid", #"Invalid value: "two": spec.resources.gpu in body should match '^[0-9]+$'"#)]),
        InvalidCase(
            name: "utilization exclusive minimum", path: ["spec", "autoscaling", "targetUtilization"], value: 0,
            expected: [.init("spec.autoscaling.targetUtilization", "FieldValueInvalid", "Invalid value: 0: spec.autoscaling.targetUtilization in body should be greater than 0")]),
        InvalidCase(
            name: "utilization above maximum", path: ["spec", "autoscaling", "targetUtilization"], value: 1.5,
            expected: [.init("spec.autoscaling.targetUtilization", "FieldValueInvalid", "Invalid value: 1.5: spec.autoscaling.targetUtilization in body should be less than or equal to 1")]),
        InvalidCase(
            name: "object given a string", path: ["spec", "source"], value: "hf://x",
            expected: [.init("spec.source", "FieldValueTypeInvalid", #"Invalid value: "string": spec.source in body must be of type object: "string""#)]),
        InvalidCase(
            name: "non-nullable map null", path: ["spec", "labels"], value: nil,
            expected: [.init("spec.labels", "FieldValueTypeInvalid", #"Invalid value: "null": spec.labels in body must be of type object: "null""#)]),
        InvalidCase(
            name: "list given an object", path: ["spec", "tags"], value: ["a": 1],
            expected: [.init("spec.tags", "FieldValueTypeInvalid", #"Invalid value: "object": spec.tags in body must be of type array: "object""#)]),
    ]

    @Test(arguments: invalidCases)
    func invalidDocument(_ c: InvalidCase) {
        let object = DifyModelFixture.valid(setting: c.path, to: c.value)
        let causes = SchemaValidation.validate(object, schema: schema)
        #expect(causes == c.expected.map(\.cause))
    }

    static let missingCases: [([String], String)] = [
        (["spec"], "spec"),
        (["spec", "source"], "spec.source"),
        (["spec", "source", "uri"], "spec.source.uri"),
        (["spec", "engine", "type"], "spec.engine.type"),
    ]

    @Test(arguments: missingCases.map { $0.1 })
    func requiredField(_ field: String) {
        let path = Self.missingCases.first { $0.1 == field }!.0
        let causes = SchemaValidation.validate(DifyModelFixture.valid(removing: path), schema: schema)
        #expect(causes == [StatusCause(reason: "FieldValueRequired", message: "Required value", field: field)])
    }

    @Test func severalErrorsComeInValidatorOrder() {
        var object = DifyModelFixture.validObject
        object[path: ["spec", "replicas"]] = -1
        object[path: ["spec", "engine", "type"]] = "Foo"
        object[path: ["spec", "source"]] = ["revision": "x"]
        let causes = SchemaValidation.validate(object, schema: schema)
        #expect(
            causes == [
                StatusCause(reason: "FieldValueNotSupported", message: #"Unsupported value: "Foo": supported values: "vLLM", "Ollama""#, field: "spec.engine.type"),
                StatusCause(reason: "FieldValueInvalid", message: "Invalid value: -1: spec.replicas in body should be greater than or equal to 0", field: "spec.replicas"),
                StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.source.uri"),
            ])
    }

    @Test func invalidStatusMatchesKubeApiserver() {
        var object = DifyModelFixture.validObject
        object[path: ["spec", "replicas"]] = -1
        object[path: ["spec", "engine", "type"]] = "Foo"
        let causes = SchemaValidation.validate(object, schema: schema)
        let status = SchemaValidation.invalidStatus(kind: "DifyModel", group: "dify.ai", name: "llama", causes: causes)
        #expect(status.code == 422)
        #expect(status.reason == "Invalid")
        #expect(status.status == "Failure")
        #expect(
            status.message
                == #"DifyModel.dify.ai "llama" is invalid: [spec.engine.type: Unsupported value: "Foo": supported values: "vLLM", "Ollama", spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0]"#
        )
        #expect(status.details == StatusDetails(name: "llama", group: "dify.ai", kind: "DifyModel", causes: causes))

        let single = SchemaValidation.invalidStatus(kind: "DifyModel", group: "dify.ai", name: "llama", causes: [causes[1]])
        #expect(single.message == #"DifyModel.dify.ai "llama" is invalid: spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0"#)
        let core = SchemaInvalidStatus.make(kind: "ConfigMap", group: "", name: "c", causes: [])
        #expect(core.message == #"ConfigMap "c" is invalid"#)
    }

    @Test func statusSubresourceUsesRelativeMessages() {
        let statusSchema = schema.properties["status"]!
        let causes = SchemaValidation.validate(["phase": 5], schema: statusSchema, rootPath: "status", relativeMessages: true)
        #expect(
            causes == [
                StatusCause(reason: "FieldValueTypeInvalid", message: #"Invalid value: "integer": phase in body must be of type string: "integer""#, field: "status.phase"),
                StatusCause(reason: "FieldValueNotSupported", message: #"Unsupported value: 5: supported values: "Pending", "Ready", "Failed""#, field: "status.phase"),
            ])
        let spec = SchemaValidation.validate(["source": ["uri": "hf://a"], "engine": ["type": "vLLM"], "replicas": -2], schema: schema.properties["spec"]!, rootPath: "spec")
        #expect(spec == [StatusCause(reason: "FieldValueInvalid", message: "Invalid value: -2: spec.replicas in body should be greater than or equal to 0", field: "spec.replicas")])
    }

    @Test func listSetsAndMapsAreUnique() {
        var object = DifyModelFixture.validObject
        object[path: ["spec", "tags"]] = ["a", "b", "a", "a"]
        object[path: ["spec", "ports"]] = [["name": "http", "port": 80], ["name": "grpc", "port": 81], ["name": "http", "port": 82]]
        let errors = SchemaValidation.validateListSetsAndMaps(object, schema: schema)
        #expect(
            errors.map(\.description) == [
                #"spec.ports[2]: Duplicate value: {"name":"http"}"#,
                #"spec.tags[2]: Duplicate value: "a""#,
            ])
        #expect(errors.map(\.type) == [.duplicate, .duplicate])

        var bad = DifyModelFixture.validObject
        bad[path: ["spec", "ports"]] = [["name": "a", "port": 1], "oops"]
        #expect(
            SchemaValidation.validateListSetsAndMaps(bad, schema: schema).map(\.description)
                == [#"spec.ports[1]: Invalid value: "oops": must be an object for an array of list-type map"#])
    }

    @Test func embeddedResourcesNeedTypeMeta() {
        let missing = DifyModelFixture.valid(setting: ["spec", "template"], to: ["spec": [:]])
        #expect(
            SchemaValidation.validateEmbeddedResources(missing, schema: schema).map(\.description)
                == ["spec.template.apiVersion: Required value", "spec.template.kind: Required value"])
        let wrong = DifyModelFixture.valid(setting: ["spec", "template"], to: ["apiVersion": "a/b/c", "kind": "Not_A_Kind"])
        #expect(
            SchemaValidation.validateEmbeddedResources(wrong, schema: schema).map(\.description) == [
                #"spec.template.apiVersion: Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c"#,
                #"spec.template.kind: Invalid value: "Not_A_Kind": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"#,
            ])
        let combined = SchemaValidation.validateCustomResource(missing, schema: schema)
        #expect(combined.count == 2)
    }

    @Test func junctorsReportAtTheRootPath() throws {
        let s = try StructuralSchema(
            DifyModelFixture.json(
                #"""
                {"type": "object", "properties": {"spec": {"type": "object",
                  "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
                  "oneOf": [{"required": ["a"]}, {"required": ["b"]}],
                  "not": {"required": ["c"]}}}}
                """#))
        #expect(SchemaValidation.validate(["spec": ["a": "x"]], schema: s) == [])
        #expect(
            SchemaValidation.validate(["spec": [:]], schema: s).map { "\($0.field!): \($0.message!)" } == [
                #"<nil>: Invalid value: "": "spec" must validate one and only one schema (oneOf). Found none valid"#,
                "spec.a: Required value",
            ])
        #expect(
            SchemaValidation.validate(["spec": ["a": "x", "b": "y"]], schema: s).map { "\($0.field!): \($0.message!)" } == [
                #"<nil>: Invalid value: "": "spec" must validate one and only one schema (oneOf). Found 2 valid alternatives"#
            ])
    }

    @Test func formatsAreEnforced() throws {
        let s = try StructuralSchema(
            DifyModelFixture.json(
                #"""
                {"type": "object", "properties": {
                  "id": {"type": "string", "format": "uuid"},
                  "at": {"type": "string", "format": "date-time"},
                  "ip": {"type": "string", "format": "ipv4"},
                  "name": {"type": "string", "format": "k8s-short-name"},
                  "custom": {"type": "string", "format": "not-a-format"}}}
                """#))
        #expect(
            SchemaValidation.validate(
                ["id": "123e4567-e89b-12d3-a456-426614174000", "at": "2024-01-02T03:04:05Z", "ip": "10.0.0.1", "name": "ok-name", "custom": "x"],
                schema: s) == [])
        let causes = SchemaValidation.validate(["id": "nope", "at": "2024-13-02T03:04:05Z", "ip": "10.0.0.256", "name": "Bad"], schema: s)
        #expect(
            causes.map(\.message) == [
                #"Invalid value: "2024-13-02T03:04:05Z": at in body must be of type date-time: "2024-13-02T03:04:05Z""#,
                #"Invalid value: "nope": id in body must be of type uuid: "nope""#,
                #"Invalid value: "10.0.0.256": ip in body must be of type ipv4: "10.0.0.256""#,
                #"Invalid value: "Bad": name in body must be of type k8s-short-name: "Bad""#,
            ])
        #expect(causes.map(\.reason) == Array(repeating: "FieldValueTypeInvalid", count: 4))
    }

    @Test func enumComparesLikeGo() {
        #expect(SchemaGoValue.enumMatches(.double(1.0), .int(1)))
        #expect(SchemaGoValue.enumMatches(.double(1.7), .int(1)))  // Go converts float64 to int64 by truncation
        #expect(SchemaGoValue.enumMatches(.int(2), .double(2)))
        #expect(!SchemaGoValue.enumMatches(.string("1"), .int(1)))
        #expect(SchemaGoValue.enumMatches(.int(65), .string("A")))  // int → string is a rune conversion
        #expect(!SchemaGoValue.deepEqual(.int(1), .double(1)))
    }

    @Test func goFormattingMatchesFmt() {
        #expect(GoFormat.float(1) == "1")
        #expect(GoFormat.float(0.5) == "0.5")
        #expect(GoFormat.float(100000) == "100000")
        #expect(GoFormat.float(1_000_000) == "1e+06")
        #expect(GoFormat.float(1_234_567) == "1.234567e+06")
        #expect(GoFormat.float(0.0001) == "0.0001")
        #expect(GoFormat.float(0.00001) == "1e-05")
        #expect(GoFormat.float(-2.5) == "-2.5")
        #expect(GoFormat.jsonFloat(1e21) == "1e+21")
        #expect(GoFormat.jsonFloat(1e-7) == "1e-7")
        #expect(GoFormat.jsonFloat(123456789) == "123456789")
        #expect(GoFormat.positionalFloat(1e21) == "1000000000000000000000")
        #expect(GoFormat.quoteEscapingControlsAndBOM("a\"b\\c\n") == #""a\"b\\c\n""#)
        #expect(GoFormat.jsonSwiftKeyOrder(["b": 1, "a": ["<&>"]]) == #"{"a":["\u003c\u0026\u003e"],"b":1}"#)
    }
}
