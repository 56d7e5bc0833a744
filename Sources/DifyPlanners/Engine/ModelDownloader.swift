import DifyAPI
import KubeCore

/// The container that copies a model's weights from its source into the cache volume
/// (mounted at ``ModelLayout/mountPath``), at ``ModelLayout/path(for:revision:)``: the preload
/// Job's container, and a serving pod's `fetch` init container when nothing preloaded the
/// weights. One downloader per source scheme, each in a pinned image:
///
/// | method | image | command |
/// | --- | --- | --- |
/// | hf | python (+ pinned huggingface_hub) | `huggingface-cli download <repo> --local-dir <path> [--revision <rev>]` |
/// | s3 | amazon/aws-cli | `aws s3 sync s3://<bucket>/<prefix> <path>` |
/// | gs | google/cloud-sdk (slim) | `gsutil -m rsync -r gs://<bucket>/<prefix> <path>` |
/// | oci | oras | `oras pull <ref> --output <path>` |
/// | ollama (or any source of the Ollama engine) | ollama | `ollama serve` on localhost, `ollama pull <model>`, `ollama cp <model> <served name>` |
/// | http(s) | curl | `curl --fail --location -o <path> <url>` |
/// | pvc (into a cache) | busybox | `cp -R /source/. <path>/` |
/// | pvc (the claim itself) | busybox | checks the path is not empty |
///
/// Arguments reach shell scripts as positional parameters (`sh -c '<script>' preload <args>`),
/// never spliced into the script, so no URI or name can inject shell syntax.
///
/// Credentials: `source.credentialsSecretRef` becomes environment variables (`envFrom`), the
/// variables each tool reads itself (`HF_TOKEN`; `AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY`, `AWS_ENDPOINT_URL`...; `ORAS_USERNAME`/`ORAS_PASSWORD` for an
/// `oras login`). For `gs://` the Secret is also mounted as files: a key
/// ``gcloudKeyFile`` there is activated as a service-account key (otherwise the pod's
/// workload identity is used).
///
/// Security: the downloaders run as root (uid 0) because the cache PVC's root directory
/// belongs to root on most provisioners and RWX storage classes usually ignore `fsGroup`, so a
/// non-root downloader could not write it; in exchange every capability is dropped,
/// privilege escalation is off and seccomp is `RuntimeDefault`.
public enum ModelDownloader {
    /// How the weights of a source get into the cache.
    public enum Method: String, Sendable, CaseIterable {
        case huggingFace, s3, gcs, oci, ollama, http, pvcCopy, pvcCheck
    }

    // MARK: Images and tools

    /// A slim Python image; the pinned ``huggingFaceHubPackage`` is installed into a virtual
    /// environment under `/tmp` at start (no prebuilt Hugging Face CLI image is published).
    public static let huggingFaceImage = "python:3.12-slim"
    /// The Hugging Face Hub client providing `huggingface-cli download`.
    public static let huggingFaceHubPackage = "huggingface_hub==0.30.2"
    /// The AWS CLI (`aws s3 sync`).
    public static let s3Image = "amazon/aws-cli:2.27.0"
    /// The slim Google Cloud SDK (`gsutil`, `gcloud auth`).
    public static let gcsImage = "google/cloud-sdk:522.0.0-slim"
    /// ORAS (`oras pull`), Alpine-based so it has a shell.
    public static let ociImage = "ghcr.io/oras-project/oras:v1.2.3"
    /// The engine's own image, so the store format matches the server's.
    public static let ollamaImage = EngineDefaults.ollama.image!
    /// curl (it runs as uid 100 by default; see the security note above).
    public static let httpImage = "curlimages/curl:8.13.0"
    /// busybox, for `cp` and `ls` of `pvc://` sources.
    public static let pvcImage = "busybox:1.37.0"

    /// Where the temporary Ollama server of an `ollama pull` listens.
    public static let ollamaPullAddress = "127.0.0.1:11434"
    /// Seconds the Ollama pull waits for its temporary server.
    public static let ollamaStartAttempts = 120

    // MARK: Volumes

