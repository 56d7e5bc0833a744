import DifyAPI
import KubeCore

/// The pod of the Job that fills the cache claim with a model's weights before serving pods
/// start (KubeAI's loader Job pattern), so no serving pod downloads: the reference's cold
/// starts (15–20 minutes for 70B without a cache, about one minute with one).
///
/// One ``ModelDownloader`` container writing the cache claim, mounted read-write at
/// ``ModelLayout/mountPath`` (read-only when the source is that very claim and the pod only
/// checks it), `restartPolicy: Never` (the Job retries), no service-account token, no service
/// environment variables.
public enum PreloadJobBuilder {
    public static let containerName = "preload"

    /// The pod of the Job that fills `claimName` with the weights of `spec.source`.
    public static func podSpec(modelName: String, spec: DifyModelSpec, source: ModelSourceURI, claimName: String) -> PodSpec {
        let served = spec.servedModelName.flatMap { $0.isEmpty ? nil : $0 } ?? modelName
        let (container, extra) = ModelDownloader.container(name: containerName, spec: spec, source: source,
                                                           servedName: served, cacheClaim: claimName)
        let checkOnly = ModelDownloader.method(engine: EngineKind.parse(spec.engine?.type), source: source, cacheClaim: claimName) == .pvcCheck
        let cache = Volume(name: ModelLayout.volumeName, persistentVolumeClaim: PersistentVolumeClaimVolumeSource(
            claimName: claimName, readOnly: checkOnly ? true : nil))
        return PodSpec(containers: [container], volumes: [cache] + extra, automountServiceAccountToken: false,
                       restartPolicy: "Never", enableServiceLinks: false)
    }
}
