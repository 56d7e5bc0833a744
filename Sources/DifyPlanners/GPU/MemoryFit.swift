/// The memory-fit rule: does an estimate fit the device memory a model instance gets?
///
///     estimate <= devices × memory per device × gpuMemoryUtilization
///
/// - A MIG slice is one device (tensor parallelism on MIG is 1); its memory is the profile's
///   (`3g.40gb` → 40 GiB).
/// - Whole GPUs: one model instance spans `devices` GPUs: `engine.tensorParallelSize` GPUs for
///   engines that shard by tensor parallelism (vLLM, TGI, Custom), since each GPU holds 1/T of
///   the weights and KV cache and GPUs beyond T are not used by that instance; all requested
///   GPUs for Ollama, which spreads layers over every GPU it sees.
/// - `gpuMemoryUtilization` (default 0.9) is the share of each device the engine claims (vLLM
///   claims exactly that); for the other engines it is kept as the safety margin.
/// - Memory sizes are GiB (2³⁰ bytes): MIG names and GPU sizes round the real memory up a
///   little (a `1g.10gb` slice has about 9.75 GiB), which the utilisation margin absorbs.
public enum MemoryFit {
    /// Bytes in a GiB.
    public static let bytesPerGiB: Int64 = 1 << 30

    /// Memory per whole GPU assumed when `resources.gpu.product` is unset or names a GPU of
    /// unknown memory: the largest catalogued GPU (H200, 141 GiB). Without a product the check
    /// rejects only what no catalogued GPU could hold (70B bfloat16 on one GPU), and never a
    /// model that would fit the GPU the pod lands on; setting the product makes it exact.
    public static let assumedGPUMemoryGB = 141

    /// The bytes of a `memoryGB` device the engine may use.
    public static func usableBytes(memoryGB: Int, utilization: Double) -> Int64 {
        Int64((Double(Int64(memoryGB) * bytesPerGiB) * utilization).rounded(.down))
    }

    /// Whether `estimate` fits `devices` devices of `memoryGB` each.
    public static func fits(_ estimate: MemoryEstimate, memoryGB: Int, devices: Int = 1, utilization: Double) -> Bool {
        estimate.totalBytes <= usableBytes(memoryGB: memoryGB, utilization: utilization) * Int64(max(devices, 0))
    }

    /// The smallest profile of `profiles` (by memory, then compute slices) that `estimate`
    /// fits, skipping `+me` profiles; nil when none does.
    public static func smallestProfile(fitting estimate: MemoryEstimate, in profiles: [MIGProfile], utilization: Double) -> MIGProfile? {
        profiles.filter { !$0.hasMediaExtensions }
            .sorted(by: MIGProfile.smallerFirst)
            .first { fits(estimate, memoryGB: $0.memoryGB, utilization: utilization) }
    }

    /// The fewest whole GPUs of `gpuMemoryGB` one instance must span to hold `estimate`.
    /// With `powerOfTwo` (engines that shard by tensor parallelism) the count is rounded up
    /// to a power of two: the tensor-parallel size must divide the model's attention heads,
    /// which are powers of two in practice (32, 64, 128).
    public static func smallestGPUCount(fitting estimate: MemoryEstimate, gpuMemoryGB: Int, utilization: Double, powerOfTwo: Bool) -> Int {
        let perGPU = usableBytes(memoryGB: gpuMemoryGB, utilization: utilization)
        guard perGPU > 0 else { return Int.max }
        let exact = Int((estimate.totalBytes + perGPU - 1) / perGPU)
        guard powerOfTwo else { return max(exact, 1) }
        var n = 1
        while n < exact { n *= 2 }
        return n
    }
}
