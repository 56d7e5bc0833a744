import DifyControllers
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
}
