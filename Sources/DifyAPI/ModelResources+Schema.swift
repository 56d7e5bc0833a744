import KubeCore

extension ModelResources {
    /// The schema of `spec.resources`.
    static var schema: SchemaNode {
        .object(
            description: "What one serving pod requests: GPUs (whole ones or one MIG slice), CPU and memory. Example: `{gpu: {count: 1, product: NVIDIA-H100-80GB-HBM3}, cpu: \"4\", memory: 32Gi}`.",
            properties: [
                "gpu": GPURequest.schema,
                "cpu": .string(
                    description: "CPU request and limit of the serving container, a quantity (quote whole numbers in YAML). Default: none set. Examples: `\"4\"`, `500m`.",
                    pattern: SchemaPatterns.quantity),
                "memory": .string(
                    description: "Memory request and limit of the serving container, a quantity. Default: none set. Examples: `32Gi`, `4096Mi`.",
                    pattern: SchemaPatterns.quantity),
            ]
        )
    }
}

extension GPURequest {
    /// The schema of `spec.resources.gpu`.
    static var schema: SchemaNode {
        .object(
            description: "The GPUs of one serving pod: `count` whole GPUs or one `mig` slice (exactly one of the two), optionally of one `product`. Omit for a CPU-only model. Examples: `{count: 1}`, `{mig: {profile: auto}, product: NVIDIA-H100-80GB-HBM3}`.",
            properties: [
                "count": .int32(
                    description: "Whole GPUs per serving pod (the `nvidia.com/gpu` resource), at least 1. Example: `2` with `engine.tensorParallelSize: 2`.",
                    minimum: 1),
                "mig": MIGRequest.schema,
                "product": .string(
                    description: "The GPU model, as the node label `nvidia.com/gpu.product` spells it: serving pods are placed on such nodes, and its MIG catalogue validates `mig.profile` and resolves `auto`. Default: any GPU. Example: `NVIDIA-H100-80GB-HBM3`."),
            ],
            validations: [
                CELRule(
                    "has(self.count) != has(self.mig)",
                    message: "set exactly one of resources.gpu.count (whole GPUs) and resources.gpu.mig (one MIG slice)"),
                CELRule(
                    "!has(self.mig) || self.mig.profile != 'auto' || has(self.product)",
                    message: "resources.gpu.mig.profile auto picks from the product's MIG catalogue: set resources.gpu.product, e.g. NVIDIA-H100-80GB-HBM3",
                    fieldPath: ".product", reason: .required),
            ]
        )
    }
}

extension MIGRequest {
    /// The schema of `spec.resources.gpu.mig`.
    static var schema: SchemaNode {
        .object(
            description: "One MIG (Multi-Instance GPU) slice per serving pod instead of whole GPUs. Example: `{profile: 3g.40gb}`.",
            properties: [
                "profile": .string(
                    description: "A MIG profile of the product's catalogue, `<compute>g.<memory>gb`, or `auto` to pick the smallest slice the model fits in (needs `size` and `product`). Examples: `3g.40gb`, `1g.10gb`, `auto`.",
                    minLength: 1),
                "strategy": .string(
                    description: "The NVIDIA device plugin's MIG strategy on the nodes: `mixed` (one `nvidia.com/mig-<profile>` resource per profile) or `single` (every GPU of a node sliced alike, requested as `nvidia.com/gpu`). Default: \(DifyDefaults.migStrategy).",
                    enum: DifyEnums.migStrategies, default: DifyDefaults.migStrategy),
            ],
            required: ["profile"]
        )
    }
}
