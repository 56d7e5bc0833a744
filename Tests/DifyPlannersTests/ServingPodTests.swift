import DifyAPI
import KubeCore
import Testing
@testable import DifyPlanners

@Suite("Serving pod")
struct ServingPodTests {
    static let hfPath = "/models/hf/meta-llama/Meta-Llama-3-8B-Instruct"

    static func probes(_ path: String, startupFailures: Int32) -> (Probe, Probe, Probe) {
        let get = HTTPGetAction(path: path, port: .string("http"))
        return (Probe(httpGet: get, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: startupFailures),
                Probe(httpGet: get, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3),
                Probe(httpGet: get, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 3))
    }

    @Test func vLLMFromAPreloadedCacheIsTheWholePod() throws {
        let spec = Fixture.spec(secret: "hf-token", args: ["--max-model-len=8192"], env: [EnvVar(name: "VLLM_LOGGING_LEVEL", value: "DEBUG")],
                                count: 1, product: Fixture.h100, cpu: "4", memory: "32Gi")
        let pod = Fixture.pod(Fixture.input(spec))
        let (startup, readiness, liveness) = Self.probes("/health", startupFailures: 46)
        let gpu: [String: Quantity] = ["nvidia.com/gpu": 1, "cpu": 4, "memory": .gibibytes(32)]
        let server = Container(
            name: "server", image: "vllm/vllm-openai:v0.8.5",
            command: ["python3", "-m", "vllm.entrypoints.openai.api_server"],
            args: ["--model", Self.hfPath, "--served-model-name", "llama3-8b", "--port", "8000", "--tensor-parallel-size", "1",
                   "--gpu-memory-utilization", "0.9", "--max-model-len=8192"],
            env: [EnvVar(name: "HF_HUB_OFFLINE", value: "1"), EnvVar(name: "VLLM_LOGGING_LEVEL", value: "DEBUG")],
            envFrom: [EnvFromSource(secretRef: SecretEnvSource(name: "hf-token"))],
            ports: [ContainerPort(name: "http", containerPort: 8000)],
            resources: ResourceRequirements(limits: gpu, requests: gpu),
            volumeMounts: [VolumeMount(name: "model-cache", mountPath: "/models", readOnly: true)],
            startupProbe: startup, readinessProbe: readiness, livenessProbe: liveness,
            securityContext: SecurityContext(allowPrivilegeEscalation: false),
            terminationMessagePolicy: "FallbackToLogsOnError")
        let expected = PodSpec(
            containers: [server],
            volumes: [Volume(name: "model-cache", persistentVolumeClaim: PersistentVolumeClaimVolumeSource(claimName: "llama3-8b-cache", readOnly: true))],
            nodeSelector: ["nvidia.com/gpu.product": Fixture.h100],
            tolerations: [Fixture.toleration],
            automountServiceAccountToken: false, enableServiceLinks: false)
        #expect(pod == expected)
    }

