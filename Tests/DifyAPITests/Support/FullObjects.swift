import DifyAPI
import Foundation
import KubeCore

/// A DifyModel and a DifyDeployment with every optional field set (spec and status), values
/// different from the defaults: if the schema lacked a field of the Swift types, pruning would
/// drop it and the round trip would show it.
enum FullObjects {
    static let time = Time(Date(timeIntervalSince1970: 1_714_564_800))  // 2024-05-01T12:00:00Z

    static func condition(_ type: String) -> Condition {
        Condition(type: type, status: .true, reason: "AllGood", message: "fine", observedGeneration: 3, lastTransitionTime: time)
    }

    static let model = DifyModel(
        metadata: ObjectMeta(name: "llama3-70b", namespace: "ai"),
        spec: DifyModelSpec(
            servedModelName: "llama3-70b-instruct",
            source: ModelSource(uri: "s3://models/llama3-70b", revision: "v2", credentialsSecretRef: LocalName(name: "s3-creds")),
            size: ModelSize(parameters: "70B", dtype: "fp8"),
            engine: ModelEngine(
                type: "vLLM", image: "vllm/vllm-openai:v0.8.5", args: ["--max-model-len=8192"],
                env: [
                    EnvVar(name: "VLLM_LOGGING_LEVEL", value: "DEBUG"),
                    EnvVar(name: "TOKEN", valueFrom: EnvVarSource(secretKeyRef: SecretKeySelector(name: "s3-creds", key: "token", optional: true))),
                ],
                port: 8080, tensorParallelSize: 2, gpuMemoryUtilization: 0.95),
            resources: ModelResources(gpu: GPURequest(count: 2, product: "NVIDIA-H100-80GB-HBM3"), cpu: "8", memory: "128Gi"),
            cache: ModelCache(
                size: "200Gi", storageClassName: "fast-rwx", accessMode: "ReadWriteOnce", existingClaimName: "shared-models",
                preload: false, retainOnDelete: false),
            startup: ModelStartup(timeoutSeconds: 3600)
        ),
        status: DifyModelStatus(
            observedGeneration: 3, phase: "Ready", revision: "5d8c7f9b",
            resolved: ResolvedResources(
                gpuResourceName: "nvidia.com/gpu", gpuResourceCount: 2,
                nodeSelector: ["nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3"], estimatedMemory: "75.2Gi", migProfile: "7g.80gb"),
            cache: CacheStatus(claimName: "shared-models", loaded: true, jobName: "llama3-70b-preload-5d8c7f9b"),
            conditions: [condition("Validated"), condition("CacheReady"), condition("Ready")]
        )
    )

    /// A second model covering the MIG branch of `resources.gpu` (the objects it leaves out get
    /// no defaults, so it too round-trips unchanged).
    static let migModel = DifyModel(
        metadata: ObjectMeta(name: "qwen", namespace: "ai"),
        spec: DifyModelSpec(
            source: ModelSource(uri: "hf://Qwen/Qwen2-7B-Instruct"),
            size: ModelSize(parameters: "7B", dtype: "int4"),
            resources: ModelResources(gpu: GPURequest(mig: MIGRequest(profile: "auto", strategy: "single"), product: "NVIDIA-H100-80GB-HBM3"))
        )
    )

    static let deployment = DifyDeployment(
        metadata: ObjectMeta(name: "chat", namespace: "ai"),
        spec: DifyDeploymentSpec(
            modelRef: LocalName(name: "llama3-70b"),
            replicas: 3,
            autoscaling: AutoscalingSpec(
                minReplicas: 2, maxReplicas: 6, targetCPUUtilizationPercentage: 70,
                metrics: [[
                    "type": "Pods",
                    "pods": ["metric": ["name": "vllm_num_requests_waiting"], "target": ["type": "AverageValue", "averageValue": "5"]],
                ]],
                behavior: ["scaleDown": ["stabilizationWindowSeconds": 600]]),
            service: ServiceSpecOverrides(type: "LoadBalancer", port: 8000),
            template: PodOverrides(
                nodeSelector: ["topology.kubernetes.io/zone": "zone-a"],
                tolerations: [Toleration(key: "dedicated", operator: "Equal", value: "llm", effect: "NoExecute", tolerationSeconds: 300)],
                affinity: Affinity(
                    nodeAffinity: NodeAffinity(requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(nodeSelectorTerms: [
                        NodeSelectorTerm(matchExpressions: [NodeSelectorRequirement(key: "zone", operator: "In", values: ["a"])])
                    ])),
                    podAntiAffinity: ["preferredDuringSchedulingIgnoredDuringExecution": []]),
                priorityClassName: "high-priority",
                labels: ["team": "search"],
                annotations: ["prometheus.io/scrape": "true"]),
            strategy: RolloutStrategy(
                type: "RollingUpdate", rollingUpdate: RollingUpdateSpec(maxSurge: 1, maxUnavailable: 0), progressDeadlineSeconds: 1800)
        ),
        status: DifyDeploymentStatus(
            observedGeneration: 7, phase: "Healthy", replicas: 3, readyReplicas: 3, updatedReplicas: 3,
            selector: "dify.ai/deployment=chat", currentRevision: "5d8c7f9b", stableRevision: "5d8c7f9b",
            endpoint: Endpoint(url: "http://chat.ai.svc:8000/v1", modelName: "llama3-70b-instruct"),
            revisions: [RevisionStatus(revision: "5d8c7f9b", deploymentName: "chat-5d8c7f9b", replicas: 3, readyReplicas: 3)],
            lastProgressTime: time,
            conditions: [condition("Available"), condition("Progressing"), condition("ModelReady")]
        )
    )
}
