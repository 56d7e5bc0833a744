/// The `reason`s of the ``SpecProblem``s about `spec.engine` and `spec.startup`.
public enum EngineReason {
    /// `engine.type` outside `DifyEnums.engineTypes`.
    public static let unsupportedEngine = "UnsupportedEngine"
    /// `engine.type: Custom` without `engine.image` (or an empty image).
    public static let engineImageRequired = "EngineImageRequired"
    /// `engine.port` outside 1–65535.
    public static let invalidPort = "InvalidPort"
    /// An `engine.env` name Kubernetes rejects.
    public static let invalidEnvVar = "InvalidEnvVar"
    /// `startup.timeoutSeconds` below 1.
    public static let invalidStartupTimeout = "InvalidStartupTimeout"
    /// A source scheme the engine cannot serve (`ollama://` on vLLM, `s3://` on Ollama...).
    public static let unsupportedSourceForEngine = "UnsupportedSourceForEngine"
}
