import DifyAPI
import DifyPlanners
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging

/// Reconciles a DifyModel: reads it and its PVC and preload Jobs from the cache, asks
/// ``ModelPlanner`` what they should be, applies the differences and writes status only when
/// it changed. Deletion needs no finalizer: the preload Jobs (and the cache PVC when
/// `retainOnDelete: false`) carry owner references and go with the model; a retained PVC has
/// none on purpose.
public struct ModelReconciler: Reconciler {
    let models: ScopedInformer<DifyModel>
    let claims: ScopedInformer<PersistentVolumeClaim>
    let jobs: ScopedInformer<Job>
    let client: KubernetesClient
    let writer: ChildWriter
    let events: EventEmitter
    let now: @Sendable () -> Date
    let logger: Logger

    public func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        let ns = request.namespace ?? ""
        guard let model = models.get(namespace: ns, name: request.name), model.metadata.deletionTimestamp == nil, let uid = model.metadata.uid else {
            return .done
        }
        let claim = ModelResolver.claimName(model).flatMap { claims.get(namespace: ns, name: $0) }
        let owned = jobs.list(namespace: ns, ownedBy: uid)
        let plan = ModelPlanner.plan(ModelSnapshot(model: model, claim: claim, jobs: owned, now: now()))

        do {
            if let desired = plan.claim {
                try await writer.apply(desired, live: claim)
            }
            if let job = plan.createJob {
                try await writer.apply(job, live: nil)
            }
            for name in plan.deleteJobs {
                try await writer.delete(Job.self, name: name, namespace: ns)
            }
        } catch {
            events.emit([PlannedEvent(.warning, "ApplyFailed", "Could not update the model's objects: \(error)")], regarding: model)
            throw error
        }
        let result = try await StatusWriter().update(model, desiredStatus: plan.status, using: client.resource(DifyModel.self))
        events.emit(plan.events, regarding: model)
        if result.written {
            (ReconcileContext.current?.logger ?? logger).debug("Status updated", metadata: ["phase": "\(plan.status.phase ?? "")", "revision": "\(plan.status.revision ?? "")"])
        }
        return .done
    }
}
