import DifyAPI
import KubeCore

/// A valid DifyModel spec, resolved: its revision, GPU placement, where its weights live and
/// the serving pod every DifyDeployment of it runs.
public struct ResolvedModel: Equatable, Sendable {
    public var revision: String
    public var source: ModelSourceURI
    public var placement: GPUPlacement
    /// The PVC serving pods mount: the cache the operator creates, `cache.existingClaimName`,
    /// or the claim of a `pvc://` source.
    public var claimName: String
    /// Whether the operator creates (and manages) that PVC.
    public var managesClaim: Bool
    /// Whether a preload Job fills the claim before serving pods start.
    public var preloads: Bool
    /// The serving pod (without the DifyDeployment's overrides and labels).
    public var podSpec: PodSpec
    /// The model id on the OpenAI-compatible API.
    public var servedModelName: String
    /// The engine's port (the Service targets it by name).
    public var port: Int32
}

/// Validates a DifyModel spec and resolves it (pure). The same rules as the CRD's schema and
/// CEL rules, checked again because a cluster may run without them (an older CRD, or a
/// server that does not evaluate CEL); plus the rules a schema cannot express (memory fit).
public enum ModelResolver {
    /// The first problem found, in the order a user would fix them: the source, the GPU
    /// request and memory fit, the cache, the engine and serving pod.
    public static func resolve(_ model: DifyModel) -> Result<ResolvedModel, SpecProblem> {
        let spec = model.spec
        let name = model.metadata.name ?? ""
        if name.count > DifyNames.maxModelNameLength {
            return .failure(SpecProblem(field: "metadata.name", reason: "InvalidName", message: "the name is \(name.count) characters; at most \(DifyNames.maxModelNameLength) fit the preload Job's name <name>-preload-<revision>"))
        }
        let source: ModelSourceURI
        switch ModelSourceURI.parse(spec.source.uri) {
        case .success(let s): source = s
        case .failure(let p): return .failure(p)
        }
        let placement: GPUPlacement
        switch GPUPlanner.place(spec) {
        case .success(let p): placement = p
        case .failure(let p): return .failure(p)
        }
        if let problem = validateCache(spec.cache, source: source) { return .failure(problem) }
        if let problem = validateRunnable(spec, placement: placement) { return .failure(problem) }

        let cache = spec.cache
        let claimName: String
        let managesClaim: Bool
        if let pvc = source.pvcClaim {
            claimName = pvc
            managesClaim = false
        } else if let existing = cache?.existingClaimName, !existing.isEmpty {
            claimName = existing
            managesClaim = false
        } else {
            claimName = DifyNames.cacheClaim(model: name)
            managesClaim = true
        }
        let preloads = source.pvcClaim == nil && (cache?.preload ?? DifyDefaults.cachePreload)
        let input = ServingPodInput(modelName: name, spec: spec, source: source, placement: placement, claimName: claimName, claimReadOnly: preloads || source.pvcClaim != nil)
        let podSpec: PodSpec
        switch ServingPodBuilder.podSpec(for: input) {
        case .success(let p): podSpec = p
        case .failure(let p): return .failure(p)
        }
        let port = podSpec.containers.first?.ports?.first { $0.name == ServingPodBuilder.portName }?.containerPort ?? 0
        return .success(ResolvedModel(
            revision: Revisions.model(spec), source: source, placement: placement, claimName: claimName,
            managesClaim: managesClaim, preloads: preloads, podSpec: podSpec,
            servedModelName: servedModelName(model), port: port))
    }

    /// `spec.servedModelName`, defaulting to `metadata.name`.
    public static func servedModelName(_ model: DifyModel) -> String {
        if let s = model.spec.servedModelName, !s.isEmpty { return s }
        return model.metadata.name ?? ""
    }

    /// Setups the API accepts but no cluster can run: the default vLLM and TGI images are CUDA
    /// builds that need a GPU, and a cache smaller than the weights cannot hold them.
    static func validateRunnable(_ spec: DifyModelSpec, placement: GPUPlacement) -> SpecProblem? {
        let engine = spec.engine?.type ?? DifyDefaults.engineType
        if placement.resourceName == nil, ["vLLM", "TGI"].contains(engine), spec.engine?.image == nil {
            return SpecProblem(field: "spec.resources.gpu", reason: "GPURequired", message: "the default \(engine) image is a CUDA build that needs a GPU: set resources.gpu, use engine.type Ollama for a CPU-only model, or set engine.image to a CPU build")
        }
        if let sizeText = spec.cache?.size, let size = try? Quantity(sizeText), let weights = placement.estimate?.weightsBytes,
           size.value < weights, spec.cache?.existingClaimName == nil {
            return SpecProblem(field: "spec.cache.size", reason: "CacheTooSmall", message: "cache.size \(sizeText) cannot hold the weights (about \(MemoryEstimate.gibString(weights, rounding: .up))); raise it or leave it out to derive it from size")
        }
        return nil
    }

    static func validateCache(_ cache: ModelCache?, source: ModelSourceURI) -> SpecProblem? {
        guard let cache else { return nil }
        if let size = cache.size {
            guard let q = try? Quantity(size), q.sign > 0 else {
                return SpecProblem(field: "spec.cache.size", reason: GPUReason.invalidQuantity, message: "cache size \(String(reflecting: size)) is not a positive quantity such as 40Gi")
            }
        }
        if let mode = cache.accessMode, !DifyEnums.accessModes.contains(mode) {
            return SpecProblem(field: "spec.cache.accessMode", reason: "InvalidAccessMode", message: "access mode \(String(reflecting: mode)) is not one of \(DifyEnums.accessModes.joined(separator: ", "))")
        }
        if let existing = cache.existingClaimName, !existing.isEmpty, source.pvcClaim != nil {
            return SpecProblem(field: "spec.cache.existingClaimName", reason: "ConflictingCache", message: "a pvc:// source is served from its own claim; remove cache.existingClaimName")
        }
        return nil
    }
}

extension ModelResolver {
    /// The PVC a model's pods would mount, from the spec alone (no validation): for the
    /// controllers to find it before planning. Nil when the source URI does not parse.
    public static func claimName(_ model: DifyModel) -> String? {
        guard case .success(let source) = ModelSourceURI.parse(model.spec.source.uri) else { return nil }
        if let pvc = source.pvcClaim { return pvc }
        if let existing = model.spec.cache?.existingClaimName, !existing.isEmpty { return existing }
        return DifyNames.cacheClaim(model: model.metadata.name ?? "")
    }
}
