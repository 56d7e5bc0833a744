import KubeCore

/// Where a serving pod finds the weights, and the volume that holds them.
///
/// - A `pvc://claim/path` source served from its own claim (`claimName` nil or the source's
///   claim): the claim mounted at ``ModelLayout/mountPath`` with `path` as its sub-path, read
///   from there directly.
/// - A cache claim: mounted at ``ModelLayout/mountPath`` (read-only when `claimReadOnly`);
///   the engine reads ``ModelLayout/path(for:revision:)``. If the claim is writable, nothing
///   preloaded it: a `fetch` init container (the preload downloader) fills it first.
/// - No claim: vLLM and TGI download an `hf://` model by repo id themselves; anything else is
///   fetched by the init container into an `emptyDir` at the same path.
struct ModelLocation: Equatable {
    /// The engine's model argument: a local path or a Hugging Face repo id.
    var model: String
    /// Whether ``model`` is a repo id the engine downloads.
    var fromHub: Bool
    /// The volume holding the weights, if any, and its mount in the containers.
    var volume: Volume?
    var mount: VolumeMount?
    /// Whether a `fetch` init container must fill the volume.
    var needsFetch: Bool

    static func resolve(_ input: ServingPodInput, engine: EngineKind) -> ModelLocation {
        let source = input.source
        let revision = input.spec.source.revision.flatMap { $0.isEmpty ? nil : $0 }
        let usesOllamaStore = engine == .ollama || source.scheme == "ollama"
        let localPath = usesOllamaStore ? ModelLayout.ollamaStorePath : ModelLayout.path(for: source, revision: revision)

        if source.scheme == "pvc", let sourceClaim = source.pvcClaim, input.claimName == nil || input.claimName == sourceClaim {
            let readOnly = input.claimName == nil ? true : input.claimReadOnly
            return ModelLocation(
                model: ModelLayout.mountPath, fromHub: false,
                volume: Volume(name: ModelLayout.volumeName, persistentVolumeClaim: PersistentVolumeClaimVolumeSource(claimName: sourceClaim, readOnly: readOnly ? true : nil)),
                mount: VolumeMount(name: ModelLayout.volumeName, mountPath: ModelLayout.mountPath, readOnly: readOnly ? true : nil, subPath: source.pvcSubPath),
                needsFetch: false)
        }
        if let claim = input.claimName {
            let readOnly = input.claimReadOnly
            return ModelLocation(
                model: localPath, fromHub: false,
                volume: Volume(name: ModelLayout.volumeName, persistentVolumeClaim: PersistentVolumeClaimVolumeSource(claimName: claim, readOnly: readOnly ? true : nil)),
                mount: VolumeMount(name: ModelLayout.volumeName, mountPath: ModelLayout.mountPath, readOnly: readOnly ? true : nil),
                needsFetch: !readOnly)
        }
        if engine.downloadsFromHub, let repo = source.huggingFaceRepo {
            return ModelLocation(model: repo, fromHub: true, volume: nil, mount: nil, needsFetch: false)
        }
        return ModelLocation(
            model: localPath, fromHub: false,
            volume: Volume(name: ModelLayout.volumeName, emptyDir: EmptyDirVolumeSource()),
            mount: VolumeMount(name: ModelLayout.volumeName, mountPath: ModelLayout.mountPath),
            needsFetch: true)
    }
}
