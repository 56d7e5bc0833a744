import KubeCore

extension DifyDeploymentStatus {
    /// The schema of a DifyDeployment's `status` (written by the operator through `/status`).
    static var schema: SchemaNode {
        .object(
            description: "The observed state of the DifyDeployment, written by the operator.",
            properties: [
                "observedGeneration": .int64(
                    description: "The `metadata.generation` this status describes; older than the generation means the operator has not acted on the latest spec yet.",
                    minimum: 0),
                "phase": .string(
                    description: "A summary: `Progressing` (a revision is rolling out or pods are starting), `Healthy` (all replicas of the current revision ready), `Degraded` (the rollout is stuck or replicas are missing) or `Invalid` (the spec cannot be acted on).",
                    enum: DifyEnums.deploymentPhases),
                "replicas": .int32(
                    description: "Serving pods that exist, over all revisions (the /scale subresource's status.replicas).", minimum: 0),
                "readyReplicas": .int32(description: "Serving pods that are Ready, over all revisions.", minimum: 0),
                "updatedReplicas": .int32(description: "Serving pods of the current revision.", minimum: 0),
                "selector": .string(
                    description: "The label selector of the serving pods in its string form (the /scale subresource's status.selector), e.g. `dify.ai/deployment=chat`."),
                "currentRevision": .string(description: "The model revision being rolled out, e.g. `5d8c7f9b`."),
                "stableRevision": .string(description: "The last model revision that was fully rolled out, e.g. `5d8c7f9b`."),
                "endpoint": Endpoint.schema,
                "revisions": .array(
                    description: "The live revisions (more than one during a rollout) and their replica counts.",
                    items: RevisionStatus.schema,
                    listType: .map(keys: ["revision"])),
                "lastProgressTime": .time(
                    description: "When the current revision change last made progress (RFC 3339), e.g. `2024-05-01T12:00:00Z`; measured against `strategy.progressDeadlineSeconds`."),
                "conditions": .conditions(
                    description: "The latest observations, one per type: `Available` (enough replicas ready), `Progressing` (a rollout is moving or done), `ModelReady` (the DifyModel is Ready)."),
            ]
        )
    }
}

extension Endpoint {
    /// The schema of `status.endpoint`.
    static var schema: SchemaNode {
        .object(
            description: "What Dify's OpenAI-API-compatible model provider needs: the base URL and the model id.",
            properties: [
                "url": .string(description: "The base URL, `http://<service>.<namespace>.svc:<port>/v1`, e.g. `http://chat.ai.svc:80/v1`."),
                "modelName": .string(description: "The model id to send as `model`, e.g. `llama3-8b`."),
            ],
            required: ["url", "modelName"]
        )
    }
}

extension RevisionStatus {
    /// The schema of one `status.revisions` item.
    static var schema: SchemaNode {
        .object(
            description: "One live revision.",
            properties: [
                "revision": .string(description: "The model revision, e.g. `5d8c7f9b`."),
                "deploymentName": .string(description: "Its Deployment, `<deployment>-<revision>`, e.g. `chat-5d8c7f9b`."),
                "replicas": .int32(description: "Its serving pods.", minimum: 0),
                "readyReplicas": .int32(description: "Its serving pods that are Ready.", minimum: 0),
            ],
            required: ["revision", "deploymentName", "replicas", "readyReplicas"]
        )
    }
}
