import DifyAPI
import KubeCore
import Testing
@testable import DifyPlanners

@Suite("Preload Job pod")
struct PreloadJobTests {
    static let hardened = SecurityContext(runAsUser: 0, allowPrivilegeEscalation: false, capabilities: Capabilities(drop: ["ALL"]),
                                          seccompProfile: SeccompProfile(type: "RuntimeDefault"))
    static let rw = VolumeMount(name: "model-cache", mountPath: "/models")
    static let cache = Volume(name: "model-cache", persistentVolumeClaim: PersistentVolumeClaimVolumeSource(claimName: "llama3-8b-cache"))

    static func pod(_ spec: DifyModelSpec, claim: String = "llama3-8b-cache") -> PodSpec {
        PreloadJobBuilder.podSpec(modelName: "llama3-8b", spec: spec, source: Fixture.source(spec.source.uri), claimName: claim)
    }

    @Test func huggingFaceIsTheWholePod() {
        let pod = Self.pod(Fixture.spec(revision: "main", secret: "hf-token"))
        let container = Container(
            name: "preload", image: "python:3.12-slim",
            command: ["/bin/sh", "-c",
                      "set -eu; python -m venv /tmp/hub; /tmp/hub/bin/pip install --quiet --no-cache-dir \"$1\"; shift; exec /tmp/hub/bin/huggingface-cli download \"$@\"",
                      "preload", "huggingface_hub==0.30.2", "meta-llama/Meta-Llama-3-8B-Instruct",
                      "--local-dir", "/models/hf/meta-llama/Meta-Llama-3-8B-Instruct@main", "--revision", "main"],
            env: [EnvVar(name: "HF_HUB_DISABLE_PROGRESS_BARS", value: "1")],
            envFrom: [EnvFromSource(secretRef: SecretEnvSource(name: "hf-token"))],
            resources: ResourceRequirements(limits: ["memory": .gibibytes(8)], requests: ["cpu": .millicores(500), "memory": .gibibytes(1)]),
            volumeMounts: [Self.rw],
            securityContext: Self.hardened,
            terminationMessagePolicy: "FallbackToLogsOnError")
        #expect(pod == PodSpec(containers: [container], volumes: [Self.cache], automountServiceAccountToken: false,
                               restartPolicy: "Never", enableServiceLinks: false))
    }

    /// (uri, engine, image, the command's arguments after the script, or the whole command for exec-form tools)
    @Test(arguments: [
        ("hf://Qwen/Qwen2.5-1.5B-Instruct", nil, "python:3.12-slim",
         ["huggingface_hub==0.30.2", "Qwen/Qwen2.5-1.5B-Instruct", "--local-dir", "/models/hf/Qwen/Qwen2.5-1.5B-Instruct"]),
        ("s3://models/llama/8b", nil, "amazon/aws-cli:2.27.0",
         ["aws", "s3", "sync", "--only-show-errors", "s3://models/llama/8b", "/models/s3/models/llama/8b"]),
        ("gs://models/llama", nil, "google/cloud-sdk:522.0.0-slim",
         ["gs://models/llama", "/models/gs/models/llama", "/var/run/secrets/dify.ai/source/credentials.json"]),
        ("oci://ghcr.io/acme/llama:8b", nil, "ghcr.io/oras-project/oras:v1.2.3",
         ["ghcr.io/acme/llama:8b", "/models/oci/ghcr.io/acme/llama_8b"]),
        ("ollama://llama3:8b", "Ollama", "ollama/ollama:0.6.8", ["llama3:8b", "llama3-8b"]),
        ("hf://bartowski/Qwen2.5-7B-Instruct-GGUF", "Ollama", "ollama/ollama:0.6.8", ["hf.co/bartowski/Qwen2.5-7B-Instruct-GGUF", "llama3-8b"]),
        ("https://example.com/m/model.gguf", nil, "curlimages/curl:8.13.0",
         ["curl", "--fail", "--location", "--silent", "--show-error", "--retry", "5", "--create-dirs",
          "--output", "/models/https/example.com/m/model.gguf", "https://example.com/m/model.gguf"]),
        ("pvc://shared/llama/8b", nil, "busybox:1.37.0", ["/source", "/models/pvc/shared/llama/8b"]),
    ] as [(String, String?, String, [String])])
    func downloaderPerScheme(uri: String, engine: String?, image: String, arguments: [String]) throws {
        let pod = Self.pod(Fixture.spec(uri: uri, engine: engine))
        let c = try #require(pod.containers.first)
        #expect(pod.containers.count == 1)
        #expect(c.name == "preload")
        #expect(c.image == image)
        let command = try #require(c.command)
        if command.first == "/bin/sh" {
            #expect(command[1] == "-c")
            #expect(command[3] == "preload")
            #expect(Array(command.dropFirst(4)) == arguments)
        } else {
            #expect(command == arguments)
        }
        #expect(c.args == nil)
        #expect(c.securityContext == Self.hardened)
        #expect(c.volumeMounts?.first == Self.rw)
        #expect(pod.restartPolicy == "Never")
        #expect(pod.volumes?.first == Self.cache)
        #expect(pod.automountServiceAccountToken == false)
    }

    @Test func ollamaPullsWithATemporaryLocalServerAndAliasesTheServedName() throws {
        let pod = Self.pod(Fixture.spec(uri: "ollama://llama3:8b", engine: "Ollama", servedModelName: "chat"))
        let c = try #require(pod.containers.first)
        #expect(c.env == [EnvVar(name: "OLLAMA_MODELS", value: "/models/ollama")])
        #expect(c.command?.suffix(2) == ["llama3:8b", "chat"])
        let script = try #require(c.command?[2])
        #expect(script.contains("export OLLAMA_HOST=127.0.0.1:11434; ollama serve & server=$!"))
        #expect(script.contains("ollama pull \"$1\"; if [ \"$2\" != \"$1\" ]; then ollama cp \"$1\" \"$2\"; fi"))
    }

    @Test func credentialsAreEnvFromTheSecretNeverInline() throws {
        for uri in ["hf://org/m", "s3://b/m", "gs://b/m", "oci://r.io/o/m:1", "https://h/m.gguf"] {
            let c = try #require(Self.pod(Fixture.spec(uri: uri, secret: "creds")).containers.first)
            #expect(c.envFrom == [EnvFromSource(secretRef: SecretEnvSource(name: "creds"))], "\(uri)")
            #expect((c.env ?? []).allSatisfy { $0.valueFrom == nil }, "\(uri)")
        }
        let none = try #require(Self.pod(Fixture.spec(uri: "s3://b/m")).containers.first)
        #expect(none.envFrom == nil)
    }

    @Test func gcsSecretIsAlsoMountedForTheServiceAccountKey() throws {
        let pod = Self.pod(Fixture.spec(uri: "gs://b/m", secret: "gcp"))
        #expect(pod.volumes == [Self.cache, Volume(name: "source-credentials", secret: SecretVolumeSource(secretName: "gcp"))])
        #expect(pod.containers[0].volumeMounts == [Self.rw, VolumeMount(name: "source-credentials", mountPath: "/var/run/secrets/dify.ai/source", readOnly: true)])
        let anonymous = Self.pod(Fixture.spec(uri: "gs://b/m"))
        #expect(anonymous.volumes == [Self.cache])
    }

    @Test func pvcSourceIsCopiedFromItsClaimReadOnly() {
        let pod = Self.pod(Fixture.spec(uri: "pvc://shared/llama/8b"))
        #expect(pod.volumes == [Self.cache, Volume(name: "source", persistentVolumeClaim: PersistentVolumeClaimVolumeSource(claimName: "shared", readOnly: true))])
        #expect(pod.containers[0].volumeMounts == [Self.rw, VolumeMount(name: "source", mountPath: "/source", readOnly: true, subPath: "llama/8b")])
    }

    @Test func pvcSourceIntoItsOwnClaimIsOnlyChecked() throws {
        let pod = Self.pod(Fixture.spec(uri: "pvc://shared/llama/8b"), claim: "shared")
        #expect(pod.volumes == [Volume(name: "model-cache", persistentVolumeClaim: PersistentVolumeClaimVolumeSource(claimName: "shared", readOnly: true))])
        let c = try #require(pod.containers.first)
        #expect(c.volumeMounts == [VolumeMount(name: "model-cache", mountPath: "/models", readOnly: true)])
        #expect(c.command?.last == "/models/llama/8b")
    }

    @Test func theLayoutWrittenIsTheLayoutServed() {
        for (uri, engine) in [("hf://org/m", "vLLM"), ("s3://b/m", "TGI"), ("oci://r.io/o/m:1", "vLLM"), ("https://h/m.gguf", "vLLM"), ("ollama://qwen2.5:0.5b", "Ollama")] {
            let spec = Fixture.spec(uri: uri, revision: "r1", engine: engine)
            let preload = Self.pod(spec)
            let serving = Fixture.pod(Fixture.input(spec, readOnly: true))
            let written = ModelDownloader.destination(
                ModelDownloader.method(engine: EngineKind.parse(engine), source: Fixture.source(uri), cacheClaim: "llama3-8b-cache"),
                source: Fixture.source(uri), revision: "r1")
            #expect(preload.containers[0].command?.contains(written) == true || preload.containers[0].env?.contains(EnvVar(name: "OLLAMA_MODELS", value: written)) == true, "\(uri)")
            let server = serving.containers[0]
            let read = (server.args ?? []) + (server.env ?? []).compactMap(\.value)
            #expect(read.contains(written), "\(uri): \(read)")
        }
    }
}
