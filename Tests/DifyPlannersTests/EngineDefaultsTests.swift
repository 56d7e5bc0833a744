import DifyAPI
import Testing
@testable import DifyPlanners

@Suite("Engine defaults")
struct EngineDefaultsTests {
    @Test(arguments: [
        (EngineKind.vLLM, "vllm/vllm-openai:v0.8.5", Int32(8000), "/health"),
        (.ollama, "ollama/ollama:0.6.8", 11434, "/api/version"),
        (.tgi, "ghcr.io/huggingface/text-generation-inference:3.3.0", 80, "/health"),
        (.custom, nil, 8080, "/health"),
    ] as [(EngineKind, String?, Int32, String)])
    func defaults(engine: EngineKind, image: String?, port: Int32, health: String) {
        #expect(engine.defaults == EngineDefaults(image: image, port: port, healthPath: health))
    }

    @Test func imagesArePinned() {
        for engine in EngineKind.allCases {
            guard let image = engine.defaults.image else { continue }
            #expect(image.contains(":") && !image.hasSuffix(":latest"), "\(image)")
        }
        for image in [ModelDownloader.huggingFaceImage, ModelDownloader.s3Image, ModelDownloader.gcsImage, ModelDownloader.ociImage,
                      ModelDownloader.ollamaImage, ModelDownloader.httpImage, ModelDownloader.pvcImage] {
            #expect(image.split(separator: "/").last?.contains(":") == true && !image.hasSuffix(":latest"), "\(image)")
        }
        #expect(ModelDownloader.huggingFaceHubPackage.contains("=="))
    }

    /// (weights bytes, budget seconds)
    @Test(arguments: [
        (Int64(16_000_000_000), Int32(460)), (140_000_000_000, 1700), (3_500_000_000, 340), (1, 310), (0, 300),
        (690_000_000_000, 7200), (810_000_000_000, 7200),
    ] as [(Int64, Int32)])
    func startupBudgetFormula(weights: Int64, seconds: Int32) {
        #expect(StartupBudget.seconds(weightsBytes: weights) == seconds)
    }

    @Test(arguments: [(Int32(460), Int32(46)), (1800, 180), (95, 10), (1, 1), (10, 1), (11, 2)] as [(Int32, Int32)])
    func startupFailureThreshold(seconds: Int32, failures: Int32) {
        #expect(StartupBudget.failureThreshold(forSeconds: seconds) == failures)
    }

    @Test func budgetWithoutSizeAndExplicit() throws {
        #expect(try StartupBudget.seconds(for: Fixture.spec(parameters: nil)).get() == 1800)
        #expect(try StartupBudget.seconds(for: Fixture.spec(startup: 600)).get() == 600)
        #expect(throws: SpecProblem.self) { try StartupBudget.seconds(for: Fixture.spec(startup: -5)).get() }
        #expect(throws: SpecProblem.self) { try StartupBudget.seconds(for: Fixture.spec(parameters: "big")).get() }
    }

    @Test(arguments: [
        ("a", true), ("server", true), ("model-cache", true), ("a-", false), ("-a", false), ("A", false), ("", false),
        (String(repeating: "a", count: 63), true), (String(repeating: "a", count: 64), false), ("a.b", false),
    ])
    func dns1123Label(name: String, valid: Bool) {
        #expect(KubernetesNameRules.isDNS1123Label(name) == valid)
    }

    @Test(arguments: [
        ("NVIDIA-H100-80GB-HBM3", true), ("A100-SXM4-40GB-MIG-1g.5gb", true), ("", true), ("has space", false),
        ("1g.10gb+me", false), ("-x", false), (String(repeating: "a", count: 64), false),
    ])
    func labelValue(value: String, valid: Bool) {
        #expect(KubernetesNameRules.isLabelValue(value) == valid)
    }

    @Test(arguments: [("HF_TOKEN", true), ("a.b-c", true), ("_X", true), ("1X", false), ("A=B", false), ("", false), ("A B", false)])
    func envVarName(name: String, valid: Bool) {
        #expect(KubernetesNameRules.isEnvVarName(name) == valid)
    }
}
