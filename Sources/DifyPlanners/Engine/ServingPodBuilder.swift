import DifyAPI
import KubeCore

/// Builds the serving pod of a model: one container `server` running the engine, fed by the
/// weights' volume (``ModelLocation``), with the GPU placement, probes sized to the model and
/// a hardened security context.
///
/// Per engine (user `engine.args` appended after the engine's own, user `engine.env` after the
/// operator's, so a user value wins):
/// - vLLM: `python3 -m vllm.entrypoints.openai.api_server --model <path or repo>
///   --served-model-name <name> --port <port> --tensor-parallel-size <tp>`, plus
///   `--gpu-memory-utilization <u>` when a GPU is requested and `--revision <rev>` when it
///   downloads from the Hub; `HF_HUB_OFFLINE=1` when it reads a local copy;
/// - TGI: `text-generation-launcher --model-id <path or repo> --port <port> --num-shard <tp>`,
///   plus `--revision <rev>` from the Hub; `HF_HUB_OFFLINE=1` for a local copy;
/// - Ollama: `ollama serve` with `OLLAMA_HOST=0.0.0.0:<port>`, `OLLAMA_MODELS=<store>` and
///   `OLLAMA_KEEP_ALIVE=-1` (keep the model loaded) and `OLLAMA_NOPRUNE=1` (a serving pod
///   must not prune a shared, possibly read-only store at start); the model is served under the served
///   name the downloader aliased it to;
/// - Custom: the image's entry point with only the user's args, told where the model is by
///   `DIFY_MODEL_PATH`, `DIFY_SERVED_MODEL_NAME` and `DIFY_PORT`.
///
/// Pod: the placement's GPU resource (requests == limits) and node selector and tolerations;
/// `resources.cpu`/`memory` as requests and limits; `source.credentialsSecretRef` as
/// `envFrom` (never inline values); `/dev/shm` as a memory `emptyDir` when
/// `tensorParallelSize > 1` (NCCL needs more than the runtime's 64 MiB); a startup probe with
/// the ``StartupBudget`` and readiness and liveness probes (``ServingProbes``) on the named
/// port ``portName``; `allowPrivilegeEscalation: false` (the engines' images run as root and
/// write under their home, so the user is left to the image); no service-account token; no
/// service links (a Service named `vllm` or `ollama` would otherwise inject `VLLM_PORT` or
/// `OLLAMA_PORT`-style variables, which these servers read as their own configuration).
public enum ServingPodBuilder {
    public static let containerName = "server"
    /// The port name of the engine's HTTP port in the pod (the Service targets it by name).
    public static let portName = "http"
    /// The init container that fills an empty cache or `emptyDir` with the weights.
    public static let fetchContainerName = "fetch"
    /// The shared-memory volume of tensor-parallel pods.
    public static let shmVolumeName = "dshm"
    public static let shmMountPath = "/dev/shm"

