import DifyAPI

/// `spec.engine.type`: the server that runs the model.
public enum EngineKind: String, CaseIterable, Sendable {
    /// vLLM's OpenAI-compatible server.
    case vLLM
    /// Ollama (its OpenAI-compatible API under `/v1`).
    case ollama = "Ollama"
    /// Hugging Face Text Generation Inference.
    case tgi = "TGI"
    /// Any image the user names; the operator passes only the user's args.
    case custom = "Custom"

    /// The engine of a spec value: nil or empty is the API default (`DifyDefaults.engineType`,
    /// vLLM); matching is case-insensitive (`vllm` is vLLM). nil for other values.
    public static func parse(_ value: String?) -> EngineKind? {
        let v = (value.flatMap { $0.isEmpty ? nil : $0 } ?? DifyDefaults.engineType).lowercased()
        return allCases.first { $0.rawValue.lowercased() == v }
    }

    /// The engine's image, port and health path.
    public var defaults: EngineDefaults {
        switch self {
        case .vLLM: .vLLM
        case .ollama: .ollama
        case .tgi: .tgi
        case .custom: .custom
        }
    }

    /// Whether the engine can download `hf://` weights itself (by repo id) when no cache
    /// volume holds them.
    var downloadsFromHub: Bool { self == .vLLM || self == .tgi }

    /// Whether the engine can serve weights from a source of `scheme`: Ollama serves its own
    /// registry (`ollama://`) and Hugging Face GGUF repos (`hf://`, pulled as `hf.co/<repo>`);
    /// vLLM and TGI serve weight files, so anything but `ollama://`; Custom anything.
    func accepts(scheme: String) -> Bool {
        switch self {
        case .ollama: scheme == "ollama" || scheme == "hf"
        case .vLLM, .tgi: scheme != "ollama"
        case .custom: true
        }
    }
}
