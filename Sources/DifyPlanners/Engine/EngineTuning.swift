import DifyAPI

/// A spec's tensor parallelism and GPU memory utilisation, defaulted and checked once for the
/// GPU planner (memory fit) and the serving pod builder (engine flags).
struct EngineTuning {
    let tensorParallelSize: Int32
    let gpuMemoryUtilization: Double

    static func of(_ spec: DifyModelSpec) -> Result<EngineTuning, SpecProblem> {
        let tp = spec.engine?.tensorParallelSize ?? DifyDefaults.tensorParallelSize
        guard tp >= 1 else {
            return .failure(SpecProblem(field: "spec.engine.tensorParallelSize", reason: GPUReason.invalidTensorParallelSize,
                                        message: "spec.engine.tensorParallelSize must be at least 1 (got \(tp))"))
        }
        let utilization = spec.engine?.gpuMemoryUtilization ?? DifyDefaults.gpuMemoryUtilization
        guard utilization.isFinite, utilization > 0, utilization <= 1 else {
            return .failure(SpecProblem(field: "spec.engine.gpuMemoryUtilization", reason: GPUReason.invalidGPUMemoryUtilization,
                                        message: "spec.engine.gpuMemoryUtilization must be greater than 0 and at most 1 (got \(utilization))"))
        }
        return .success(EngineTuning(tensorParallelSize: tp, gpuMemoryUtilization: utilization))
    }
}