    /// The serving pod of `input`, or the problem with the parts of the spec it uses (engine
    /// type, image, port, tensor parallelism, memory utilisation, env names, credentials
    /// Secret name, source/engine pairing, startup timeout, cpu/memory quantities).
    public static func podSpec(for input: ServingPodInput) -> Result<PodSpec, SpecProblem> {
        let spec = input.spec
        guard let engine = EngineKind.parse(spec.engine?.type) else {
            return .failure(SpecProblem(field: "spec.engine.type", reason: EngineReason.unsupportedEngine,
                                        message: "spec.engine.type \"\(spec.engine?.type ?? "")\" is not supported; use one of \(DifyEnums.engineTypes.joined(separator: ", "))"))
        }
        let defaults = engine.defaults
        guard let image = spec.engine?.image.flatMap({ $0.isEmpty ? nil : $0 }) ?? defaults.image else {
            return .failure(SpecProblem(field: "spec.engine.image", reason: EngineReason.engineImageRequired,
                                        message: "spec.engine.type Custom needs spec.engine.image (the server's image)"))
        }
        let port = spec.engine?.port ?? defaults.port
        guard (1...65535).contains(port) else {
            return .failure(SpecProblem(field: "spec.engine.port", reason: EngineReason.invalidPort,
                                        message: "spec.engine.port must be between 1 and 65535 (got \(port))"))
        }
        let tuning: EngineTuning
        switch EngineTuning.of(spec) {
        case .success(let t): tuning = t
        case .failure(let p): return .failure(p)
        }
        let tp = tuning.tensorParallelSize
        let utilization = tuning.gpuMemoryUtilization
        let userEnv = spec.engine?.env ?? []
        if let bad = userEnv.first(where: { !KubernetesNameRules.isEnvVarName($0.name) }) {
            return .failure(SpecProblem(field: "spec.engine.env", reason: EngineReason.invalidEnvVar,
                                        message: "spec.engine.env name \"\(bad.name)\" is not a valid environment variable name (letters, digits, '_', '-', '.', not starting with a digit)"))
        }
        if let secret = spec.source.credentialsSecretRef?.name, !secret.isEmpty, !KubernetesNameRules.isDNS1123Subdomain(secret) {
            return .failure(SpecProblem(field: "spec.source.credentialsSecretRef.name", reason: SourceReason.invalidSecretName,
                                        message: "spec.source.credentialsSecretRef.name \"\(secret)\" is not a Secret name (lower-case letters, digits, '-' and '.')"))
        }
        guard engine.accepts(scheme: input.source.scheme) else {
            let what = engine == .ollama ? "the Ollama engine serves ollama:// and hf:// (GGUF) sources" : "ollama:// sources are served by the Ollama engine"
            return .failure(SpecProblem(field: "spec.source.uri", reason: EngineReason.unsupportedSourceForEngine,
                                        message: "spec.engine.type \(engine.rawValue) cannot serve \(input.source.scheme):// sources: \(what)"))
        }
        let budget: Int32
        switch StartupBudget.seconds(for: spec) {
        case .success(let s): budget = s
        case .failure(let p): return .failure(p)
        }
        let resources: ResourceRequirements?
        switch ContainerResources.requirements(spec.resources, placement: input.placement) {
        case .success(let r): resources = r
        case .failure(let p): return .failure(p)
        }

        let location = ModelLocation.resolve(input, engine: engine)
        let served = input.servedModelName
        let revision = spec.source.revision.flatMap { $0.isEmpty ? nil : $0 }
        let secret = spec.source.credentialsSecretRef.flatMap { $0.name.isEmpty ? nil : $0.name }

        var server = Container(name: containerName, image: image)
        var env: [EnvVar] = []
        switch engine {
        case .vLLM:
            server.command = EngineDefaults.vLLMCommand
            var args = ["--model", location.model, "--served-model-name", served, "--port", "\(port)",
                        "--tensor-parallel-size", "\(tp)"]
            if input.placement.requestsGPU { args += ["--gpu-memory-utilization", "\(utilization)"] }
            if location.fromHub, let revision { args += ["--revision", revision] }
            server.args = args
            if !location.fromHub { env.append(EnvVar(name: "HF_HUB_OFFLINE", value: "1")) }
        case .tgi:
            server.command = EngineDefaults.tgiCommand
            var args = ["--model-id", location.model, "--port", "\(port)", "--num-shard", "\(tp)"]
            if location.fromHub, let revision { args += ["--revision", revision] }
            server.args = args
            if !location.fromHub { env.append(EnvVar(name: "HF_HUB_OFFLINE", value: "1")) }
        case .ollama:
            server.command = EngineDefaults.ollamaCommand
            server.args = ["serve"]
            env += [EnvVar(name: "OLLAMA_HOST", value: "0.0.0.0:\(port)"),
                    EnvVar(name: "OLLAMA_MODELS", value: location.model),
                    EnvVar(name: "OLLAMA_KEEP_ALIVE", value: "-1"),
                    EnvVar(name: "OLLAMA_NOPRUNE", value: "1")]
        case .custom:
            env += [EnvVar(name: "DIFY_MODEL_PATH", value: location.model),
                    EnvVar(name: "DIFY_SERVED_MODEL_NAME", value: served),
                    EnvVar(name: "DIFY_PORT", value: "\(port)")]
        }
        let userArgs = spec.engine?.args ?? []
        if !userArgs.isEmpty { server.args = (server.args ?? []) + userArgs }
        env += userEnv
        server.env = env.isEmpty ? nil : env
        server.envFrom = secret.map { [EnvFromSource(secretRef: SecretEnvSource(name: $0))] }
        server.ports = [ContainerPort(name: portName, containerPort: port)]
        server.resources = resources

        var volumes: [Volume] = []
        var mounts: [VolumeMount] = []
        if let volume = location.volume, let mount = location.mount {
            volumes.append(volume)
            mounts.append(mount)
        }
        if tp > 1 {
            volumes.append(Volume(name: shmVolumeName, emptyDir: EmptyDirVolumeSource(medium: "Memory")))
            mounts.append(VolumeMount(name: shmVolumeName, mountPath: shmMountPath))
        }
        server.volumeMounts = mounts.isEmpty ? nil : mounts

        server.startupProbe = ServingProbes.startup(path: defaults.healthPath, seconds: budget)
        server.readinessProbe = ServingProbes.readiness(path: defaults.healthPath)
        server.livenessProbe = ServingProbes.liveness(path: defaults.healthPath)
        server.securityContext = SecurityContext(allowPrivilegeEscalation: false)
        server.terminationMessagePolicy = "FallbackToLogsOnError"

        var initContainers: [Container] = []
        if location.needsFetch {
            let (fetch, extra) = ModelDownloader.container(name: fetchContainerName, spec: spec, source: input.source,
                                                           servedName: served, cacheClaim: input.claimName)
            initContainers.append(fetch)
            volumes += extra
        }

        var pod = PodSpec(containers: [server])
        pod.initContainers = initContainers.isEmpty ? nil : initContainers
        pod.volumes = volumes.isEmpty ? nil : volumes
        pod.nodeSelector = input.placement.nodeSelector.isEmpty ? nil : input.placement.nodeSelector
        pod.tolerations = input.placement.tolerations.isEmpty ? nil : input.placement.tolerations
        pod.automountServiceAccountToken = false
        pod.enableServiceLinks = false
        return .success(pod)
    }
}
