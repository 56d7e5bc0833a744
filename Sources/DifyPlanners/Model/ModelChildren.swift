import DifyAPI
import KubeCore

/// The objects a DifyModel owns: its cache PVC and its preload Jobs.
public enum ModelChildren {
    /// The cache size when neither `cache.size` nor `size` says anything.
    public static let defaultCacheSize = "100Gi"
    /// Room in a derived cache size for checkpoint files being larger than the served weights
    /// (a bf16 checkpoint served as fp8, tokenizer and config files).
    public static let derivedCacheHeadroom = 1.5
    /// The smallest derived cache size, in GiB.
    public static let minimumDerivedCacheGiB: Int64 = 10
    /// Retries of a preload Job before it is reported Failed.
    public static let preloadBackoffLimit: Int32 = 3
    /// The mount path of the weights in every pod (the serving pod builder's layout).
    static let gib: Double = 1_073_741_824

    /// `cache.size`, or the weights with headroom rounded up to whole GiB (at least
    /// ``minimumDerivedCacheGiB``), or ``defaultCacheSize``.
    public static func cacheSize(_ spec: DifyModelSpec, estimate: MemoryEstimate?) -> String {
        if let size = spec.cache?.size { return size }
        guard let estimate else { return defaultCacheSize }
        let gib = Int64((Double(estimate.weightsBytes) * derivedCacheHeadroom / gib).rounded(.up))
        return "\(max(gib, minimumDerivedCacheGiB))Gi"
    }

    /// The cache PVC `<model>-cache`. Owned by the DifyModel (so deleted with it) only when
    /// `cache.retainOnDelete` is false: by default model data outlives the DifyModel.
    /// A claim never shrinks (the API server refuses it): a smaller `cache.size` than the live
    /// claim's request keeps the live request.
    public static func claim(_ model: DifyModel, resolved: ResolvedModel, live: PersistentVolumeClaim? = nil) -> PersistentVolumeClaim {
        let name = model.metadata.name ?? ""
        let cache = model.spec.cache
        var spec = PersistentVolumeClaimSpec()
        spec.accessModes = [cache?.accessMode ?? DifyDefaults.cacheAccessMode]
        var size = (try? Quantity(cacheSize(model.spec, estimate: resolved.placement.estimate))) ?? Quantity(integer: 0)
        if let current = live?.spec?.resources?.requests?["storage"], current > size { size = current }
        spec.resources = VolumeResourceRequirements(requests: ["storage": size])
        spec.storageClassName = cache?.storageClassName
        var meta = ObjectMeta(name: resolved.claimName, namespace: model.metadata.namespace, labels: ObjectLabels.model(name))
        if !(cache?.retainOnDelete ?? DifyDefaults.cacheRetainOnDelete), let ref = model.controllerReference() {
            meta.ownerReferences = [ref]
        }
        return PersistentVolumeClaim(metadata: meta, spec: spec)
    }

    /// The preload Job `<model>-preload-<revision>`, owned by the DifyModel.
    public static func preloadJob(_ model: DifyModel, resolved: ResolvedModel) -> Job {
        let name = model.metadata.name ?? ""
        let labels = ObjectLabels.model(name, revision: resolved.revision)
        var pod = PreloadJobBuilder.podSpec(modelName: name, spec: model.spec, source: resolved.source, claimName: resolved.claimName)
        pod.restartPolicy = pod.restartPolicy ?? "Never"
        var meta = ObjectMeta(name: DifyNames.preloadJob(model: name, revision: resolved.revision), namespace: model.metadata.namespace, labels: labels)
        if let ref = model.controllerReference() { meta.ownerReferences = [ref] }
        let spec = JobSpec(backoffLimit: preloadBackoffLimit, template: PodTemplateSpec(metadata: ObjectMeta(labels: labels), spec: pod))
        return Job(metadata: meta, spec: spec)
    }
}
