import KubeCore

/// The operator's CustomResourceDefinitions, generated from the Swift types' schemas: what
/// `crds/*.yaml` hold (regenerate them with `hack/update-crds.sh`, which runs
/// `dify-operator crds --output-dir crds`).
public enum DifyCRDs {
    /// `difymodels.dify.ai`.
    public static var difyModel: JSONValue {
        CustomResourceDefinitionBuilder(
            DifyModel.self, shortNames: ["dm"],
            schema: DifyModel.openAPIV3Schema,
            columns: [
                PrinterColumn("Phase", jsonPath: ".status.phase", description: "The summary phase: " + DifyEnums.modelPhases.joined(separator: ", ") + "."),
                PrinterColumn(
                    "GPU", jsonPath: ".status.resolved.gpuResourceName",
                    description: "The GPU resource each serving pod requests, e.g. nvidia.com/mig-3g.40gb; empty for CPU-only models."),
                PrinterColumn(
                    "Memory", jsonPath: ".status.resolved.estimatedMemory",
                    description: "The memory one model instance needs (weights plus overhead)."),
                PrinterColumn(
                    "Engine", jsonPath: ".spec.engine.type", description: "The serving engine.", priority: 1),
                PrinterColumn(
                    "Revision", jsonPath: ".status.revision",
                    description: "The hash of everything a serving pod depends on.", priority: 1),
                .age,
            ]
        ).json
    }

    /// `difydeployments.dify.ai`, with the `/scale` subresource an HPA or KEDA drives.
    public static var difyDeployment: JSONValue {
        CustomResourceDefinitionBuilder(
            DifyDeployment.self, shortNames: ["dd"],
            schema: DifyDeployment.openAPIV3Schema,
            columns: [
                PrinterColumn("Model", jsonPath: ".spec.modelRef.name", description: "The DifyModel served."),
                PrinterColumn("Phase", jsonPath: ".status.phase", description: "The summary phase: " + DifyEnums.deploymentPhases.joined(separator: ", ") + "."),
                PrinterColumn("Desired", type: "integer", jsonPath: ".spec.replicas", description: "Serving pods wanted."),
                PrinterColumn("Ready", type: "integer", jsonPath: ".status.readyReplicas", description: "Serving pods that are Ready."),
                PrinterColumn("Revision", jsonPath: ".status.currentRevision", description: "The model revision being rolled out."),
                PrinterColumn(
                    "Endpoint", jsonPath: ".status.endpoint.url",
                    description: "The base URL for Dify's OpenAI-API-compatible provider."),
                .age,
            ],
            scale: CustomResourceSubresourceScale(
                specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas",
                labelSelectorPath: ".status.selector")
        ).json
    }

    /// Both CRDs: DifyModel's, then DifyDeployment's.
    public static var all: [JSONValue] { [difyModel, difyDeployment] }

    /// One CRD as a YAML document (starting with `---`), keys sorted, block style.
    public static func yaml(for crd: JSONValue) -> String {
        YAMLEmitter.document(crd)
    }

    /// Every CRD, as one multi-document YAML stream.
    public static func yaml() -> String {
        all.map(yaml(for:)).joined()
    }

    /// The files of `crds/`: `<group>_<plural>.yaml` (e.g. `dify.ai_difymodels.yaml`), one CRD each.
    public static func files() -> [(name: String, contents: String)] {
        all.map { crd in
            let plural = crd["spec"]["names"]["plural"].stringValue ?? ""
            return (name: "\(DifyAPIGroup.name)_\(plural).yaml", contents: yaml(for: crd))
        }
    }
}
