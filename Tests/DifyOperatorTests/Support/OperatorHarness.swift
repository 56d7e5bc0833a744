import DifyAPI
import DifyControllers
import EmulatorTestSupport
import Foundation
import KubeClient
import KubeCore
import KubeEmulator
import KubeRuntime
import Prometheus
import Testing

/// The emulator with its simulated data plane, the operator's CRDs, and the operator running
/// against it through its own client, exactly as `dify-operator dev` runs it.
struct OperatorHarness: Sendable {
    let h: EmulatorHarness
    let manager: Manager
    let difyOperator: DifyOperator
    let operatorClient: KubernetesClient
    let running: Task<Void, any Error>
    let registry: PrometheusCollectorRegistry

    var client: KubernetesClient { h.client }
    var emulator: Emulator { h.emulator }

    /// Data plane timings for the tests: preload Jobs run long enough that `Caching` is seen,
    /// pods turn Ready quickly.
    static var testDataPlane: DataPlane.Configuration {
        DataPlane.Configuration(podReadyDelay: .milliseconds(100), jobDuration: .milliseconds(600), snapshotDelay: .zero)
    }

    /// Pods are read to explain missing replicas after this long (30 s in production).
    static let podDiagnosisAfterSeconds = 0.5

    /// The RBAC the chart renders (leader election on): `hack/chart-check.py` fails when this
    /// file differs from the chart.
    static let chartRBACFile = repositoryRoot.appendingPathComponent("Tests/DifyOperatorTests/Fixtures/chart-rbac.json")

    /// The chart's RBAC objects, optionally with a change (e.g. one rule removed).
    static func chartRBAC(_ change: (inout [JSONValue]) -> Void = { _ in }) throws -> [JSONValue] {
        var items = try JSONValue.parse(Data(contentsOf: chartRBACFile))["items"].arrayValue ?? []
        change(&items)
        return items
    }

    /// Starts the emulator (with RBAC enforced), the CRDs, the chart's RBAC objects, and the
    /// operator authenticated as the chart's ServiceAccount: every request the operator makes
    /// must be allowed by the chart's rules. `rbac: nil` runs without enforcement (admin client).
    static func start(dataPlane: DataPlane.Configuration = testDataPlane, namespaces: [String]? = nil, rbac: [JSONValue]? = nil, enforce: Bool = true) async throws -> OperatorHarness {
        let h = try await EmulatorHarness.start { config in
            config.dataPlane = dataPlane
            if enforce { config.authorizationMode = .rbac }
        }
        try await CRDInstaller.install(using: h.client)
        let registry = PrometheusCollectorRegistry()
        var config = h.clientConfiguration
        config.rateLimit = nil
        if enforce {
            let objects = try rbac ?? chartRBAC()
            let account = try #require(objects.first { $0["kind"] == "ServiceAccount" })
            let namespace = account["metadata"]["namespace"].stringValue ?? "default"
            try await ManifestApplier.apply([["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]]] + objects, using: h.client, fieldManager: "helm")
            config.credentials = .token(try await h.serviceAccountToken(namespace: namespace, name: account["metadata"]["name"].stringValue ?? ""))
        }
        let operatorClient = try Manager.makeClient(configuration: config, registry: registry)
        let manager = Manager(client: operatorClient, options: ManagerOptions(probeAddress: ServingAddress(host: "127.0.0.1", port: 0), metricsAddress: nil), registry: registry)
        let op = DifyOperator(manager: manager, options: DifyOperator.Options(namespaces: namespaces, instance: "test", podDiagnosisAfterSeconds: Self.podDiagnosisAfterSeconds), metricsFactory: PrometheusMetricsFactory(registry: registry))
        let running = Task { try await manager.run() }
        return OperatorHarness(h: h, manager: manager, difyOperator: op, operatorClient: operatorClient, running: running, registry: registry)
    }

    func stop() async {
        manager.shutdown()
        _ = await running.result
        await difyOperator.shutdown()
        try? await operatorClient.shutdown()
        await h.stop()
    }

    static func with<T>(dataPlane: DataPlane.Configuration = testDataPlane, namespaces: [String]? = nil, rbac: [JSONValue]? = nil, _ body: (OperatorHarness) async throws -> T) async throws -> T {
        let o = try await start(dataPlane: dataPlane, namespaces: namespaces, rbac: rbac)
        do {
            let r = try await body(o)
            await o.stop()
            return r
        } catch {
            await o.stop()
            throw error
        }
    }

    /// The repository's root (to read `crds/samples`).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Applies YAML manifests (as `kubectl apply --server-side` would, manager `e2e`).
    func apply(yaml: String) async throws {
        try await ManifestApplier.apply(ManifestLoader.parse(yaml, source: "test"), using: client, fieldManager: "e2e")
    }

    /// Applies the samples of `crds/samples`.
    func applySamples() async throws {
        let objects = try ManifestLoader.load(directory: Self.repositoryRoot.appendingPathComponent("crds/samples").path)
        try await ManifestApplier.apply(objects, using: client, fieldManager: "e2e")
    }

    func model(_ name: String, _ ns: String = "ai") async throws -> DifyModel {
        try await client.resource(DifyModel.self).get(name, namespace: ns)
    }

    func deployment(_ name: String, _ ns: String = "ai") async throws -> DifyDeployment {
        try await client.resource(DifyDeployment.self).get(name, namespace: ns)
    }

    /// The serving Deployments of a DifyDeployment (every revision).
    func workloads(_ name: String, _ ns: String = "ai") async throws -> [Deployment] {
        try await client.resource(Deployment.self).list(namespace: ns, options: ListOptions(labelSelector: "\(DifyNames.deploymentLabel)=\(name)")).items
    }

    /// The serving pods of a DifyDeployment that are not terminating.
    func pods(_ name: String, _ ns: String = "ai") async throws -> [Pod] {
        try await client.resource(Pod.self).list(namespace: ns, options: ListOptions(labelSelector: "\(DifyNames.deploymentLabel)=\(name)")).items.filter { $0.metadata.deletionTimestamp == nil }
    }

    /// Waits until the DifyDeployment is Healthy with `ready` replicas for `revision` (if given).
    func waitHealthy(_ name: String, _ ns: String = "ai", ready: Int32, revision: String? = nil, timeout: Double = 30) async throws -> Bool {
        try await pollUntil(timeout: timeout) {
            let s = try await deployment(name, ns).status
            return s?.phase == "Healthy" && s?.readyReplicas == ready && (revision == nil || s?.stableRevision == revision)
        }
    }

    /// Waits until both controllers' queues are empty and no reconcile runs.
    func waitIdle(timeout: Double = 10) async -> Bool {
        await pollUntil(timeout: timeout) {
            [difyOperator.modelController, difyOperator.deploymentController].allSatisfy { $0.queue.count == 0 && $0.activeWorkers == 0 }
        }
    }

    /// Events about an object, by reason.
    func eventReasons(for name: String, _ ns: String = "ai") async throws -> [String] {
        try await client.resource(Event.self).list(namespace: ns).items.filter { $0.regarding?.name == name }.compactMap(\.reason)
    }
}
