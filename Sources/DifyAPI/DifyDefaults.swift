/// The defaults of the API, declared once: the CRD schema publishes them (`default:`) and the
/// planners apply them again, because an object stored before a default existed is not
/// re-defaulted until it is next written.
public enum DifyDefaults {
    /// `spec.engine.type`.
    public static let engineType = "vLLM"
    /// `spec.size.dtype`.
    public static let dtype = "bfloat16"
    /// `spec.engine.tensorParallelSize`.
    public static let tensorParallelSize: Int32 = 1
    /// `spec.engine.gpuMemoryUtilization` (vLLM's own default).
    public static let gpuMemoryUtilization = 0.9
    /// `spec.resources.gpu.mig.strategy`.
    public static let migStrategy = "mixed"
    /// `spec.cache.accessMode`: serving pods on several nodes share the cache.
    public static let cacheAccessMode = "ReadWriteMany"
    /// `spec.cache.preload`.
    public static let cachePreload = true
    /// `spec.cache.retainOnDelete`: model data outlives the DifyModel.
    public static let cacheRetainOnDelete = true
    /// `spec.replicas` of a DifyDeployment.
    public static let replicas: Int32 = 1
    /// `spec.autoscaling.minReplicas`.
    public static let minReplicas: Int32 = 1
    /// `spec.autoscaling.targetCPUUtilizationPercentage` when no metrics are given.
    public static let targetCPUUtilizationPercentage: Int32 = 80
    /// `spec.service.type`.
    public static let serviceType = "ClusterIP"
    /// `spec.service.port`.
    public static let servicePort: Int32 = 80
    /// `spec.strategy.type`.
    public static let strategyType = "RollingUpdate"
    /// `spec.strategy.rollingUpdate.maxSurge`: 0, so a revision change needs no spare GPU.
    public static let maxSurge: Int32 = 0
    /// `spec.strategy.rollingUpdate.maxUnavailable`.
    public static let maxUnavailable: Int32 = 1
    /// `spec.strategy.progressDeadlineSeconds`.
    public static let progressDeadlineSeconds: Int32 = 900
}

/// The values the API accepts for its enumerations (the CRD's `enum`s and the planners'
/// validation use these lists).
public enum DifyEnums {
    public static let engineTypes = ["vLLM", "Ollama", "TGI", "Custom"]
    public static let dtypes = ["bfloat16", "float16", "float32", "fp8", "int8", "int4"]
    public static let migStrategies = ["mixed", "single"]
    public static let accessModes = ["ReadWriteOnce", "ReadWriteMany", "ReadOnlyMany", "ReadWriteOncePod"]
    public static let serviceTypes = ["ClusterIP", "NodePort", "LoadBalancer"]
    public static let strategyTypes = ["RollingUpdate"]
    /// URI schemes of `spec.source.uri`.
    public static let sourceSchemes = ["hf", "s3", "gs", "pvc", "oci", "ollama", "http", "https"]
    public static let modelPhases = ["Pending", "Caching", "Ready", "Invalid", "Failed"]
    public static let deploymentPhases = ["Progressing", "Healthy", "Degraded", "Invalid"]
}
