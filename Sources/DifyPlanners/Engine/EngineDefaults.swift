/// What an engine type implies when `spec.engine` does not say: image, port and health path
/// (gpu-and-mig.md: vLLM serves on 8000 with `/health`, Ollama on 11434, TGI on 80 with
/// `/health`).
public struct EngineDefaults: Equatable, Sendable {
    /// The default image; nil for `Custom`, whose image is required.
    public var image: String?
    /// The port the server listens on.
    public var port: Int32
    /// The HTTP path the startup, readiness and liveness probes GET.
    public var healthPath: String

    public init(image: String?, port: Int32, healthPath: String) {
        self.image = image
        self.port = port
        self.healthPath = healthPath
    }

    /// vLLM's OpenAI-compatible server.
    public static let vLLM = EngineDefaults(image: "vllm/vllm-openai:v0.8.5", port: 8000, healthPath: "/health")
    /// Ollama; `/api/version` answers as soon as the server listens.
    public static let ollama = EngineDefaults(image: "ollama/ollama:0.6.8", port: 11434, healthPath: "/api/version")
    /// Hugging Face Text Generation Inference.
    public static let tgi = EngineDefaults(image: "ghcr.io/huggingface/text-generation-inference:3.3.0", port: 80, healthPath: "/health")
    /// A user-supplied server: no image, port 8080, `/health`.
    public static let custom = EngineDefaults(image: nil, port: 8080, healthPath: "/health")

    /// vLLM's server entry point (the image's own; set explicitly so an image override with
    /// another entry point still runs the server).
    public static let vLLMCommand = ["python3", "-m", "vllm.entrypoints.openai.api_server"]
    /// TGI's launcher.
    public static let tgiCommand = ["text-generation-launcher"]
    /// Ollama's binary; the server is its `serve` subcommand.
    public static let ollamaCommand = ["ollama"]
}
