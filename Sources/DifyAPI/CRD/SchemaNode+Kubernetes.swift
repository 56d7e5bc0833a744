import KubeCore

/// The schemas of Kubernetes types the Dify kinds embed (the shapes of `metav1.Condition`,
/// `core/v1 EnvVar` and `Toleration`), and the root of a custom resource.
extension SchemaNode {
    /// The root of a custom resource: `apiVersion`, `kind`, `metadata` (kube-apiserver validates
    /// metadata itself and rejects a CRD that says more than `type: object` there, so it is the
    /// one field without a description), `spec` and `status`.
    static func resource(kind: String, description: String, spec: SchemaNode, status: SchemaNode, validations: [CELRule] = []) -> SchemaNode {
        .object(
            description: description,
            properties: [
                "apiVersion": .string(description: "The versioned schema of this object: `\(DifyAPIGroup.apiVersion)`."),
                "kind": .string(description: "The kind of this object: `\(kind)`."),
                // kube-apiserver forbids anything but `type` here (even a description).
                "metadata": SchemaNode(keywords: ["type": "object"]),
                "spec": spec,
                "status": status,
            ],
            required: ["spec"],
            validations: validations
        )
    }

    /// A reference to an object in the same namespace by name.
    static func localName(description: String, nameDescription: String) -> SchemaNode {
        .object(
            description: description,
            properties: ["name": .string(description: nameDescription)],
            required: ["name"]
        )
    }

    /// `status.conditions`: a list of `metav1.Condition`, one per `type` (merged by type under
    /// server-side apply, as Kubernetes' own status conditions are).
    static func conditions(description: String) -> SchemaNode {
        .array(
            description: description,
            items: .object(
                description: "One observation of the object's state (metav1.Condition).",
                properties: [
                    "type": .string(description: "The aspect observed, CamelCase, e.g. `Ready`.", maxLength: 316),
                    "status": .string(description: "`True`, `False` or `Unknown`.", enum: ["True", "False", "Unknown"]),
                    "observedGeneration": .int64(
                        description: "The `metadata.generation` the condition was computed from; older than the object's generation means the condition is stale.",
                        minimum: 0),
                    "lastTransitionTime": .string(
                        description: "When `status` last changed (RFC 3339), e.g. `2024-05-01T12:00:00Z`.", format: "date-time"),
                    "reason": .string(
                        description: "Why the condition is in its status: a CamelCase word for machines, e.g. `CacheLoaded`.",
                        maxLength: 1024),
                    "message": .string(description: "Why the condition is in its status, for humans; may be empty.", maxLength: 32768),
                ],
                required: ["type", "status", "lastTransitionTime", "reason", "message"]
            ),
            listType: .map(keys: ["type"])
        )
    }

    /// `core/v1 EnvVar`: a literal `value`, or a `valueFrom` source kept as written.
    static func envVar(description: String) -> SchemaNode {
        .object(
            description: description,
            properties: [
                "name": .string(description: "The variable's name, e.g. `VLLM_LOGGING_LEVEL`.", minLength: 1),
                "value": .string(description: "The literal value, e.g. `DEBUG`; may reference earlier variables as `$(VAR)`."),
                "valueFrom": .preservedObject(
                    description: "Where the value comes from instead of `value`: a core/v1 EnvVarSource such as `{secretKeyRef: {name: hf-token, key: HF_TOKEN}}`."),
            ],
            required: ["name"]
        )
    }

    /// `core/v1 Toleration`.
    static func toleration(description: String) -> SchemaNode {
        .object(
            description: description,
            properties: [
                "key": .string(description: "The taint key matched, e.g. `nvidia.com/gpu`; empty with operator `Exists` matches every taint."),
                "operator": .string(description: "`Equal` (the default: key and value must match) or `Exists` (any value).", enum: ["Equal", "Exists"]),
                "value": .string(description: "The taint value matched with operator `Equal`, e.g. `present`."),
                "effect": .string(
                    description: "The taint effect matched: `NoSchedule`, `PreferNoSchedule` or `NoExecute`; empty matches every effect.",
                    enum: ["", "NoSchedule", "PreferNoSchedule", "NoExecute"]),
                "tolerationSeconds": .int64(
                    description: "With effect `NoExecute`: seconds the pod stays on a node after the taint appears; unset means forever. E.g. `300`."),
            ]
        )
    }

    /// `metav1.Time`: an RFC 3339 instant.
    static func time(description: String) -> SchemaNode {
        .string(description: description, format: "date-time")
    }
}
