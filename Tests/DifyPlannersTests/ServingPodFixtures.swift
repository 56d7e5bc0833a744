import DifyAPI
import KubeCore
@testable import DifyPlanners

/// Small builders for the planner tests' specs.
enum Fixture {
    static let h100 = "NVIDIA-H100-80GB-HBM3"
    static let a100_40 = "NVIDIA-A100-SXM4-40GB"
    static let h200 = "NVIDIA-H200"
    static let llama8B = "hf://meta-llama/Meta-Llama-3-8B-Instruct"
    static let toleration = Toleration(key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule")

    static func spec(
        uri: String = llama8B, revision: String? = nil, secret: String? = nil,
        parameters: String? = "8B", dtype: String? = nil,
        engine: String? = nil, image: String? = nil, args: [String]? = nil, env: [EnvVar]? = nil, port: Int32? = nil,
        tp: Int32? = nil, utilization: Double? = nil,
        count: Int32? = nil, mig: String? = nil, strategy: String? = nil, product: String? = nil,
        cpu: String? = nil, memory: String? = nil, servedModelName: String? = nil, startup: Int32? = nil
    ) -> DifyModelSpec {
        let gpu: GPURequest? = count == nil && mig == nil && product == nil
            ? nil
            : GPURequest(count: count, mig: mig.map { MIGRequest(profile: $0, strategy: strategy) }, product: product)
        let resources: ModelResources? = gpu == nil && cpu == nil && memory == nil ? nil : ModelResources(gpu: gpu, cpu: cpu, memory: memory)
        let hasEngine = engine != nil || image != nil || args != nil || env != nil || port != nil || tp != nil || utilization != nil
        return DifyModelSpec(
            servedModelName: servedModelName,
            source: ModelSource(uri: uri, revision: revision, credentialsSecretRef: secret.map { LocalName(name: $0) }),
            size: parameters.map { ModelSize(parameters: $0, dtype: dtype) },
            engine: hasEngine ? ModelEngine(type: engine, image: image, args: args, env: env, port: port, tensorParallelSize: tp, gpuMemoryUtilization: utilization) : nil,
            resources: resources,
            startup: startup.map { ModelStartup(timeoutSeconds: $0) })
    }

    /// The placement of `spec`, which must succeed.
    static func placement(_ spec: DifyModelSpec) -> GPUPlacement {
        guard case .success(let p) = GPUPlanner.place(spec) else { fatalError("placement failed: \(GPUPlanner.place(spec))") }
        return p
    }

    /// The serving pod input for `spec` (source parsed, placement computed).
    static func input(_ spec: DifyModelSpec, name: String = "llama3-8b", claim: String? = "llama3-8b-cache", readOnly: Bool = true) -> ServingPodInput {
        guard case .success(let source) = ModelSourceURI.parse(spec.source.uri) else { fatalError("bad uri \(spec.source.uri)") }
        return ServingPodInput(modelName: name, spec: spec, source: source, placement: placement(spec), claimName: claim, claimReadOnly: readOnly)
    }

    static func pod(_ input: ServingPodInput) -> PodSpec {
        guard case .success(let p) = ServingPodBuilder.podSpec(for: input) else { fatalError("pod failed: \(ServingPodBuilder.podSpec(for: input))") }
        return p
    }

    static func problem(_ result: Result<GPUPlacement, SpecProblem>) -> SpecProblem? {
        if case .failure(let p) = result { return p }
        return nil
    }

    static func problem(_ result: Result<PodSpec, SpecProblem>) -> SpecProblem? {
        if case .failure(let p) = result { return p }
        return nil
    }

    static func source(_ uri: String) -> ModelSourceURI {
        guard case .success(let s) = ModelSourceURI.parse(uri) else { fatalError("bad uri \(uri)") }
        return s
    }
}
