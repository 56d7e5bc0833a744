import DifyAPI
import DifyPlanners
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging

/// Reconciles a DifyDeployment: reads it, its model and the Deployments, Service and HPA it
/// owns from the cache, asks ``DeploymentPlanner`` what they should be, applies the
/// differences (current revision by server-side apply, older revisions through `/scale`) and
/// writes status only when it changed. Deletion is owner garbage collection: everything it
/// creates carries an owner reference to it.
public struct DeploymentReconciler: Reconciler {
    let deployments: ScopedInformer<DifyDeployment>
    let models: ScopedInformer<DifyModel>
    let workloads: ScopedInformer<Deployment>
    let services: ScopedInformer<Service>
    let autoscalers: ScopedInformer<HorizontalPodAutoscaler>
    let client: KubernetesClient
    let writer: ChildWriter
    let events: EventEmitter
    let now: @Sendable () -> Date
    let podDiagnosisAfterSeconds: Double
    let logger: Logger

    public func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        let ns = request.namespace ?? ""
        guard let dd = deployments.get(namespace: ns, name: request.name), dd.metadata.deletionTimestamp == nil, let uid = dd.metadata.uid else {
            return .done
        }
        let name = request.name
        func owned<T: KubeResource>(_ object: T?) -> T? {
            object?.metadata.controllerReference?.uid == uid ? object : nil
        }
        var snapshot = DeploymentSnapshot(
            deployment: dd,
            model: models.get(namespace: ns, name: dd.spec.modelRef.name),
            deployments: workloads.list(namespace: ns, ownedBy: uid),
            service: owned(services.get(namespace: ns, name: name)),
            autoscaler: owned(autoscalers.get(namespace: ns, name: name)),
            now: now())
        snapshot.podDiagnosisAfterSeconds = podDiagnosisAfterSeconds
        if DeploymentPlanner.needsPodDiagnosis(snapshot) {
            // A read only while replicas have been missing for a while: to say why in status.
            snapshot.pods = try? await client.resource(Pod.self).list(namespace: ns, options: ListOptions(labelSelector: "\(DifyNames.deploymentLabel)=\(name)")).items
        }
        let plan = DeploymentPlanner.plan(snapshot)

        do {
            if let service = plan.service {
                try await writer.apply(service, live: snapshot.service)
            }
            if let hpa = plan.autoscaler {
                try await writer.apply(hpa, live: snapshot.autoscaler)
            } else if plan.deleteAutoscaler {
                try await writer.delete(HorizontalPodAutoscaler.self, name: name, namespace: ns)
            }
            // Scale the older revisions down before the new one asks for their GPUs.
            for change in plan.scale where change.to < change.from {
                try await writer.scale(Deployment.self, name: change.name, namespace: ns, replicas: change.to)
            }
            for old in plan.delete {
                try await writer.delete(Deployment.self, name: old, namespace: ns)
            }
            if let deployment = plan.apply {
                try await writer.apply(deployment, live: snapshot.deployments.first { $0.metadata.name == deployment.metadata.name })
            }
            for change in plan.scale where change.to > change.from {
                try await writer.scale(Deployment.self, name: change.name, namespace: ns, replicas: change.to)
            }
        } catch {
            events.emit([PlannedEvent(.warning, "ApplyFailed", "Could not update the serving objects: \(error)")], regarding: dd)
            throw error
        }
        let result = try await StatusWriter().update(dd, desiredStatus: plan.status, using: client.resource(DifyDeployment.self))
        events.emit(plan.events, regarding: dd)
        if result.written {
            (ReconcileContext.current?.logger ?? logger).debug("Status updated", metadata: ["phase": "\(plan.status.phase ?? "")", "revision": "\(plan.status.currentRevision ?? "")", "ready": "\(plan.status.readyReplicas ?? 0)"])
        }
        if let after = plan.requeueAfter { return .requeueAfter(seconds: after) }
        return .done
    }
}
