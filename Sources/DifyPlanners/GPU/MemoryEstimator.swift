import DifyAPI

/// Estimates the GPU memory of one model instance from `spec.size`.
///
/// The reference (gpu-and-mig.md) says a model must fit "weights (parameters × bytes per
/// parameter) plus runtime overhead and KV cache". The formula used here:
///
///     weights  = parameters × bytes per parameter            (exact, rounded up to a byte)
///     overhead = max(weights × 20 %, 1 GiB)
///     estimate = weights + overhead
///
/// 20 % covers activations, the CUDA context and CUDA graphs, and a KV cache large enough for
/// a few requests at a moderate context length; the 1 GiB floor is the CUDA context and
/// engine runtime alone, which dominates for small models. For an 8B bfloat16 model this
/// gives 16 GB + 3.2 GB = 17.9 GiB (the API contract's example). A longer context or higher
/// concurrency needs more KV cache than this minimum; the engine then uses whatever the fit
/// leaves (vLLM sizes its KV cache to fill `gpuMemoryUtilization`).
public enum MemoryEstimator {
    /// Runtime overhead as a percentage of the weights.
    public static let overheadPercent: Int64 = 20
    /// The least runtime overhead of any model (CUDA context and engine runtime): 1 GiB.
    public static let minimumOverheadBytes: Int64 = MemoryFit.bytesPerGiB

    /// The estimate for `parameters` weights of type `dtype`.
    public static func estimate(parameters: Int64, dtype: WeightDType) -> MemoryEstimate {
        let halfBytes = parameters * dtype.halfBytesPerParameter
        let weights = (halfBytes + 1) / 2
        let proportional = (weights * overheadPercent + 99) / 100
        return MemoryEstimate(weightsBytes: weights, overheadBytes: max(proportional, minimumOverheadBytes))
    }

    /// The estimate for a spec's `size`, or the problem with its `parameters` or `dtype`.
    public static func estimate(_ size: ModelSize) -> Result<MemoryEstimate, SpecProblem> {
        guard let parameters = ParameterCount.parse(size.parameters) else {
            return .failure(SpecProblem(
                field: "spec.size.parameters", reason: GPUReason.invalidModelSize,
                message: "spec.size.parameters \"\(size.parameters)\" is not a parameter count: write a whole number of parameters with an optional suffix K, M, B or T, e.g. 1.5B, 8B, 70B, 7000M"))
        }
        guard let dtype = WeightDType.parse(size.dtype) else {
            return .failure(SpecProblem(
                field: "spec.size.dtype", reason: GPUReason.invalidDType,
                message: "spec.size.dtype \"\(size.dtype ?? "")\" is not supported; use one of \(DifyEnums.dtypes.joined(separator: ", "))"))
        }
        return .success(estimate(parameters: parameters, dtype: dtype))
    }
}
