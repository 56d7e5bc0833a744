import KubeCore

extension DifyModel {
    /// The OpenAPI v3 schema of `dify.ai/v1alpha1 DifyModel`: the `openAPIV3Schema` of its CRD.
    public static var openAPIV3Schema: SchemaNode {
        .resource(
            kind: kind,
            description: "DifyModel says what to serve: where the weights come from, which engine serves them, which GPUs or MIG slice they need and where they are cached. A DifyDeployment runs it. Example: `kubectl explain difymodel.spec`.",
            spec: DifyModelSpec.schema,
            status: DifyModelStatus.schema,
            validations: [
                // Rules on the root may read metadata.name (and only name and generateName).
                CELRule("self.metadata.name.size() <= \(DifyNames.maxModelNameLength)",
                        message: "a DifyModel's name is at most \(DifyNames.maxModelNameLength) characters: its preload Jobs are named <name>-preload-<revision> and a Job name is at most 63",
                        reason: .invalid),
            ]
        )
    }
}

extension DifyModelSpec {
    /// The schema of `spec`, with the rules that span several of its fields.
    static var schema: SchemaNode {
        .object(
            description: "The desired state of the DifyModel. Only `source.uri` is required; everything else has a default or is derived from `size`.",
            properties: [
                "servedModelName": .string(
                    description: "The model id on the OpenAI-compatible API: what clients (Dify's provider) send as `model`. Default: the DifyModel's name. Example: `llama3-8b`."),
                "source": ModelSource.schema,
                "size": ModelSize.schema,
                "engine": ModelEngine.schema,
                "resources": ModelResources.schema,
                "cache": ModelCache.schema,
                "startup": ModelStartup.schema,
            ],
            required: ["source"],
            validations: tensorParallelRules + cacheImmutabilityRules
        )
    }

    /// How `engine.tensorParallelSize` must agree with `resources.gpu`. They sit on `spec`, the
    /// closest node both fields are under; every step is guarded with `has()` because a rule
    /// reading an absent field fails with "no such key" instead of its message.
    static var tensorParallelRules: [CELRule] {
        let tp = "self.engine.tensorParallelSize"
        let hasTP = "has(self.engine) && has(\(tp))"
        let hasGPU = "has(self.resources) && has(self.resources.gpu)"
        return [
            CELRule(
                "!(\(hasTP)) || !(\(hasGPU)) || !has(self.resources.gpu.mig) || \(tp) == 1",
                message: "a MIG slice is a single GPU: engine.tensorParallelSize must be 1 when resources.gpu.mig is set",
                fieldPath: ".engine.tensorParallelSize"),
            CELRule(
                "!(\(hasTP)) || !(\(hasGPU)) || !has(self.resources.gpu.count) || \(tp) <= self.resources.gpu.count",
                message: "engine.tensorParallelSize must not exceed resources.gpu.count: one model instance is split over the GPUs of its own pod",
                fieldPath: ".engine.tensorParallelSize"),
            CELRule(
                "!(\(hasTP)) || \(tp) == 1 || (\(hasGPU))",
                message: "engine.tensorParallelSize above 1 splits the model over several GPUs: set resources.gpu.count, or use 1 for a CPU-only model",
                fieldPath: ".engine.tensorParallelSize"),
        ]
    }

    /// The cache PVC's identity cannot change: the operator would create a new, empty claim and
    /// leave the old one (and its weights) orphaned.
    ///
    /// Transition rules run only on updates, and only where the old object had a value: a
    /// `self == oldSelf` rule on `cache.existingClaimName` would let users add or remove the
    /// field, and one on `cache` would not run when `cache` itself is added or removed. So these
    /// rules sit on `spec`, which every DifyModel has, and compare *effective* values: an absent
    /// field counts as its default (no existing claim, the cluster's default StorageClass,
    /// ``DifyDefaults/cacheAccessMode``).
    static var cacheImmutabilityRules: [CELRule] {
        func unchanged(_ field: String, absent: String) -> String {
            func effective(_ root: String) -> String {
                "(has(\(root).cache) && has(\(root).cache.\(field)) ? \(root).cache.\(field) : \(CELRule.literal(absent)))"
            }
            return "\(effective("self")) == \(effective("oldSelf"))"
        }
        return [
            CELRule(
                unchanged("existingClaimName", absent: ""),
                message: "cache.existingClaimName is immutable: to serve from another claim, delete and recreate the DifyModel",
                fieldPath: ".cache.existingClaimName"),
            CELRule(
                unchanged("storageClassName", absent: ""),
                message: "cache.storageClassName is immutable: a new class would orphan the cache PVC; delete and recreate the DifyModel instead",
                fieldPath: ".cache.storageClassName"),
            CELRule(
                unchanged("accessMode", absent: DifyDefaults.cacheAccessMode),
                message: "cache.accessMode is immutable: a new mode would orphan the cache PVC; delete and recreate the DifyModel instead",
                fieldPath: ".cache.accessMode"),
        ]
    }
}
