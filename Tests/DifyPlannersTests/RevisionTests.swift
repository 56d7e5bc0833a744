import DifyAPI
import DifyPlanners
import KubeCore
import Testing

struct RevisionTests {
    static let spec = DifyModelSpec(
        source: ModelSource(uri: "hf://meta-llama/Meta-Llama-3-8B-Instruct", revision: "main"),
        size: ModelSize(parameters: "8B"),
        resources: ModelResources(gpu: GPURequest(count: 1)))

    @Test func theHashIsFNV32aOfTheSortedSerialization() {
        #expect(StableHash.of(.object([:])) == "5465b825")
        #expect(StableHash.of(["a": 1]) == "8b9e4511")
    }

    @Test func aRevisionIsStableAndIgnoresExplicitDefaults() {
        var explicit = Self.spec
        explicit.engine = ModelEngine(type: DifyDefaults.engineType, tensorParallelSize: 1, gpuMemoryUtilization: DifyDefaults.gpuMemoryUtilization)
        explicit.size?.dtype = DifyDefaults.dtype
        explicit.cache = ModelCache(preload: true)
        #expect(Revisions.model(Self.spec) == Revisions.model(Self.spec))
        #expect(Revisions.model(explicit) == Revisions.model(Self.spec))
        #expect(Revisions.model(Self.spec).count == 8)
    }

    static func changed(_ what: String) -> DifyModelSpec {
        var s = spec
        switch what {
        case "source revision": s.source.revision = "v2"
        case "engine args": s.engine = ModelEngine(args: ["--max-model-len=8192"])
        case "gpu count": s.resources?.gpu?.count = 2
        case "memory": s.resources?.memory = "64Gi"
        case "served name": s.servedModelName = "llama"
        case "startup": s.startup = ModelStartup(timeoutSeconds: 600)
        case "existing claim": s.cache = ModelCache(existingClaimName: "weights")
        default: Issue.record("unknown change \(what)")
        }
        return s
    }

    @Test(arguments: ["source revision", "engine args", "gpu count", "memory", "served name", "startup", "existing claim"])
    func whatAServingPodDependsOnChangesTheRevision(_ what: String) {
        #expect(Revisions.model(Self.changed(what)) != Revisions.model(Self.spec), "\(what)")
    }

    @Test func cacheSizeClassAndRetentionDoNotRoll() {
        var changed = Self.spec
        changed.cache = ModelCache(size: "500Gi", storageClassName: "fast", retainOnDelete: false)
        #expect(Revisions.model(changed) == Revisions.model(Self.spec))
    }

    @Test func aDeploymentRevisionIsTheModelsUnlessItOverridesThePod() {
        let model = Revisions.model(Self.spec)
        #expect(Revisions.deployment(modelRevision: model, overrides: nil) == model)
        #expect(Revisions.deployment(modelRevision: model, overrides: PodOverrides()) == model)
        let zoned = Revisions.deployment(modelRevision: model, overrides: PodOverrides(nodeSelector: ["topology.kubernetes.io/zone": "zone-a"]))
        #expect(zoned != model && zoned.count == 8)
        #expect(Revisions.deployment(modelRevision: "other", overrides: PodOverrides(nodeSelector: ["topology.kubernetes.io/zone": "zone-a"])) != zoned)
    }
}
