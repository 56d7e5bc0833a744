import KubeCore

extension DifyDeployment {
    /// The OpenAPI v3 schema of `dify.ai/v1alpha1 DifyDeployment`: the `openAPIV3Schema` of its CRD.
    public static var openAPIV3Schema: SchemaNode {
        .resource(
            kind: kind,
            description: "DifyDeployment says how and where a DifyModel runs: replicas (through /scale, so an HPA or KEDA can drive them), autoscaling, the Service Dify calls, pod placement, and how new model revisions roll out. Example: `kubectl explain difydeployment.spec`.",
            spec: DifyDeploymentSpec.schema,
            status: DifyDeploymentStatus.schema,
            validations: [
                // The DifyDeployment's name is its Service's: a DNS-1035 label.
                CELRule("self.metadata.name.size() <= 63 && self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
                        message: "a DifyDeployment's name names its Service: at most 63 lower-case letters, digits and '-', starting with a letter and ending with a letter or digit (no dots)",
                        reason: .invalid),
            ]
        )
    }
}

extension DifyDeploymentSpec {
    /// The schema of `spec`.
    static var schema: SchemaNode {
        .object(
            description: "The desired state of the DifyDeployment. Only `modelRef` is required.",
            properties: [
                "modelRef": SchemaNode.localName(
                    description: "The DifyModel (in this namespace) to serve. Changing it rolls out the other model. Example: `{name: llama3-8b}`.",
                    nameDescription: "The DifyModel's name, e.g. `llama3-8b`."
                ).validated(by: [
                    CELRule(
                        "self.name != ''", message: "modelRef.name must name a DifyModel in this namespace",
                        fieldPath: ".name", reason: .required)
                ]),
                "replicas": .int32(
                    description: "Serving pods across all revisions; the /scale subresource reads and writes it, so with `autoscaling` the HPA owns it. At least 0. Default: \(DifyDefaults.replicas). Example: `2`.",
                    minimum: 0, default: DifyDefaults.replicas),
                "autoscaling": AutoscalingSpec.schema,
                "service": ServiceSpecOverrides.schema,
                "template": PodOverrides.schema,
                "strategy": RolloutStrategy.schema,
            ],
            required: ["modelRef"]
        )
    }
}

extension AutoscalingSpec {
    /// The schema of `spec.autoscaling`.
    static var schema: SchemaNode {
        .object(
            description: "When present, a HorizontalPodAutoscaler named after the DifyDeployment scales it through /scale. Example: `{minReplicas: 1, maxReplicas: 4, targetCPUUtilizationPercentage: 70}`.",
            properties: [
                "minReplicas": .int32(
                    description: "The fewest serving pods the HPA keeps, at least 1 and at most `maxReplicas`. Default: \(DifyDefaults.minReplicas).",
                    minimum: 1, default: DifyDefaults.minReplicas),
                "maxReplicas": .int32(
                    description: "The most serving pods the HPA creates (each needs its GPUs), at least 1. Example: `4`.",
                    minimum: 1),
                "targetCPUUtilizationPercentage": .int32(
                    description: "The average CPU utilisation (percent of the request) the HPA aims for when `metrics` is empty. Default when `metrics` is empty: \(DifyDefaults.targetCPUUtilizationPercentage). Example: `70`.",
                    minimum: 1),
                "metrics": .array(
                    description: "autoscaling/v2 MetricSpecs passed to the HPA as written, e.g. a Pods metric on `vllm:num_requests_waiting`. Default: none (CPU utilisation is used).",
                    items: .preservedObject(description: "One autoscaling/v2 MetricSpec, e.g. `{type: Pods, pods: {metric: {name: vllm_num_requests_waiting}, target: {type: AverageValue, averageValue: \"5\"}}}`.")),
                "behavior": .preservedObject(
                    description: "autoscaling/v2 HorizontalPodAutoscalerBehavior passed to the HPA as written, e.g. `{scaleDown: {stabilizationWindowSeconds: 600}}`. Default: the HPA's own."),
            ],
            required: ["maxReplicas"],
            validations: [
                CELRule(
                    "!has(self.minReplicas) || self.minReplicas <= self.maxReplicas",
                    message: "autoscaling.minReplicas must not exceed autoscaling.maxReplicas",
                    fieldPath: ".minReplicas")
            ]
        )
    }
}

extension ServiceSpecOverrides {
    /// The schema of `spec.service`.
    static var schema: SchemaNode {
        .object(
            description: "The Service (named after the DifyDeployment) in front of the serving pods: the endpoint Dify calls. Example: `{type: ClusterIP, port: 80}`.",
            properties: [
                "type": .string(
                    description: "The Service type: one of \(DifyEnums.serviceTypes.joined(separator: ", ")). Default: \(DifyDefaults.serviceType).",
                    enum: DifyEnums.serviceTypes, default: DifyDefaults.serviceType),
                "port": .int32(
                    description: "The Service port, 1 to 65535; it forwards to the engine's port. Default: \(DifyDefaults.servicePort). Example: `8000`.",
                    minimum: 1, maximum: 65535, default: DifyDefaults.servicePort),
            ]
        )
    }
}
