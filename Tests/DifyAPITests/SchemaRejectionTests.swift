import DifyAPI
import KubeCore
import KubeMachinery
import Testing

/// What the OpenAPI part of the schemas rejects (enums, patterns, bounds, required fields),
/// checked with KubeMachinery's validation as the emulator runs it. CEL rules are checked by
/// `hack/cel-check.py`.
@Suite struct SchemaRejectionTests {
    /// One invalid edit of a valid object and the field the error must name.
    struct Case: Sendable, CustomTestStringConvertible {
        var kind: String
        /// Where to set `value` (object keys only); nil `value` removes the field.
        var path: [String]
        var value: JSONValue?
        var field: String
        var testDescription: String { "\(kind) \(path.joined(separator: ".")) = \(value.map(\.description) ?? "<removed>")" }

        static func model(_ path: String, _ value: JSONValue?, field: String? = nil) -> Case {
            Case(kind: DifyModel.kind, path: path.split(separator: ".").map(String.init), value: value, field: field ?? path)
        }
        static func deployment(_ path: String, _ value: JSONValue?, field: String? = nil) -> Case {
            Case(kind: DifyDeployment.kind, path: path.split(separator: ".").map(String.init), value: value, field: field ?? path)
        }
    }

    static let cases: [Case] = [
        // Enums are case-sensitive.
        .model("spec.engine.type", "vllm"),
        .model("spec.size.dtype", "bf16"),
        .model("spec.cache.accessMode", "RWX"),
        .model("spec.resources.gpu.mig", ["profile": "auto", "strategy": "both"], field: "spec.resources.gpu.mig.strategy"),
        .deployment("spec.service.type", "Ingress"),
        .deployment("spec.strategy.type", "Canary"),
        .deployment("spec.template.tolerations", [["key": "k", "operator": "In"]], field: "spec.template.tolerations[0].operator"),
        .model("status.phase", "Running"),
        .deployment("status.phase", "Paused"),
        // Patterns.
        .model("spec.size.parameters", "8b"),
        .model("spec.size.parameters", "8"),
        .model("spec.size.parameters", "eight billion"),
        .model("spec.resources.cpu", "4 cores"),
        .model("spec.resources.memory", "32GB"),
        .model("spec.cache.size", "lots"),
        .model("spec.source.uri", "ftp://example.com/model"),
        .model("spec.source.uri", "meta-llama/Meta-Llama-3-8B-Instruct"),
        .model("spec.source.uri", "hf://"),
        // Types: a bare YAML number is not a quantity string.
        .model("spec.resources.cpu", 4),
        // Bounds.
        .deployment("spec.replicas", -1),
        .deployment("spec.autoscaling.minReplicas", 0),
        .deployment("spec.autoscaling.maxReplicas", 0),
        .deployment("spec.service.port", 0),
        .deployment("spec.service.port", 65536),
        .deployment("spec.strategy.rollingUpdate.maxSurge", -1),
        .deployment("spec.strategy.progressDeadlineSeconds", 0),
        .model("spec.engine.port", 0),
        .model("spec.engine.port", 70000),
        .model("spec.engine.tensorParallelSize", 0),
        .model("spec.engine.gpuMemoryUtilization", 0),
        .model("spec.engine.gpuMemoryUtilization", 1.5),
        .model("spec.resources.gpu.count", 0),
        .model("spec.startup.timeoutSeconds", 0),
        // Required fields.
        .model("spec.source", nil, field: "spec.source"),
        .model("spec.source.uri", nil),
        .model("spec.size.parameters", nil),
        .model("spec.resources.gpu.mig", ["strategy": "mixed"], field: "spec.resources.gpu.mig.profile"),
        .model("spec.engine.env", [["value": "x"]], field: "spec.engine.env[0].name"),
        .deployment("spec.modelRef", nil),
        .deployment("spec.autoscaling.maxReplicas", nil),
        .deployment("status.endpoint", ["url": "http://x"], field: "status.endpoint.modelName"),
        .model("status.conditions", [["type": "Ready", "status": "Maybe", "reason": "R", "message": "", "lastTransitionTime": "2024-05-01T12:00:00Z"]], field: "status.conditions[0].status"),
        .model("status.conditions", [["type": "Ready", "status": "True", "reason": "R", "message": "", "lastTransitionTime": "yesterday"]], field: "status.conditions[0].lastTransitionTime"),
    ]

    @Test(arguments: cases)
    func rejected(_ c: Case) throws {
        var object = try c.kind == DifyModel.kind ? JSONValue(encoding: FullObjects.model) : JSONValue(encoding: FullObjects.deployment)
        if let value = c.value {
            object[path: c.path] = value
        } else {
            var parent = object[path: Array(c.path.dropLast())]
            parent.removeValue(forKey: c.path.last!)
            object[path: Array(c.path.dropLast())] = parent
        }
        let errors = try DifySchemas.admit(object).errors
        #expect(!errors.isEmpty, "expected an error on \(c.field)")
        #expect(errors.contains { $0.field == c.field }, "errors: \(errors.map(\.description))")
    }

    /// The base objects the cases edit are valid.
    @Test func baseObjectsAreValid() throws {
        #expect(try DifySchemas.admit(JSONValue(encoding: FullObjects.model)).errors.isEmpty)
        #expect(try DifySchemas.admit(JSONValue(encoding: FullObjects.deployment)).errors.isEmpty)
    }

    /// Values at the edges of the bounds are accepted.
    @Test func boundsAreInclusiveWhereTheyShouldBe() throws {
        var model = try JSONValue(encoding: FullObjects.model)
        model[path: ["spec", "engine", "gpuMemoryUtilization"]] = 1
        model[path: ["spec", "engine", "port"]] = 65535
        model[path: ["spec", "resources", "cpu"]] = "500m"
        model[path: ["spec", "size", "parameters"]] = "1.5B"
        #expect(try DifySchemas.admit(model).errors.isEmpty)
        var deployment = try JSONValue(encoding: FullObjects.deployment)
        deployment[path: ["spec", "replicas"]] = 0
        deployment[path: ["spec", "service", "port"]] = 1
        #expect(try DifySchemas.admit(deployment).errors.isEmpty)
    }

    /// Every source scheme the API documents passes the pattern.
    @Test(arguments: DifyEnums.sourceSchemes)
    func everyDocumentedSchemeIsAccepted(scheme: String) throws {
        var model = try JSONValue(encoding: FullObjects.model)
        model[path: ["spec", "source", "uri"]] = .string(scheme + "://somewhere/model")
        #expect(try DifySchemas.admit(model).errors.isEmpty)
    }
}