    @Test func vLLMFromTheHubWithTensorParallelism() throws {
        let spec = Fixture.spec(revision: "v1.0", parameters: "70B", tp: 4, count: 4, product: Fixture.h100, servedModelName: "llama-70b")
        let pod = Fixture.pod(Fixture.input(spec, claim: nil))
        let server = pod.containers[0]
        #expect(server.args == ["--model", "meta-llama/Meta-Llama-3-8B-Instruct", "--served-model-name", "llama-70b", "--port", "8000",
                                "--tensor-parallel-size", "4", "--gpu-memory-utilization", "0.9", "--revision", "v1.0"])
        #expect(server.env == nil)
        #expect(pod.volumes == [Volume(name: "dshm", emptyDir: EmptyDirVolumeSource(medium: "Memory"))])
        #expect(server.volumeMounts == [VolumeMount(name: "dshm", mountPath: "/dev/shm")])
        #expect(pod.initContainers == nil)
        #expect(server.resources == ResourceRequirements(limits: ["nvidia.com/gpu": 4], requests: ["nvidia.com/gpu": 4]))
        #expect(server.startupProbe?.failureThreshold == 170)
    }

    @Test func vLLMFromACachePinsTheRevisionInThePathNotTheArgs() {
        let pod = Fixture.pod(Fixture.input(Fixture.spec(revision: "v1.0", count: 1)))
        #expect(pod.containers[0].args?.prefix(2) == ["--model", Self.hfPath + "@v1.0"])
        #expect(pod.containers[0].args?.contains("--revision") == false)
    }

    @Test func sharedMemoryOnlyWithTensorParallelism() {
        for (tp, count, hasShm) in [(1, 1, false), (1, 2, false), (2, 2, true), (8, 8, true)] as [(Int32, Int32, Bool)] {
            let pod = Fixture.pod(Fixture.input(Fixture.spec(parameters: nil, tp: tp, count: count)))
            #expect((pod.volumes ?? []).contains(Volume(name: "dshm", emptyDir: EmptyDirVolumeSource(medium: "Memory"))) == hasShm)
            #expect((pod.containers[0].volumeMounts ?? []).contains(VolumeMount(name: "dshm", mountPath: "/dev/shm")) == hasShm)
        }
    }

    @Test func migSliceResourceAndCPUOnlyVLLMOmitsUtilization() {
        let mig = Fixture.pod(Fixture.input(Fixture.spec(mig: "3g.40gb", product: Fixture.h100)))
        #expect(mig.containers[0].resources == ResourceRequirements(limits: ["nvidia.com/mig-3g.40gb": 1], requests: ["nvidia.com/mig-3g.40gb": 1]))
        let cpu = Fixture.pod(Fixture.input(Fixture.spec(cpu: "500m")))
        #expect(cpu.containers[0].args == ["--model", Self.hfPath, "--served-model-name", "llama3-8b", "--port", "8000", "--tensor-parallel-size", "1"])
        #expect(cpu.containers[0].resources == ResourceRequirements(limits: ["cpu": .millicores(500)], requests: ["cpu": .millicores(500)]))
        #expect(cpu.tolerations == nil)
        #expect(cpu.nodeSelector == nil)
    }

    @Test func tgi() {
        let spec = Fixture.spec(engine: "TGI", args: ["--max-input-tokens", "4096"], tp: 2, count: 2)
        let hub = Fixture.pod(Fixture.input(spec, claim: nil))
        let server = hub.containers[0]
        #expect(server.image == "ghcr.io/huggingface/text-generation-inference:3.3.0")
        #expect(server.command == ["text-generation-launcher"])
        #expect(server.args == ["--model-id", "meta-llama/Meta-Llama-3-8B-Instruct", "--port", "80", "--num-shard", "2", "--max-input-tokens", "4096"])
        #expect(server.ports == [ContainerPort(name: "http", containerPort: 80)])
        #expect(server.readinessProbe?.httpGet?.path == "/health")
        let cached = Fixture.pod(Fixture.input(Fixture.spec(revision: "main", engine: "TGI", port: 8080, count: 1)))
        #expect(cached.containers[0].args == ["--model-id", Self.hfPath + "@main", "--port", "8080", "--num-shard", "1"])
        #expect(cached.containers[0].env == [EnvVar(name: "HF_HUB_OFFLINE", value: "1")])
        #expect(cached.containers[0].ports == [ContainerPort(name: "http", containerPort: 8080)])
    }

    @Test func ollamaFromAPreloadedStore() {
        let spec = Fixture.spec(uri: "ollama://llama3:8b", engine: "Ollama", env: [EnvVar(name: "OLLAMA_NUM_PARALLEL", value: "4")], count: 1)
        let pod = Fixture.pod(Fixture.input(spec))
        let server = pod.containers[0]
        #expect(server.image == "ollama/ollama:0.6.8")
        #expect(server.command == ["ollama"])
        #expect(server.args == ["serve"])
        #expect(server.env == [
            EnvVar(name: "OLLAMA_HOST", value: "0.0.0.0:11434"), EnvVar(name: "OLLAMA_MODELS", value: "/models/ollama"),
            EnvVar(name: "OLLAMA_KEEP_ALIVE", value: "-1"), EnvVar(name: "OLLAMA_NOPRUNE", value: "1"),
            EnvVar(name: "OLLAMA_NUM_PARALLEL", value: "4"),
        ])
        #expect(server.ports == [ContainerPort(name: "http", containerPort: 11434)])
        #expect(server.startupProbe?.httpGet == HTTPGetAction(path: "/api/version", port: .string("http")))
        #expect(pod.initContainers == nil)
    }

    @Test func ollamaWithoutAPreloadFetchesIntoTheClaimFirst() throws {
        let spec = Fixture.spec(uri: "ollama://llama3:8b", engine: "Ollama")
        let pod = Fixture.pod(Fixture.input(spec, readOnly: false))
        let fetch = try #require(pod.initContainers?.first)
        #expect(pod.initContainers?.count == 1)
        #expect(fetch.name == "fetch")
        #expect(fetch.image == "ollama/ollama:0.6.8")
        #expect(fetch.command?.suffix(2) == ["llama3:8b", "llama3-8b"])
        #expect(fetch.env == [EnvVar(name: "OLLAMA_MODELS", value: "/models/ollama")])
        #expect(fetch.volumeMounts == [VolumeMount(name: "model-cache", mountPath: "/models")])
        #expect(pod.volumes == [Volume(name: "model-cache", persistentVolumeClaim: PersistentVolumeClaimVolumeSource(claimName: "llama3-8b-cache"))])
        #expect(pod.containers[0].volumeMounts == [VolumeMount(name: "model-cache", mountPath: "/models")])
    }

    @Test func ollamaServesHuggingFaceGGUF() throws {
        let spec = Fixture.spec(uri: "hf://bartowski/Llama-3.2-1B-Instruct-GGUF", revision: "Q4_K_M", engine: "Ollama")
        let pod = Fixture.pod(Fixture.input(spec, claim: nil))
        let fetch = try #require(pod.initContainers?.first)
        #expect(fetch.command?.suffix(2) == ["hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M", "llama3-8b"])
        #expect(pod.volumes == [Volume(name: "model-cache", emptyDir: EmptyDirVolumeSource())])
    }

    @Test func customEngine() {
        let spec = Fixture.spec(engine: "Custom", image: "ghcr.io/acme/server:1.2", args: ["--flag"], count: 1)
        let pod = Fixture.pod(Fixture.input(spec))
        let server = pod.containers[0]
        #expect(server.image == "ghcr.io/acme/server:1.2")
        #expect(server.command == nil)
        #expect(server.args == ["--flag"])
        #expect(server.env == [EnvVar(name: "DIFY_MODEL_PATH", value: Self.hfPath), EnvVar(name: "DIFY_SERVED_MODEL_NAME", value: "llama3-8b"),
                               EnvVar(name: "DIFY_PORT", value: "8080")])
        #expect(server.ports == [ContainerPort(name: "http", containerPort: 8080)])
        #expect(server.livenessProbe?.httpGet?.path == "/health")
        let noArgs = Fixture.pod(Fixture.input(Fixture.spec(engine: "Custom", image: "acme:1")))
        #expect(noArgs.containers[0].args == nil)
    }

    @Test func customEngineWithoutAHubClientFetchesHuggingFaceModels() throws {
        let pod = Fixture.pod(Fixture.input(Fixture.spec(engine: "Custom", image: "acme:1"), claim: nil))
        let fetch = try #require(pod.initContainers?.first)
        #expect(fetch.image == "python:3.12-slim")
        #expect(pod.volumes == [Volume(name: "model-cache", emptyDir: EmptyDirVolumeSource())])
    }

    @Test func pvcSourceIsMountedWithItsSubPath() {
        let spec = Fixture.spec(uri: "pvc://models/llama/8b", count: 1)
        let pod = Fixture.pod(Fixture.input(spec, claim: "models", readOnly: true))
        #expect(pod.volumes == [Volume(name: "model-cache", persistentVolumeClaim: PersistentVolumeClaimVolumeSource(claimName: "models", readOnly: true))])
        #expect(pod.containers[0].volumeMounts == [VolumeMount(name: "model-cache", mountPath: "/models", readOnly: true, subPath: "llama/8b")])
        #expect(pod.containers[0].args?.prefix(2) == ["--model", "/models"])
        #expect(pod.initContainers == nil)
        let root = Fixture.pod(Fixture.input(Fixture.spec(uri: "pvc://models"), claim: nil))
        #expect(root.containers[0].volumeMounts == [VolumeMount(name: "model-cache", mountPath: "/models", readOnly: true)])
    }

    @Test func s3SourceWithoutCacheIsFetchedIntoAnEmptyDir() throws {
        let spec = Fixture.spec(uri: "s3://models/llama/8b", secret: "aws", count: 1)
        let pod = Fixture.pod(Fixture.input(spec, claim: nil))
        let fetch = try #require(pod.initContainers?.first)
        #expect(fetch.command == ["aws", "s3", "sync", "--only-show-errors", "s3://models/llama/8b", "/models/s3/models/llama/8b"])
        #expect(fetch.envFrom == [EnvFromSource(secretRef: SecretEnvSource(name: "aws"))])
        #expect(pod.containers[0].args?.prefix(2) == ["--model", "/models/s3/models/llama/8b"])
        #expect(pod.containers[0].envFrom == [EnvFromSource(secretRef: SecretEnvSource(name: "aws"))])
    }

    /// The startup probe's budget: (spec, failure threshold × 10 s).
    @Test(arguments: [
        ("8B bf16", Fixture.spec(), 46),
        ("70B bf16", Fixture.spec(parameters: "70B"), 170),
        ("7B int4", Fixture.spec(parameters: "7B", dtype: "int4"), 34),
        ("405B bf16, capped", Fixture.spec(parameters: "405B"), 720),
        ("no size", Fixture.spec(parameters: nil), 180),
        ("explicit timeout", Fixture.spec(startup: 1800), 180),
        ("explicit odd timeout", Fixture.spec(startup: 95), 10),
        ("explicit tiny timeout", Fixture.spec(startup: 1), 1),
    ] as [(String, DifyModelSpec, Int32)])
    func startupBudget(name: String, spec: DifyModelSpec, failures: Int32) {
        let pod = Fixture.pod(Fixture.input(spec))
        #expect(pod.containers[0].startupProbe?.failureThreshold == failures, "\(name)")
        #expect(pod.containers[0].startupProbe?.periodSeconds == 10)
        #expect(pod.containers[0].readinessProbe?.initialDelaySeconds == nil)
        #expect(pod.containers[0].livenessProbe?.initialDelaySeconds == nil)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var name: String
        var input: ServingPodInput
        var field: String
        var reason: String
        var testDescription: String { name }
    }

    static let bad: [Bad] = [
        Bad(name: "unknown engine", input: Fixture.input(Fixture.spec(engine: "llama.cpp")), field: "spec.engine.type", reason: "UnsupportedEngine"),
        Bad(name: "custom without image", input: Fixture.input(Fixture.spec(engine: "Custom")), field: "spec.engine.image", reason: "EngineImageRequired"),
        Bad(name: "custom with empty image", input: Fixture.input(Fixture.spec(engine: "Custom", image: "")), field: "spec.engine.image", reason: "EngineImageRequired"),
        Bad(name: "port 0", input: Fixture.input(Fixture.spec(port: 0)), field: "spec.engine.port", reason: "InvalidPort"),
        Bad(name: "port 70000", input: Fixture.input(Fixture.spec(port: 70000)), field: "spec.engine.port", reason: "InvalidPort"),
        Bad(name: "env name", input: Fixture.input(Fixture.spec(env: [EnvVar(name: "1BAD", value: "x")])), field: "spec.engine.env", reason: "InvalidEnvVar"),
        Bad(name: "env name with =", input: Fixture.input(Fixture.spec(env: [EnvVar(name: "A=B", value: "x")])), field: "spec.engine.env", reason: "InvalidEnvVar"),
        Bad(name: "secret name", input: Fixture.input(Fixture.spec(secret: "HF_Token")), field: "spec.source.credentialsSecretRef.name", reason: "InvalidSecretName"),
        Bad(name: "startup timeout 0", input: Fixture.input(Fixture.spec(startup: 0)), field: "spec.startup.timeoutSeconds", reason: "InvalidStartupTimeout"),
        Bad(name: "ollama source on vLLM", input: Fixture.input(Fixture.spec(uri: "ollama://llama3:8b")), field: "spec.source.uri", reason: "UnsupportedSourceForEngine"),
        Bad(name: "s3 source on Ollama", input: Fixture.input(Fixture.spec(uri: "s3://b/m", engine: "Ollama")), field: "spec.source.uri", reason: "UnsupportedSourceForEngine"),
    ]

    @Test(arguments: bad)
    func rejects(row: Bad) throws {
        let problem = try #require(Fixture.problem(ServingPodBuilder.podSpec(for: row.input)))
        #expect(problem.field == row.field)
        #expect(problem.reason == row.reason)
    }

    @Test func malformedQuantityInTheInputIsReportedNotCrashed() throws {
        var input = Fixture.input(Fixture.spec())
        input.spec.resources = ModelResources(memory: "lots")
        let problem = try #require(Fixture.problem(ServingPodBuilder.podSpec(for: input)))
        #expect(problem.reason == "InvalidQuantity")
        #expect(problem.field == "spec.resources.memory")
    }

    @Test func engineTypeIsCaseInsensitiveAndDefaultsToVLLM() {
        #expect(EngineKind.parse(nil) == .vLLM)
        #expect(EngineKind.parse("") == .vLLM)
        #expect(EngineKind.parse("vllm") == .vLLM)
        #expect(EngineKind.parse("ollama") == .ollama)
        #expect(EngineKind.parse("TGI") == .tgi)
        #expect(EngineKind.parse("Custom") == .custom)
        #expect(EngineKind.parse("sglang") == nil)
        #expect(EngineKind.allCases.map(\.rawValue) == DifyEnums.engineTypes)
    }

    /// Every name in every pod the builder makes is one Kubernetes accepts.
    @Test(arguments: [
        Fixture.spec(secret: "hf-token", tp: 2, count: 2), Fixture.spec(uri: "gs://b/m", secret: "gcp"),
        Fixture.spec(uri: "ollama://llama3:8b", engine: "Ollama"), Fixture.spec(uri: "pvc://src/m"),
    ])
    func namesAreValid(spec: DifyModelSpec) {
        for (claim, readOnly) in [(nil, false), ("llama3-8b-cache", false), ("llama3-8b-cache", true)] as [(String?, Bool)] {
            let pod = Fixture.pod(Fixture.input(spec, claim: claim, readOnly: readOnly))
            let containers = pod.containers + (pod.initContainers ?? [])
            let volumes = Set((pod.volumes ?? []).map(\.name))
            #expect(volumes.count == (pod.volumes ?? []).count)
            #expect(Set(containers.map(\.name)).count == containers.count)
            for c in containers {
                #expect(KubernetesNameRules.isDNS1123Label(c.name))
                #expect((c.env ?? []).allSatisfy { KubernetesNameRules.isEnvVarName($0.name) })
                #expect((c.volumeMounts ?? []).allSatisfy { volumes.contains($0.name) })
                #expect((c.ports ?? []).allSatisfy { ($0.name?.utf8.count ?? 0) <= 15 })
            }
            #expect(volumes.allSatisfy(KubernetesNameRules.isDNS1123Label))
        }
    }
}
