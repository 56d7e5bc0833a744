import KubeCore

extension ModelEngine {
    /// The schema of `spec.engine`.
    static var schema: SchemaNode {
        .object(
            description: "The server that runs the model and serves the OpenAI-compatible API. Example: `{type: vLLM, args: [--max-model-len=8192]}`.",
            properties: [
                "type": .string(
                    description: "Which server runs the model: `vLLM`, `Ollama`, `TGI` (Hugging Face text-generation-inference) or `Custom` (your own image serving the OpenAI-compatible API). Default: \(DifyDefaults.engineType).",
                    enum: DifyEnums.engineTypes, default: DifyDefaults.engineType),
                "image": .string(
                    description: "The serving container's image. Default: a release of the engine pinned by the operator; required when `type` is `Custom`. Example: `vllm/vllm-openai:v0.8.5`."),
                "args": .array(
                    description: "Extra command-line arguments, appended to the ones the operator derives (model path, served name, port, tensor parallelism). Default: none. Example: `[--max-model-len=8192]`.",
                    items: .stringValue),
                "env": .array(
                    description: "Extra environment variables of the serving container, one per name. Default: none. Example: `[{name: VLLM_LOGGING_LEVEL, value: DEBUG}]`.",
                    items: .envVar(description: "One environment variable (core/v1 EnvVar)."),
                    listType: .map(keys: ["name"])),
                "port": .int32(
                    description: "The port the engine listens on inside the pod, 1 to 65535. Default: the engine's own (vLLM 8000, Ollama 11434, TGI 80, Custom 8080). Example: `9000`.",
                    minimum: 1, maximum: 65535),
                "tensorParallelSize": .int32(
                    description: "The number of GPUs one model instance is split over (vLLM `--tensor-parallel-size`): at least 1, at most `resources.gpu.count`, and 1 with a MIG slice. Default: \(DifyDefaults.tensorParallelSize). Example: `2` with `resources.gpu.count: 2`.",
                    minimum: 1, default: DifyDefaults.tensorParallelSize),
                "gpuMemoryUtilization": .number(
                    description: "The fraction of each GPU's memory vLLM may claim for weights and KV cache (`--gpu-memory-utilization`), above 0 and at most 1; other engines ignore it. Default: \(DifyDefaults.gpuMemoryUtilization). Example: `0.95`.",
                    minimum: 0, exclusiveMinimum: true, maximum: 1, default: DifyDefaults.gpuMemoryUtilization),
            ],
            validations: [
                CELRule(
                    "!has(self.type) || self.type != 'Custom' || has(self.image)",
                    message: "engine.image is required when engine.type is Custom: there is no default image for it",
                    fieldPath: ".image", reason: .required)
            ]
        )
    }
}