    /// The volume of a `gs://` source's credentials Secret.
    public static let credentialsVolumeName = "source-credentials"
    /// Where that Secret's keys appear as files.
    public static let credentialsMountPath = "/var/run/secrets/dify.ai/source"
    /// The Secret key holding a Google service-account key (JSON).
    public static let gcloudKeyFile = "credentials.json"
    /// The volume of a `pvc://` source being copied into a cache.
    public static let sourceVolumeName = "source"
    /// Where that source claim (its sub-path) is mounted, read-only.
    public static let sourceMountPath = "/source"

    // MARK: Resources

    /// CPU request of a downloader (network- and disk-bound, so modest).
    public static let cpuRequest = Quantity(milli: 500)
    /// Memory request of a downloader.
    public static let memoryRequest = Quantity.gibibytes(1)
    /// Memory limit of a downloader (parallel `gsutil -m` and pip need some headroom).
    public static let memoryLimit = Quantity.gibibytes(8)

    /// The `$0` of every `sh -c` script (shown by `ps` and in shell error messages).
    static let scriptName = "preload"

    /// The method for `source` served by `engine`: Ollama's store for the Ollama engine and
    /// `ollama://` sources; otherwise by scheme, a `pvc://` source being checked in place when
    /// the cache claim is the source's own claim.
    public static func method(engine: EngineKind?, source: ModelSourceURI, cacheClaim: String?) -> Method {
        if engine == .ollama || source.scheme == "ollama" { return .ollama }
        switch source.scheme {
        case "hf": return .huggingFace
        case "s3": return .s3
        case "gs": return .gcs
        case "oci": return .oci
        case "pvc": return cacheClaim == source.pvcClaim ? .pvcCheck : .pvcCopy
        default: return .http
        }
    }

    /// Where the downloader writes (an absolute path under ``ModelLayout/mountPath``).
    public static func destination(_ method: Method, source: ModelSourceURI, revision: String?) -> String {
        switch method {
        case .ollama: ModelLayout.ollamaStorePath
        case .pvcCheck: ModelLayout.mountPath + (source.pvcSubPath.map { "/" + $0 } ?? "")
        default: ModelLayout.path(for: source, revision: revision)
        }
    }

    /// The name Ollama pulls for `source`: the `ollama://` model, or `hf.co/<repo>` for a
    /// Hugging Face GGUF repo, with `source.revision` as its tag (the quantisation, e.g.
    /// `Q4_K_M`).
    public static func ollamaModel(_ source: ModelSourceURI, revision: String?) -> String {
        guard source.scheme == "hf" else { return source.path }
        let tag = revision.flatMap { $0.isEmpty ? nil : ":" + $0 } ?? ""
        return "hf.co/" + source.path + tag
    }

