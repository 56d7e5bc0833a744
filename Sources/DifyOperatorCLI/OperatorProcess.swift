import DifyAPI
import DifyControllers
import KubeCore
import Foundation
import KubeClient
import KubeRuntime
import Logging
import Prometheus
import ServiceLifecycle

/// Runs the operator (manager + controllers) until SIGTERM or SIGINT, then shuts down
/// gracefully: controllers stop taking work, in-flight reconciles finish, the lease is
/// released, queued events are written.
struct OperatorProcess {
    var clientConfiguration: ClientConfiguration
    var managerOptions: ManagerOptions
    var operatorOptions: DifyOperator.Options
    var logger: Logger

    func run(onStarted: @Sendable (Manager) -> Void = { _ in }) async throws {
        let registry = MetricsSetup.bootstrapOnce()
        let client = try Manager.makeClient(configuration: clientConfiguration, registry: registry, logger: logger)
        try await Self.requireCRDs(client, namespace: operatorOptions.namespaces?.first)
        let manager = Manager(client: client, options: managerOptions, registry: registry, logger: logger)
        let difyOperator = DifyOperator(manager: manager, options: operatorOptions, metricsFactory: MetricsSetup.factory(for: registry))
        onStarted(manager)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: manager)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
        await difyOperator.shutdown()
        try await client.shutdown()
    }

    /// Fails at once, with what to do, when the API server does not serve the operator's kinds
    /// (the informers would otherwise retry a 404 forever).
    static func requireCRDs(_ client: KubernetesClient, namespace: String?) async throws {
        do {
            _ = try await client.resource(DifyModel.self).list(namespace: namespace, options: ListOptions(limit: 1))
            _ = try await client.resource(DifyDeployment.self).list(namespace: namespace, options: ListOptions(limit: 1))
        } catch let error as KubeError where error.isNotFound {
            try? await client.shutdown()
            throw ValidationErrorMessage("the API server does not serve dify.ai/v1alpha1 DifyModel and DifyDeployment: install the CRDs (kubectl apply --server-side -f crds/, or helm install the chart) and start again")
        }
    }
}
