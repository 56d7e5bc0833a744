import KubeCore

extension ModelSource {
    /// The schema of `spec.source`.
    static var schema: SchemaNode {
        let schemes = DifyEnums.sourceSchemes.map { $0 + "://" }
        return .object(
            description: "Where the weights come from. Example: `{uri: hf://meta-llama/Meta-Llama-3-8B-Instruct, credentialsSecretRef: {name: hf-token}}`.",
            properties: [
                // The pattern rejects other schemes even where CEL is not evaluated; the rule
                // says which schemes work.
                "uri": SchemaNode.string(
                    description: "The weights' location: `hf://<org>/<model>` (Hugging Face), `s3://<bucket>/<path>`, `gs://<bucket>/<path>`, `pvc://<claim>/<path>` (a PVC in this namespace, used in place), `oci://<registry>/<repo>:<tag>`, `ollama://<model>:<tag>` or `http(s)://...`. Example: `hf://meta-llama/Meta-Llama-3-8B-Instruct`.",
                    pattern: SchemaPatterns.sourceURI, maxLength: 2048
                ).validated(by: [
                    CELRule(
                        "\(CELRule.literal(schemes)).exists(p, self.startsWith(p))",
                        message: "source.uri must start with one of " + schemes.joined(separator: ", ") + ", e.g. hf://meta-llama/Meta-Llama-3-8B-Instruct")
                ]),
                "revision": .string(
                    description: "Pins the weights to a branch, tag or commit of the source, e.g. `main` or a Hugging Face commit hash. Part of the serving revision: changing it rolls out new pods. Default: the source's latest."),
                "credentialsSecretRef": .localName(
                    description: "A Secret in this namespace whose keys become environment variables of the preload Job and the serving pods: `HF_TOKEN` for Hugging Face, `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` for S3. Default: none. Example: `{name: hf-token}`.",
                    nameDescription: "The Secret's name, e.g. `hf-token`."),
            ],
            required: ["uri"]
        )
    }
}

extension ModelSize {
    /// The schema of `spec.size`.
    static var schema: SchemaNode {
        .object(
            description: "How big the model is. Drives the memory-fit check, `resources.gpu.mig.profile: auto`, the default cache size and the default startup budget. Example: `{parameters: 8B, dtype: bfloat16}`.",
            properties: [
                "parameters": .string(
                    description: "The parameter count with a suffix: K (thousand), M (million), B (billion) or T (trillion). Examples: `137M`, `1.5B`, `8B`, `70B`.",
                    pattern: SchemaPatterns.parameters),
                "dtype": .string(
                    description: "The weight type, which sets the bytes per parameter (2 for bfloat16 and float16, 4 for float32, 1 for fp8 and int8, 0.5 for int4): one of \(DifyEnums.dtypes.joined(separator: ", ")). Default: \(DifyDefaults.dtype). Example: `int4` for an AWQ or GPTQ checkpoint.",
                    enum: DifyEnums.dtypes, default: DifyDefaults.dtype),
            ],
            required: ["parameters"]
        )
    }
}
