import DifyAPI
import KubeCore

/// Resolves `spec.resources` (and the parts of `spec.size` and `spec.engine` that decide GPU
/// memory) into a ``GPUPlacement``, or the ``SpecProblem`` that makes it impossible.
///
/// Rules (gpu-and-mig.md, "How a pod asks for a slice"):
/// - no `resources.gpu`: a CPU-only placement (no GPU resource, no toleration);
/// - exactly one of `count` and `mig` (``GPUReason/gpuCountAndMIG`` otherwise);
/// - whole GPUs: `nvidia.com/gpu: count`, `engine.tensorParallelSize` at most `count`;
/// - MIG `mixed` (default): `nvidia.com/mig-<profile>: 1` (`+me` → `.me`);
/// - MIG `single`: `nvidia.com/gpu: 1` on nodes labelled
///   `nvidia.com/gpu.product: <product>-MIG-<profile>`, so `product` is required;
/// - `product` set: the node selector `nvidia.com/gpu.product: <product>` (whole GPUs and
///   mixed MIG; the single strategy's MIG label replaces it), and the catalogue that
///   validates profiles (unknown product: the union of all catalogues);
/// - `profile: auto`: the smallest profile of the product's catalogue the model fits (by
///   memory, then compute, `+me` skipped); needs a catalogued `product` and `size`;
/// - tensor parallelism on MIG is 1 (a slice is one device);
/// - with `size`, the ``MemoryFit`` rule, reporting ``GPUReason/modelDoesNotFit`` with the
///   smallest profile or GPU count that would fit;
/// - every GPU placement tolerates the `nvidia.com/gpu` NoSchedule taint.
public enum GPUPlanner {
    /// The `mig.profile` value that asks the planner to choose.
    public static let autoProfile = "auto"

    /// The placement of `spec`, or the first problem found: cpu/memory quantities, `size`,
    /// tensor parallelism and memory utilisation, the product, then the GPU request and its fit.
    public static func place(_ spec: DifyModelSpec) -> Result<GPUPlacement, SpecProblem> {
        if let problem = ContainerResources.validate(spec.resources) { return .failure(problem) }

        var estimate: MemoryEstimate?
        if let size = spec.size {
            switch MemoryEstimator.estimate(size) {
            case .success(let e): estimate = e
            case .failure(let p): return .failure(p)
            }
        }

        let tuning: EngineTuning
        switch EngineTuning.of(spec) {
        case .success(let t): tuning = t
        case .failure(let p): return .failure(p)
        }
        let tp = tuning.tensorParallelSize
        let utilization = tuning.gpuMemoryUtilization

        guard let gpu = spec.resources?.gpu else { return .success(GPUPlacement(estimate: estimate)) }

        let product = gpu.product.flatMap { $0.isEmpty ? nil : $0 }
        if let product, let problem = validateProduct(product) { return .failure(problem) }

        let context = Context(product: product, estimate: estimate, tensorParallelSize: tp, utilization: utilization,
                              engine: EngineKind.parse(spec.engine?.type))
        switch (gpu.count, gpu.mig) {
        case (let count?, nil):
            return placeWholeGPUs(count: count, context)
        case (nil, let mig?):
            return placeMIG(mig, context)
        default:
            return .failure(SpecProblem(
                field: "spec.resources.gpu", reason: GPUReason.gpuCountAndMIG,
                message: "spec.resources.gpu must set exactly one of count (whole GPUs) and mig (one MIG slice)\(gpu.count != nil ? ", not both" : "; omit resources.gpu for a CPU-only model")"))
        }
    }

    /// What the placement rules need besides the GPU request itself.
    struct Context {
        var product: String?
        var estimate: MemoryEstimate?
        var tensorParallelSize: Int32
        var utilization: Double
        var engine: EngineKind?

        /// Memory of a whole GPU: the product's, or ``MemoryFit/assumedGPUMemoryGB``.
        var gpuMemoryGB: Int { product.flatMap(MIGCatalogue.gpuMemoryGB(forProduct:)) ?? MemoryFit.assumedGPUMemoryGB }
        var gpuMemoryIsAssumed: Bool { product.flatMap(MIGCatalogue.gpuMemoryGB(forProduct:)) == nil }
        /// Ollama spreads layers over all GPUs instead of sharding by tensor parallelism.
        var shardsByTensorParallelism: Bool { engine != .ollama }
        var productSelector: [String: String] { product.map { [NVIDIAResources.productLabel: $0] } ?? [:] }
        var utilizationText: String { "gpuMemoryUtilization \(utilization)" }
    }

    // MARK: Whole GPUs

