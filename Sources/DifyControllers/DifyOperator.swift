import DifyAPI
import DifyPlanners
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import Metrics
import Prometheus

/// The operator: the DifyModel and DifyDeployment controllers, their informers and event
/// recorder, registered on a ``Manager`` (which runs informers on every replica and the
/// controllers on the leader).
///
/// Watches: DifyModels; PVCs (any, since `existingClaimName` and `pvc://` name claims the
/// operator did not create); the operator's Jobs, Deployments, Services and HPAs (label
/// `app.kubernetes.io/managed-by=dify-operator`, so the caches hold only what it manages);
/// DifyDeployments. A DifyModel change enqueues every DifyDeployment that names it.
public final class DifyOperator: Sendable {
    /// Settings of the operator's controllers.
    public struct Options: Sendable {
        /// Namespaces to watch; nil or empty: all.
        public var namespaces: [String]?
        /// Reconciles in flight per controller (controller-runtime's `MaxConcurrentReconciles`).
        public var concurrency: Int
        /// The identity on events (`reportingInstance`), e.g. the pod name.
        public var instance: String
        /// The clock of the planners (tests inject one).
        public var now: @Sendable () -> Date
        /// Re-reconcile every object this often (controller-runtime's SyncPeriod); nil: never.
        public var resyncPeriod: Double?
        /// See ``DeploymentPlanner/podDiagnosisAfterSeconds`` (tests shorten it).
        public var podDiagnosisAfterSeconds = DeploymentPlanner.podDiagnosisAfterSeconds
        public var logger: Logger

        /// The default of `--concurrency`.
        public static let defaultConcurrency = 4
        /// The default of `--kube-api-qps`. Above controller-runtime's 20 (a client-side limit
        /// from before API Priority and Fairness): the operator writes only when something
        /// changed, so its rate is bounded by real changes, and 200/s lets 1,000
        /// DifyDeployments created at once converge in about a minute (`hack/bench-operator`).
        public static let defaultAPIQPS = 200.0
        /// The default of `--kube-api-burst`.
        public static let defaultAPIBurst = 400
        /// `reportingController` of the operator's events.
        public static let reportingController = "dify.ai/dify-operator"

        public init(namespaces: [String]? = nil, concurrency: Int = Options.defaultConcurrency, instance: String = ProcessInfo.processInfo.hostName, now: @escaping @Sendable () -> Date = { Date() }, resyncPeriod: Double? = ControllerOptions.defaultResyncPeriod, podDiagnosisAfterSeconds: Double = DeploymentPlanner.podDiagnosisAfterSeconds, logger: Logger = Logger(label: "dify-operator")) {
            self.podDiagnosisAfterSeconds = podDiagnosisAfterSeconds
            self.namespaces = namespaces
            self.concurrency = concurrency
            self.instance = instance
            self.now = now
            self.resyncPeriod = resyncPeriod
            self.logger = logger
        }
    }

    public let modelController: Controller
    public let deploymentController: Controller
    public let recorder: EventRecorder

    /// The label selector of the children the operator watches.
    public static let managedSelector = "\(DifyNames.managedByLabel)=\(DifyNames.managedByValue)"

    public init(manager: Manager, options: Options = Options(), metricsFactory: (any MetricsFactory)? = nil) {
        let client = manager.client
        let shared = manager.informers
        let ns = options.namespaces
        let models = ScopedInformer<DifyModel>(shared, namespaces: ns)
        let deployments = ScopedInformer<DifyDeployment>(shared, namespaces: ns)
        let claims = ScopedInformer<PersistentVolumeClaim>(shared, namespaces: ns)
        let jobs = ScopedInformer<Job>(shared, namespaces: ns, labelSelector: Self.managedSelector)
        let workloads = ScopedInformer<Deployment>(shared, namespaces: ns, labelSelector: Self.managedSelector)
        let services = ScopedInformer<Service>(shared, namespaces: ns, labelSelector: Self.managedSelector)
        let autoscalers = ScopedInformer<HorizontalPodAutoscaler>(shared, namespaces: ns, labelSelector: Self.managedSelector)

        recorder = EventRecorder(client: client, reportingController: Options.reportingController, reportingInstance: options.instance, metricsFactory: metricsFactory, logger: options.logger)
        let emitter = EventEmitter(recorder: recorder)
        let writer = ChildWriter(client: client)
        func controllerOptions(_ name: String) -> ControllerOptions {
            var logger = options.logger
            logger[metadataKey: "controller"] = .string(name)
            if let metricsFactory {
                return ControllerOptions(maxConcurrentReconciles: options.concurrency, resyncPeriod: options.resyncPeriod, logger: logger, metricsFactory: metricsFactory)
            }
            return ControllerOptions(maxConcurrentReconciles: options.concurrency, resyncPeriod: options.resyncPeriod, logger: logger)
        }

        modelController = Controller(
            name: "difymodel",
            reconciler: ModelReconciler(models: models, claims: claims, jobs: jobs, client: client, writer: writer, events: emitter, now: options.now, logger: options.logger),
            options: controllerOptions("difymodel"))
        models.watch(into: modelController, mapping: .primary)
        jobs.watch(into: modelController, mapping: .owner(DifyModel.self))
        // A PVC enqueues the models that mount it (by name: the claim may not be the operator's).
        claims.watch(into: modelController, mapping: .custom { claim in
            guard let ns = claim.metadata.namespace, let name = claim.metadata.name else { return [] }
            return models.list(namespace: ns).filter { ModelResolver.claimName($0) == name }.compactMap { m in
                m.metadata.name.map { ReconcileRequest(namespace: ns, name: $0) }
            }
        })

        deploymentController = Controller(
            name: "difydeployment",
            reconciler: DeploymentReconciler(deployments: deployments, models: models, workloads: workloads, services: services, autoscalers: autoscalers, client: client, writer: writer, events: emitter, now: options.now, podDiagnosisAfterSeconds: options.podDiagnosisAfterSeconds, logger: options.logger),
            options: controllerOptions("difydeployment"))
        deployments.watch(into: deploymentController, mapping: .primary)
        workloads.watch(into: deploymentController, mapping: .owner(DifyDeployment.self))
        services.watch(into: deploymentController, mapping: .owner(DifyDeployment.self))
        autoscalers.watch(into: deploymentController, mapping: .owner(DifyDeployment.self))
        // A model change (its status turning Ready, a new revision) enqueues its DifyDeployments.
        models.watch(into: deploymentController, mapping: .custom { model in
            guard let ns = model.metadata.namespace, let name = model.metadata.name else { return [] }
            return deployments.list(namespace: ns).filter { $0.spec.modelRef.name == name }.compactMap { d in
                d.metadata.name.map { ReconcileRequest(namespace: ns, name: $0) }
            }
        })

        manager.add(modelController)
        manager.add(deploymentController)
    }

    /// Writes the events still queued; call after the manager stopped.
    public func shutdown() async {
        await recorder.shutdown()
    }
}
