import KubeCore

extension DifyModelStatus {
    /// The schema of a DifyModel's `status` (written by the operator through `/status`).
    static var schema: SchemaNode {
        .object(
            description: "The observed state of the DifyModel, written by the operator.",
            properties: [
                "observedGeneration": .int64(
                    description: "The `metadata.generation` this status describes; older than the generation means the operator has not acted on the latest spec yet.",
                    minimum: 0),
                "phase": .string(
                    description: "A summary: `Pending` (waiting to be acted on), `Caching` (the preload Job is filling the cache), `Ready` (servable), `Invalid` (the spec cannot be acted on; see the Validated condition) or `Failed` (see the conditions).",
                    enum: DifyEnums.modelPhases),
                "revision": .string(
                    description: "A hash of everything a serving pod depends on (source, engine, resources...); a new value rolls out new pods. Example: `5d8c7f9b`."),
                "resolved": ResolvedResources.schema,
                "cache": CacheStatus.schema,
                "conditions": .conditions(
                    description: "The latest observations, one per type: `Validated` (the spec can be acted on), `CacheReady` (the weights are in the cache), `Ready` (serving pods can start)."),
            ]
        )
    }
}

extension ResolvedResources {
    /// The schema of `status.resolved`.
    static var schema: SchemaNode {
        .object(
            description: "What the spec resolved to: the GPU resource each serving pod requests, where it goes and how much memory the model needs.",
            properties: [
                "gpuResourceName": .string(
                    description: "The extended resource each serving pod requests, e.g. `nvidia.com/gpu` or `nvidia.com/mig-3g.40gb`; absent for CPU-only models."),
                "gpuResourceCount": .int32(
                    description: "How many of `gpuResourceName` each serving pod requests, e.g. `1`.", minimum: 0),
                "nodeSelector": .map(
                    description: "The node labels the operator requires of serving pods' nodes, e.g. `{nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3}`.",
                    values: .stringValue),
                "estimatedMemory": .string(
                    description: "The memory one model instance needs (weights plus runtime overhead), a quantity, e.g. `17.9Gi`."),
                "migProfile": .string(
                    description: "The MIG profile in use: the one `auto` picked, or the one requested, e.g. `3g.40gb`."),
            ]
        )
    }
}

extension CacheStatus {
    /// The schema of `status.cache`.
    static var schema: SchemaNode {
        .object(
            description: "The state of the weight cache.",
            properties: [
                "claimName": .string(description: "The PVC serving pods mount, e.g. `llama3-8b-cache`."),
                "loaded": .boolean(description: "Whether the weights of the current revision are in the cache."),
                "jobName": .string(
                    description: "The preload Job of the current revision, e.g. `llama3-8b-preload-5d8c7f9b`."),
            ]
        )
    }
}
