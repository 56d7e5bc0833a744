import KubeCore

extension ModelCache {
    /// The schema of `spec.cache`. The claim's identity (`existingClaimName`,
    /// `storageClassName`, `accessMode`) is immutable; the rules are on `spec` (see
    /// ``DifyModelSpec/cacheImmutabilityRules``).
    static var schema: SchemaNode {
        .object(
            description: "The PVC that caches the weights, so serving pods start from local disk instead of downloading. Its claim is `<model>-cache` unless `existingClaimName` is set. Example: `{size: 40Gi, storageClassName: fast-rwx}`.",
            properties: [
                "size": .string(
                    description: "The size of the PVC the operator creates, a quantity. Default: derived from `size` (the weights plus headroom). Example: `40Gi`.",
                    pattern: SchemaPatterns.quantity),
                "storageClassName": .string(
                    description: "The StorageClass of the PVC the operator creates. Immutable. Default: the cluster's default class. Example: `fast-rwx`.",
                    maxLength: 253),
                "accessMode": .string(
                    description: "The access mode of the PVC the operator creates: one of \(DifyEnums.accessModes.joined(separator: ", ")). `ReadWriteMany` lets serving pods on several nodes share it. Immutable. Default: \(DifyDefaults.cacheAccessMode).",
                    enum: DifyEnums.accessModes, default: DifyDefaults.cacheAccessMode),
                "existingClaimName": .string(
                    description: "Use this PVC (in this namespace) as the cache instead of creating one. Immutable: delete and recreate the DifyModel to change it. Default: none (the operator creates `<model>-cache`). Example: `shared-models`.",
                    maxLength: 253),
                "preload": .boolean(
                    description: "Fill the cache with a Job (`<model>-preload-<revision>`) before serving pods start, so they never download. Default: \(DifyDefaults.cachePreload).",
                    default: DifyDefaults.cachePreload),
                "retainOnDelete": .boolean(
                    description: "Keep the PVC and its weights when the DifyModel is deleted (set false to delete them with it). Default: \(DifyDefaults.cacheRetainOnDelete).",
                    default: DifyDefaults.cacheRetainOnDelete),
            ]
        )
    }
}

extension ModelStartup {
    /// The schema of `spec.startup`.
    static var schema: SchemaNode {
        .object(
            description: "How long a serving pod may take to load the model before it counts as failed. Example: `{timeoutSeconds: 1800}`.",
            properties: [
                "timeoutSeconds": .int32(
                    description: "Seconds a serving pod may take to load the model (its startupProbe budget) before it is restarted, at least 1. Default: derived from `size` (larger models get longer). Example: `1800`.",
                    minimum: 1)
            ]
        )
    }
}