    static func placeWholeGPUs(count: Int32, _ c: Context) -> Result<GPUPlacement, SpecProblem> {
        guard count >= 1 else {
            return .failure(SpecProblem(field: "spec.resources.gpu.count", reason: GPUReason.invalidGPUCount,
                                        message: "spec.resources.gpu.count must be at least 1 (got \(count)); omit resources.gpu for a CPU-only model"))
        }
        guard c.tensorParallelSize <= count else {
            return .failure(SpecProblem(
                field: "spec.engine.tensorParallelSize", reason: GPUReason.tensorParallelExceedsGPUs,
                message: "spec.engine.tensorParallelSize \(c.tensorParallelSize) needs that many GPUs but spec.resources.gpu.count is \(count); set count to at least \(c.tensorParallelSize)"))
        }
        if let estimate = c.estimate {
            let span = c.shardsByTensorParallelism ? c.tensorParallelSize : count
            if !MemoryFit.fits(estimate, memoryGB: c.gpuMemoryGB, devices: Int(span), utilization: c.utilization) {
                let field = c.shardsByTensorParallelism && span < count ? "spec.engine.tensorParallelSize" : "spec.resources.gpu.count"
                let offered = MemoryFit.usableBytes(memoryGB: c.gpuMemoryGB, utilization: c.utilization) * Int64(span)
                return .failure(SpecProblem(
                    field: field, reason: GPUReason.modelDoesNotFit,
                    message: "the model needs about \(describe(estimate)) but one instance spans \(span) GPU\(span == 1 ? "" : "s") of \(gpuMemoryText(c)), which offer \(MemoryEstimate.gibString(offered, rounding: .nearest)) at \(c.utilizationText); \(wholeGPUAdvice(estimate, c))"))
            }
        }
        return .success(GPUPlacement(resourceName: NVIDIAResources.gpuResource, count: count, nodeSelector: c.productSelector,
                                     tolerations: [NVIDIAResources.gpuToleration], estimate: c.estimate))
    }

    // MARK: MIG

    static func placeMIG(_ mig: MIGRequest, _ c: Context) -> Result<GPUPlacement, SpecProblem> {
        let strategy = mig.strategy.flatMap { $0.isEmpty ? nil : $0 } ?? DifyDefaults.migStrategy
        guard DifyEnums.migStrategies.contains(strategy) else {
            return .failure(SpecProblem(field: "spec.resources.gpu.mig.strategy", reason: GPUReason.invalidMIGStrategy,
                                        message: "spec.resources.gpu.mig.strategy \"\(strategy)\" is not supported; use one of \(DifyEnums.migStrategies.joined(separator: ", ")) (the device plugin's MIG strategy on the nodes)"))
        }
        guard c.tensorParallelSize == 1 else {
            return .failure(SpecProblem(field: "spec.engine.tensorParallelSize", reason: GPUReason.tensorParallelOnMIG,
                                        message: "a MIG slice is one device: spec.engine.tensorParallelSize must be 1 with resources.gpu.mig (got \(c.tensorParallelSize)); use whole GPUs (resources.gpu.count) for tensor parallelism"))
        }
        let model = c.product.flatMap(MIGCatalogue.model(forProduct:))
        let candidates = MIGCatalogue.profiles(for: model)

        let profile: MIGProfile
        if mig.profile.lowercased() == autoProfile {
            guard let product = c.product, let model else {
                return .failure(SpecProblem(
                    field: "spec.resources.gpu.product", reason: GPUReason.migAutoNeedsProduct,
                    message: c.product == nil
                        ? "spec.resources.gpu.mig.profile auto needs spec.resources.gpu.product (the nvidia.com/gpu.product of the nodes, e.g. NVIDIA-H100-80GB-HBM3) to know which profiles exist"
                        : "spec.resources.gpu.mig.profile auto needs a product from the MIG catalogue (\(MIGCatalogue.models.map(\.name).joined(separator: ", "))); \"\(c.product!)\" is not one: name a profile instead"))
            }
            guard let estimate = c.estimate else {
                return .failure(SpecProblem(field: "spec.size", reason: GPUReason.migAutoNeedsSize,
                                            message: "spec.resources.gpu.mig.profile auto needs spec.size (parameters and dtype) to pick a profile the model fits"))
            }
            guard let fitting = MemoryFit.smallestProfile(fitting: estimate, in: model.migProfiles, utilization: c.utilization) else {
                return .failure(SpecProblem(
                    field: "spec.resources.gpu.mig.profile", reason: GPUReason.modelDoesNotFit,
                    message: "the model needs about \(describe(estimate)); no MIG profile of \(product) fits at \(c.utilizationText) (the largest, \(model.migProfiles.map(\.name).last ?? ""), offers \(MemoryEstimate.gibString(MemoryFit.usableBytes(memoryGB: model.memoryGB, utilization: c.utilization), rounding: .nearest))); \(wholeGPUAdvice(estimate, c))"))
            }
            profile = fitting
        } else {
            guard let known = candidates.first(where: { $0.name.lowercased() == mig.profile.lowercased() }) else {
                let scope = model.map { "of \(c.product!) (\($0.name))" } ?? "in the MIG catalogue"
                return .failure(SpecProblem(
                    field: "spec.resources.gpu.mig.profile", reason: GPUReason.unknownMIGProfile,
                    message: "MIG profile \"\(mig.profile)\" is not a profile \(scope); use one of \(candidates.map(\.name).joined(separator: ", ")) or auto"))
            }
            profile = known
            if let estimate = c.estimate, !MemoryFit.fits(estimate, memoryGB: profile.memoryGB, utilization: c.utilization) {
                let offered = MemoryFit.usableBytes(memoryGB: profile.memoryGB, utilization: c.utilization)
                let advice: String
                if let fitting = MemoryFit.smallestProfile(fitting: estimate, in: candidates, utilization: c.utilization) {
                    advice = model != nil
                        ? "the smallest profile of \(c.product!) that fits is \(fitting.name)"
                        : "the smallest MIG profile that fits is \(fitting.name) (set spec.resources.gpu.product to check it exists on your GPUs)"
                } else {
                    advice = "no MIG profile \(model != nil ? "of \(c.product!) " : "")fits; \(wholeGPUAdvice(estimate, c))"
                }
                return .failure(SpecProblem(
                    field: "spec.resources.gpu.mig.profile", reason: GPUReason.modelDoesNotFit,
                    message: "the model needs about \(describe(estimate)) but a \(profile.name) slice offers \(MemoryEstimate.gibString(offered, rounding: .nearest)) at \(c.utilizationText); \(advice)"))
            }
        }

        if strategy == "single" {
            guard let product = c.product else {
                return .failure(SpecProblem(
                    field: "spec.resources.gpu.product", reason: GPUReason.migProductRequired,
                    message: "spec.resources.gpu.mig.strategy single selects nodes by the label nvidia.com/gpu.product=<product>-MIG-<profile>: set spec.resources.gpu.product (e.g. NVIDIA-A100-SXM4-40GB)"))
            }
            let label = NVIDIAResources.singleStrategyProduct(product, profile: profile.name)
            guard KubernetesNameRules.isLabelValue(label) else {
                return .failure(SpecProblem(field: "spec.resources.gpu.product", reason: GPUReason.invalidGPUProduct,
                                            message: "the single-strategy label value \"\(label)\" is not a valid label value (at most 63 characters); check spec.resources.gpu.product"))
            }
            return .success(GPUPlacement(resourceName: NVIDIAResources.gpuResource, count: 1, nodeSelector: [NVIDIAResources.productLabel: label],
                                         tolerations: [NVIDIAResources.gpuToleration], migProfile: profile.name, estimate: c.estimate))
        }
        return .success(GPUPlacement(resourceName: profile.resourceName, count: 1, nodeSelector: c.productSelector,
                                     tolerations: [NVIDIAResources.gpuToleration], migProfile: profile.name, estimate: c.estimate))
    }

