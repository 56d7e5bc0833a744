import DifyAPI
import DifyPlanners
import Foundation
import KubeCore
import Testing

/// The bad-input table, through the planners: each row ends as phase `Invalid` with a
/// False condition naming the reason, and one Warning event. (The CRD rejects the rows a schema
/// or CEL rule can express before they reach the operator: see `Tests/DifyAPITests` and
/// `hack/cel-check.py`. The operator checks them again because a cluster may run without the
/// CEL rules.)
struct BadInputTableTests {
    enum Target: Sendable { case model(DifyModelSpec), deployment(DifyDeploymentSpec, modelExists: Bool) }

    struct Row: Sendable, CustomTestStringConvertible {
        var what: String
        var target: Target
        var reason: String
        /// A phrase the message must contain (it says what would work).
        var hint: String
        var testDescription: String { what }
    }

    static func model(_ change: (inout DifyModelSpec) -> Void) -> Target {
        var s = Fixtures.modelSpec
        change(&s)
        return .model(s)
    }

    static func deployment(modelExists: Bool = true, _ change: (inout DifyDeploymentSpec) -> Void = { _ in }) -> Target {
        var s = DifyDeploymentSpec(modelRef: LocalName(name: "llama"), replicas: 1)
        change(&s)
        return .deployment(s, modelExists: modelExists)
    }

    static let rows: [Row] = [
        Row(what: "unknown URI scheme", target: model { $0.source.uri = "ftp://example.com/llama" }, reason: "UnsupportedSourceURI", hint: "hf://"),
        Row(what: "unknown MIG profile", target: model { $0.resources?.gpu = GPURequest(mig: MIGRequest(profile: "5g.60gb"), product: "NVIDIA-H100-80GB-HBM3") }, reason: "UnknownMIGProfile", hint: "3g.40gb"),
        Row(what: "a 70B model on a 1g.10gb slice", target: model {
            $0.size = ModelSize(parameters: "70B")
            $0.resources?.gpu = GPURequest(mig: MIGRequest(profile: "1g.10gb"), product: "NVIDIA-H100-80GB-HBM3")
        }, reason: "ModelDoesNotFit", hint: "GPU"),
        Row(what: "an 8B model on a 1g.10gb slice names the smallest profile that fits", target: model {
            $0.resources?.gpu = GPURequest(mig: MIGRequest(profile: "1g.10gb"), product: "NVIDIA-H100-80GB-HBM3")
        }, reason: "ModelDoesNotFit", hint: "1g.20gb"),
        Row(what: "min > max replicas", target: deployment { $0.autoscaling = AutoscalingSpec(minReplicas: 4, maxReplicas: 2) }, reason: "InvalidReplicas", hint: "must not exceed maxReplicas"),
        Row(what: "negative replicas", target: deployment { $0.replicas = -1 }, reason: "InvalidReplicas", hint: "0 or more"),
        Row(what: "a modelRef to a missing DifyModel", target: deployment(modelExists: false), reason: "ModelNotFound", hint: "does not exist"),
        Row(what: "both gpu.count and gpu.mig", target: model { $0.resources?.gpu = GPURequest(count: 1, mig: MIGRequest(profile: "3g.40gb"), product: "NVIDIA-H100-80GB-HBM3") }, reason: "GPUCountAndMIG", hint: "count"),
        Row(what: "malformed memory quantity", target: model { $0.resources?.memory = "32GB" }, reason: "InvalidQuantity", hint: "32GB"),
        Row(what: "malformed cpu quantity", target: model { $0.resources?.cpu = "four" }, reason: "InvalidQuantity", hint: "four"),
        Row(what: "malformed cache size", target: model { $0.cache = ModelCache(size: "lots") }, reason: "InvalidQuantity", hint: "40Gi"),
    ]

    @Test(arguments: rows) func reportedInvalidWithAConditionAndAnEvent(_ row: Row) throws {
        switch row.target {
        case .model(let spec):
            let plan = ModelPlanner.plan(ModelSnapshot(model: Fixtures.model(spec: spec), now: Fixtures.now))
            #expect(plan.status.phase == "Invalid")
            let condition = try #require(plan.status.conditions?.first { $0.type == "Validated" })
            #expect(condition.status == .false)
            #expect(condition.reason == row.reason)
            #expect(condition.message.contains(row.hint), "message: \(condition.message)")
            #expect(plan.events.map(\.reason) == ["InvalidSpec"])
            #expect(plan.events.first?.type == .warning)
            #expect(plan.claim == nil && plan.createJob == nil, "nothing is created for an invalid spec")
        case .deployment(let spec, let exists):
            let dd = DifyDeployment(metadata: Fixtures.deployment().metadata, spec: spec)
            let plan = DeploymentPlanner.plan(DeploymentSnapshot(deployment: dd, model: exists ? Fixtures.readyModel() : nil, now: Fixtures.now))
            #expect(plan.status.phase == "Invalid")
            let conditions = plan.status.conditions ?? []
            let matching = try #require(conditions.first { $0.reason == row.reason || $0.message.contains(row.reason) })
            #expect(matching.status == .false)
            #expect(matching.message.contains(row.hint), "message: \(matching.message)")
            #expect(plan.events.count == 1 && plan.events.first?.type == .warning)
            #expect(plan.apply == nil, "no serving pods for an invalid spec")
        }
    }
}

/// Specs the schema accepts that no cluster could run.
struct UnrunnableSpecTests {
    @Test func theDefaultVLLMImageNeedsAGPU() {
        var spec = Fixtures.modelSpec
        spec.resources = ModelResources(cpu: "4")
        let plan = ModelPlanner.plan(ModelSnapshot(model: Fixtures.model(spec: spec), now: Fixtures.now))
        #expect(plan.status.conditions?.first { $0.type == "Validated" }?.reason == "GPURequired")
        spec.engine = ModelEngine(type: "Ollama")
        #expect(ModelPlanner.plan(ModelSnapshot(model: Fixtures.model(spec: spec), now: Fixtures.now)).status.phase == "Caching")
        spec.engine = ModelEngine(type: "vLLM", image: "registry.example.com/vllm-cpu:v0.8.5")
        #expect(ModelPlanner.plan(ModelSnapshot(model: Fixtures.model(spec: spec), now: Fixtures.now)).status.phase == "Caching")
    }

    @Test func aCacheSmallerThanTheWeightsIsInvalid() throws {
        var spec = Fixtures.modelSpec
        spec.cache = ModelCache(size: "1Gi")
        let condition = try #require(ModelPlanner.plan(ModelSnapshot(model: Fixtures.model(spec: spec), now: Fixtures.now)).status.conditions?.first { $0.type == "Validated" })
        #expect(condition.reason == "CacheTooSmall")
        #expect(condition.message.contains("1Gi"))
        spec.cache = ModelCache(size: "20Gi")
        #expect(ModelPlanner.plan(ModelSnapshot(model: Fixtures.model(spec: spec), now: Fixtures.now)).status.phase == "Caching")
    }
}