    /// The downloader container called `name`, mounting the cache volume
    /// (``ModelLayout/volumeName``, which the caller adds to the pod) plus the extra volumes
    /// it returns. `servedName` is the model id Ollama aliases the pulled model to.
    public static func container(name: String, spec: DifyModelSpec, source: ModelSourceURI, servedName: String,
                                 cacheClaim: String?) -> (container: Container, volumes: [Volume]) {
        let engine = EngineKind.parse(spec.engine?.type)
        let method = method(engine: engine, source: source, cacheClaim: cacheClaim)
        let revision = spec.source.revision.flatMap { $0.isEmpty ? nil : $0 }
        let dest = destination(method, source: source, revision: revision)
        let secret = spec.source.credentialsSecretRef.flatMap { $0.name.isEmpty ? nil : $0.name }

        var c = Container(name: name)
        var mounts = [VolumeMount(name: ModelLayout.volumeName, mountPath: ModelLayout.mountPath,
                                  readOnly: method == .pvcCheck ? true : nil)]
        var volumes: [Volume] = []
        var env: [EnvVar] = []

        switch method {
        case .huggingFace:
            c.image = huggingFaceImage
            var args = [huggingFaceHubPackage, source.path, "--local-dir", dest]
            if let revision { args += ["--revision", revision] }
            c.command = shell(
                "set -eu; python -m venv /tmp/hub; /tmp/hub/bin/pip install --quiet --no-cache-dir \"$1\"; shift; exec /tmp/hub/bin/huggingface-cli download \"$@\"",
                args)
            env.append(EnvVar(name: "HF_HUB_DISABLE_PROGRESS_BARS", value: "1"))
        case .s3:
            c.image = s3Image
            c.command = ["aws", "s3", "sync", "--only-show-errors", source.description, dest]
        case .gcs:
            c.image = gcsImage
            c.command = shell(
                "set -eu; mkdir -p \"$2\"; if [ -f \"$3\" ]; then gcloud auth activate-service-account --key-file=\"$3\"; fi; exec gsutil -m rsync -r \"$1\" \"$2\"",
                [source.description, dest, credentialsMountPath + "/" + gcloudKeyFile])
            if let secret {
                volumes.append(Volume(name: credentialsVolumeName, secret: SecretVolumeSource(secretName: secret)))
                mounts.append(VolumeMount(name: credentialsVolumeName, mountPath: credentialsMountPath, readOnly: true))
            }
        case .oci:
            c.image = ociImage
            c.command = shell(
                "set -eu; mkdir -p \"$2\"; if [ -n \"${ORAS_USERNAME:-}\" ]; then printf '%s' \"${ORAS_PASSWORD:-}\" | oras login --username \"$ORAS_USERNAME\" --password-stdin \"${1%%/*}\"; fi; exec oras pull --output \"$2\" \"$1\"",
                [source.path, dest])
        case .ollama:
            c.image = ollamaImage
            let model = ollamaModel(source, revision: revision)
            c.command = shell(
                "set -eu; export OLLAMA_HOST=\(ollamaPullAddress); ollama serve & server=$!; tries=0; "
                    + "until ollama list >/dev/null 2>&1; do tries=$((tries+1)); [ \"$tries\" -le \(ollamaStartAttempts) ] || exit 1; sleep 1; done; "
                    + "ollama pull \"$1\"; if [ \"$2\" != \"$1\" ]; then ollama cp \"$1\" \"$2\"; fi; kill \"$server\"; wait \"$server\" || true",
                [model, servedName])
            env.append(EnvVar(name: "OLLAMA_MODELS", value: dest))
        case .http:
            c.image = httpImage
            c.command = ["curl", "--fail", "--location", "--silent", "--show-error", "--retry", "5", "--create-dirs",
                         "--output", dest, source.description]
        case .pvcCopy:
            c.image = pvcImage
            c.command = shell("set -eu; mkdir -p \"$2\"; cp -R \"$1\"/. \"$2\"/", [sourceMountPath, dest])
            volumes.append(Volume(name: sourceVolumeName, persistentVolumeClaim: PersistentVolumeClaimVolumeSource(
                claimName: source.pvcClaim ?? "", readOnly: true)))
            mounts.append(VolumeMount(name: sourceVolumeName, mountPath: sourceMountPath, readOnly: true, subPath: source.pvcSubPath))
        case .pvcCheck:
            c.image = pvcImage
            c.command = shell("test -n \"$(ls -A \"$1\" 2>/dev/null)\" || { echo \"$1 is missing or empty\" >&2; exit 1; }", [dest])
        }

        c.env = env.isEmpty ? nil : env
        c.envFrom = secret.map { [EnvFromSource(secretRef: SecretEnvSource(name: $0))] }
        c.volumeMounts = mounts
        c.resources = ResourceRequirements(limits: ["memory": memoryLimit], requests: ["cpu": cpuRequest, "memory": memoryRequest])
        c.securityContext = securityContext
        c.terminationMessagePolicy = "FallbackToLogsOnError"
        return (c, volumes)
    }

    /// Root without capabilities (see the type's documentation).
    public static let securityContext = SecurityContext(
        runAsUser: 0, allowPrivilegeEscalation: false, capabilities: Capabilities(drop: ["ALL"]),
        seccompProfile: SeccompProfile(type: "RuntimeDefault"))

    static func shell(_ script: String, _ args: [String]) -> [String] {
        ["/bin/sh", "-c", script, scriptName] + args
    }
}