    // MARK: Helpers

    static func validateProduct(_ product: String) -> SpecProblem? {
        guard KubernetesNameRules.isLabelValue(product) else {
            return SpecProblem(field: "spec.resources.gpu.product", reason: GPUReason.invalidGPUProduct,
                               message: "spec.resources.gpu.product \"\(product)\" is not a valid label value (letters, digits, '-', '_', '.', at most 63 characters), so no node can carry it")
        }
        if product.uppercased().contains(NVIDIAResources.singleStrategyProductInfix) {
            return SpecProblem(field: "spec.resources.gpu.product", reason: GPUReason.invalidGPUProduct,
                               message: "spec.resources.gpu.product \"\(product)\" names a MIG slice; set the GPU's product (e.g. NVIDIA-A100-SXM4-40GB) and the slice in resources.gpu.mig")
        }
        return nil
    }

    /// `17.9Gi (weights 14.9Gi + overhead 3.0Gi)`.
    static func describe(_ e: MemoryEstimate) -> String {
        "\(e.quantityString) (weights \(MemoryEstimate.gibString(e.weightsBytes, rounding: .nearest)) + overhead \(MemoryEstimate.gibString(e.overheadBytes, rounding: .nearest)))"
    }

    static func gpuMemoryText(_ c: Context) -> String {
        c.gpuMemoryIsAssumed
            ? "\(c.gpuMemoryGB)Gi (assumed: spec.resources.gpu.product is unset or of unknown memory)"
            : "\(c.gpuMemoryGB)Gi"
    }

    /// `use whole GPUs: at least 4 (spec.resources.gpu.count: 4, spec.engine.tensorParallelSize: 4)`.
    static func wholeGPUAdvice(_ e: MemoryEstimate, _ c: Context) -> String {
        let n = MemoryFit.smallestGPUCount(fitting: e, gpuMemoryGB: c.gpuMemoryGB, utilization: c.utilization, powerOfTwo: c.shardsByTensorParallelism)
        let of = c.gpuMemoryIsAssumed ? "GPUs of \(c.gpuMemoryGB)Gi" : "GPUs of \(c.gpuMemoryGB)Gi (\(c.product!))"
        let settings = c.shardsByTensorParallelism
            ? "spec.resources.gpu.count: \(n), spec.engine.tensorParallelSize: \(n)"
            : "spec.resources.gpu.count: \(n)"
        return "use whole GPUs: at least \(n) \(of) (\(settings))"
    }
}
