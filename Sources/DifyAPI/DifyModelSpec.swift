import KubeCore

/// The desired state of a ``DifyModel``. Enumerations are kept as strings so that an object
/// the API server accepted (possibly without the CRD's CEL rules) always decodes; the
/// planners validate them and report `Invalid` instead of failing to read the object.
public struct DifyModelSpec: Codable, Sendable, Equatable {
    /// The model id on the OpenAI-compatible API (`model` in requests). Default: `metadata.name`.
    public var servedModelName: String?
    /// Where the weights come from.
    public var source: ModelSource
    /// How big the model is: drives the memory-fit check, `mig.profile: auto`, the default
    /// cache size and the default startup budget.
    public var size: ModelSize?
    /// Which server runs the model.
    public var engine: ModelEngine?
    /// GPUs (whole or a MIG slice), CPU and memory of one serving pod.
    public var resources: ModelResources?
    /// The PVC that holds the weights.
    public var cache: ModelCache?
    /// How long a serving pod may take to load the model.
    public var startup: ModelStartup?

    public init(servedModelName: String? = nil, source: ModelSource = ModelSource(uri: ""), size: ModelSize? = nil, engine: ModelEngine? = nil, resources: ModelResources? = nil, cache: ModelCache? = nil, startup: ModelStartup? = nil) {
        self.servedModelName = servedModelName
        self.source = source
        self.size = size
        self.engine = engine
        self.resources = resources
        self.cache = cache
        self.startup = startup
    }
}

/// Where a model's weights come from.
public struct ModelSource: Codable, Sendable, Equatable {
    /// `hf://org/model`, `s3://bucket/path`, `gs://bucket/path`, `pvc://claim/path`,
    /// `oci://registry/repo:tag`, `ollama://model:tag` or `http(s)://...`.
    public var uri: String
    /// A pin (branch, tag or commit); part of the serving revision.
    public var revision: String?
    /// A Secret whose keys become environment variables of the preload Job and serving pods
    /// (for example `HF_TOKEN`, `AWS_ACCESS_KEY_ID`).
    public var credentialsSecretRef: LocalName?

    public init(uri: String, revision: String? = nil, credentialsSecretRef: LocalName? = nil) {
        self.uri = uri
        self.revision = revision
        self.credentialsSecretRef = credentialsSecretRef
    }
}

/// A reference to an object in the same namespace.
public struct LocalName: Codable, Sendable, Equatable {
    public var name: String
    public init(name: String) { self.name = name }
}

/// The size of a model.
public struct ModelSize: Codable, Sendable, Equatable {
    /// Parameter count with a suffix: `1.5B`, `8B`, `70B`, `7000M`.
    public var parameters: String
    /// Weight type: `bfloat16`, `float16`, `float32`, `fp8`, `int8` or `int4`. Default `bfloat16`.
    public var dtype: String?

    public init(parameters: String, dtype: String? = nil) {
        self.parameters = parameters
        self.dtype = dtype
    }
}

/// The serving engine.
public struct ModelEngine: Codable, Sendable, Equatable {
    /// `vLLM`, `Ollama`, `TGI` or `Custom`. Default `vLLM`.
    public var type: String?
    /// Container image; default per type (required for `Custom`).
    public var image: String?
    /// Extra arguments appended to the engine's own.
    public var args: [String]?
    /// Extra environment variables.
    public var env: [EnvVar]?
    /// The port the engine listens on; default per type.
    public var port: Int32?
    /// GPUs one model instance is split over (vLLM `--tensor-parallel-size`). Default 1.
    public var tensorParallelSize: Int32?
    /// Fraction of each GPU's memory the engine may claim (vLLM). Default 0.9.
    public var gpuMemoryUtilization: Double?

    public init(type: String? = nil, image: String? = nil, args: [String]? = nil, env: [EnvVar]? = nil, port: Int32? = nil, tensorParallelSize: Int32? = nil, gpuMemoryUtilization: Double? = nil) {
        self.type = type
        self.image = image
        self.args = args
        self.env = env
        self.port = port
        self.tensorParallelSize = tensorParallelSize
        self.gpuMemoryUtilization = gpuMemoryUtilization
    }
}

/// What one serving pod needs.
public struct ModelResources: Codable, Sendable, Equatable {
    /// GPUs; omit for CPU-only models.
    public var gpu: GPURequest?
    /// CPU request and limit (a quantity such as `4` or `500m`).
    public var cpu: String?
    /// Memory request and limit (a quantity such as `32Gi`).
    public var memory: String?

    public init(gpu: GPURequest? = nil, cpu: String? = nil, memory: String? = nil) {
        self.gpu = gpu
        self.cpu = cpu
        self.memory = memory
    }
}

/// Whole GPUs or one MIG slice (exactly one of `count` and `mig`).
public struct GPURequest: Codable, Sendable, Equatable {
    /// Whole GPUs (`nvidia.com/gpu`).
    public var count: Int32?
    /// One MIG slice.
    public var mig: MIGRequest?
    /// `nvidia.com/gpu.product` (for example `NVIDIA-H100-80GB-HBM3`): a nodeSelector, and the
    /// MIG catalogue used for validation and `profile: auto`.
    public var product: String?

    public init(count: Int32? = nil, mig: MIGRequest? = nil, product: String? = nil) {
        self.count = count
        self.mig = mig
        self.product = product
    }
}

/// A MIG slice.
public struct MIGRequest: Codable, Sendable, Equatable {
    /// A profile from the product's catalogue (`3g.40gb`, `1g.10gb+me`...) or `auto`.
    public var profile: String
    /// The device plugin's MIG strategy on the nodes: `mixed` (default) or `single`.
    public var strategy: String?

    public init(profile: String, strategy: String? = nil) {
        self.profile = profile
        self.strategy = strategy
    }
}

/// The PVC that caches the weights.
public struct ModelCache: Codable, Sendable, Equatable {
    /// Size of the PVC the operator creates; default derived from the model size.
    public var size: String?
    /// StorageClass of that PVC; default: the cluster's default class.
    public var storageClassName: String?
    /// Access mode of that PVC. Default `ReadWriteMany` (serving pods on several nodes share it).
    public var accessMode: String?
    /// Use this existing PVC instead of creating one. Immutable.
    public var existingClaimName: String?
    /// Fill the cache with a Job before serving pods start. Default true.
    public var preload: Bool?
    /// Keep the PVC when the DifyModel is deleted. Default true.
    public var retainOnDelete: Bool?

    public init(size: String? = nil, storageClassName: String? = nil, accessMode: String? = nil, existingClaimName: String? = nil, preload: Bool? = nil, retainOnDelete: Bool? = nil) {
        self.size = size
        self.storageClassName = storageClassName
        self.accessMode = accessMode
        self.existingClaimName = existingClaimName
        self.preload = preload
        self.retainOnDelete = retainOnDelete
    }
}

/// The serving pod's startup budget.
public struct ModelStartup: Codable, Sendable, Equatable {
    /// Seconds a serving pod may take to load the model before it is restarted.
    public var timeoutSeconds: Int32?

    public init(timeoutSeconds: Int32? = nil) { self.timeoutSeconds = timeoutSeconds }
}
