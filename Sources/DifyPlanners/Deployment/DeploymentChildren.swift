import DifyAPI
import KubeCore

/// The objects a DifyDeployment owns: one Deployment per live revision, the Service, the HPA.
public enum DeploymentChildren {
    /// The Service's port name; it targets the serving container's named port.
    public static let servicePortName = "http"

    /// The Deployment of the current revision, `<name>-<revision>`, with `replicas` pods of the
    /// model's serving pod plus the DifyDeployment's overrides. Its selector includes the
    /// revision, so revisions never adopt each other's pods; its own strategy (used only if the
    /// operator's pod template for the same revision changes) is the DifyDeployment's.
    public static func deployment(_ dd: DifyDeployment, model: DifyModel, resolved: ResolvedModel, revision: String, replicas: Int32) -> Deployment {
        let name = dd.metadata.name ?? ""
        let modelName = model.metadata.name ?? ""
        let labels = ObjectLabels.deployment(name, model: modelName, revision: revision)
        let overrides = dd.spec.template ?? PodOverrides()
        var pod = resolved.podSpec
        // Overrides add to what the model implies; the model's GPU placement wins on a clash,
        // or the pod would land on a GPU it cannot use.
        let nodeSelector = (overrides.nodeSelector ?? [:]).merging(pod.nodeSelector ?? [:]) { _, model in model }
        pod.nodeSelector = nodeSelector.isEmpty ? nil : nodeSelector
        let tolerations = (pod.tolerations ?? []) + (overrides.tolerations ?? []).filter { !(pod.tolerations ?? []).contains($0) }
        pod.tolerations = tolerations.isEmpty ? nil : tolerations
        if let affinity = overrides.affinity { pod.affinity = affinity }
        if let priority = overrides.priorityClassName, !priority.isEmpty { pod.priorityClassName = priority }

        let podLabels = (overrides.labels ?? [:]).merging(labels) { _, ours in ours }
        let annotations = overrides.annotations.flatMap { $0.isEmpty ? nil : $0 }
        let rolling = dd.spec.strategy?.rollingUpdate
        let strategy = DeploymentStrategy(type: "RollingUpdate", rollingUpdate: RollingUpdateDeployment(
            maxUnavailable: .int(rolling?.maxUnavailable ?? DifyDefaults.maxUnavailable),
            maxSurge: .int(rolling?.maxSurge ?? DifyDefaults.maxSurge)))
        var meta = ObjectMeta(name: DifyNames.deployment(name, revision: revision), namespace: dd.metadata.namespace, labels: labels)
        if let ref = dd.controllerReference() { meta.ownerReferences = [ref] }
        let spec = DeploymentSpec(
            replicas: replicas,
            selector: LabelSelector(matchLabels: [DifyNames.deploymentLabel: name, DifyNames.revisionLabel: revision]),
            template: PodTemplateSpec(metadata: ObjectMeta(labels: podLabels, annotations: annotations), spec: pod),
            strategy: strategy)
        return Deployment(metadata: meta, spec: spec)
    }

    /// The Service `<name>`: selects the serving pods of every revision on the engine's port.
    public static func service(_ dd: DifyDeployment, modelName: String) -> Service {
        let name = dd.metadata.name ?? ""
        var meta = ObjectMeta(name: name, namespace: dd.metadata.namespace, labels: ObjectLabels.deployment(name, model: modelName))
        if let ref = dd.controllerReference() { meta.ownerReferences = [ref] }
        let spec = ServiceSpec(
            type: dd.spec.service?.type ?? DifyDefaults.serviceType,
            selector: ObjectLabels.servingSelector(name),
            ports: [ServicePort(name: servicePortName, protocol: "TCP", port: dd.spec.service?.port ?? DifyDefaults.servicePort, targetPort: .string(ServingPodBuilder.portName))])
        return Service(metadata: meta, spec: spec)
    }

    /// The HPA `<name>`, targeting the DifyDeployment's `/scale`: the HPA writes the
    /// DifyDeployment's `spec.replicas` and the operator spreads them over revisions, so nothing
    /// else fights over replicas. Without `metrics`, average CPU utilisation is the target.
    public static func autoscaler(_ dd: DifyDeployment, modelName: String, autoscaling: AutoscalingSpec) -> HorizontalPodAutoscaler {
        let name = dd.metadata.name ?? ""
        var meta = ObjectMeta(name: name, namespace: dd.metadata.namespace, labels: ObjectLabels.deployment(name, model: modelName))
        if let ref = dd.controllerReference() { meta.ownerReferences = [ref] }
        var metrics = autoscaling.metrics ?? []
        if metrics.isEmpty {
            let target = autoscaling.targetCPUUtilizationPercentage ?? DifyDefaults.targetCPUUtilizationPercentage
            metrics = [[
                "type": "Resource",
                "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": .int(Int64(target))]],
            ]]
        }
        let spec = HorizontalPodAutoscalerSpec(
            scaleTargetRef: CrossVersionObjectReference(apiVersion: DifyAPIGroup.apiVersion, kind: DifyDeployment.kind, name: name),
            minReplicas: autoscaling.minReplicas ?? DifyDefaults.minReplicas,
            maxReplicas: autoscaling.maxReplicas,
            metrics: metrics,
            behavior: autoscaling.behavior)
        return HorizontalPodAutoscaler(metadata: meta, spec: spec)
    }
}
