import Foundation
import KubeClient
import KubeCore
import KubeEmulator
import Synchronization

/// A started emulator and clients configured from the kubeconfig it writes, i.e. talking to it
/// over verified HTTPS with its bearer token, exactly as any outside client would. Shared by the
/// emulator's and the runtime's integration tests.
public struct EmulatorHarness: Sendable {
    public let emulator: Emulator
    public let clientConfiguration: ClientConfiguration
    public let client: KubernetesClient
    private let extraClients: ClientList

    final class ClientList: Sendable {
        let clients = Mutex<[KubernetesClient]>([])
    }

    /// Starts an emulator. The simulated data plane is off unless `configure` turns it on, so
    /// that no controller writes to the objects under test.
    public static func start(configure: (inout Emulator.Configuration) -> Void = { _ in }, observer: (any RequestObserver)? = nil) async throws -> EmulatorHarness {
        var config = Emulator.Configuration()
        config.dataPlane = nil
        configure(&config)
        let emulator = try Emulator(configuration: config)
        try await emulator.start()
        var clientConfig = try KubeConfigLoader.resolve(KubeConfigLoader.parse(emulator.kubeconfig()))
        clientConfig.rateLimit = nil
        let client = try KubernetesClient(configuration: clientConfig, observer: observer)
        return EmulatorHarness(emulator: emulator, clientConfiguration: clientConfig, client: client, extraClients: ClientList())
    }

    /// Another client to the same emulator (e.g. one per replica); shut down by ``stop()``.
    public func makeClient(observer: (any RequestObserver)? = nil) throws -> KubernetesClient {
        let c = try KubernetesClient(configuration: clientConfiguration, observer: observer)
        extraClients.clients.withLock { $0.append(c) }
        return c
    }

    /// A client to the same emulator authenticating with `token` (e.g. a service account's, see
    /// ``serviceAccountToken(namespace:name:expirationSeconds:)``); shut down by ``stop()``.
    public func client(token: String, observer: (any RequestObserver)? = nil) throws -> KubernetesClient {
        var config = clientConfiguration
        config.credentials = .token(token)
        let c = try KubernetesClient(configuration: config, observer: observer)
        extraClients.clients.withLock { $0.append(c) }
        return c
    }

    /// A token for an existing service account from the TokenRequest API
    /// (`POST /api/v1/namespaces/<ns>/serviceaccounts/<name>/token`, what `kubectl create token`
    /// sends), requested with the admin token.
    public func serviceAccountToken(namespace: String, name: String, expirationSeconds: Int64 = 3600) async throws -> String {
        let body: JSONValue = ["apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": ["expirationSeconds": .int(expirationSeconds)]]
        let response = try await raw(.POST, "/api/v1/namespaces/\(namespace)/serviceaccounts/\(name)/token", body: body.serialized())
        let answer = try JSONValue.parse(response.body)
        guard response.status == 201, let token = answer["status"]["token"].stringValue else {
            throw KubeError.api(try answer.decode(as: Status.self))
        }
        return token
    }

    /// A client authenticating as a service account, which must exist: with an emulator started
    /// in RBAC mode (`configure: { $0.authorizationMode = .rbac }`) it may do only what the
    /// stored Roles and bindings grant `system:serviceaccount:<namespace>:<name>`.
    public func serviceAccountClient(namespace: String, name: String, observer: (any RequestObserver)? = nil) async throws -> KubernetesClient {
        try client(token: try await serviceAccountToken(namespace: namespace, name: name), observer: observer)
    }

    public func stop() async {
        for c in extraClients.clients.withLock({ $0 }) { try? await c.shutdown() }
        try? await client.shutdown()
        await emulator.shutdown()
    }

    /// Runs `body` against a fresh emulator, stopping it afterwards.
    public static func with<T>(configure: (inout Emulator.Configuration) -> Void = { _ in }, observer: (any RequestObserver)? = nil, _ body: (EmulatorHarness) async throws -> T) async throws -> T {
        let h = try await start(configure: configure, observer: observer)
        do {
            let r = try await body(h)
            await h.stop()
            return r
        } catch {
            await h.stop()
            throw error
        }
    }

    /// Ends every open watch (clients must resume from their last resourceVersion).
    public func closeAllWatches() { emulator.api.store.closeAllWatches() }

    /// Drops the watch history: resuming from an earlier resourceVersion answers 410.
    public func compact() { emulator.api.store.compact() }

    /// Polls `condition` until it holds or `timeout` passes; returns whether it held.
    public func eventually(timeout: Double = 10, _ condition: () async throws -> Bool) async rethrows -> Bool {
        try await pollUntil(timeout: timeout, condition)
    }

    /// A raw HTTPS request with the admin token, or another `token`, and extra `headers` (for
    /// admin endpoints, malformed bodies, impersonation, and checking exact answers).
    public func raw(_ method: KubeCore.HTTPMethod, _ path: String, body: [UInt8]? = nil, contentType: String = "application/json", token: String? = nil, headers extra: [(name: String, value: String)] = []) async throws -> TransportResponse {
        var headers: [(name: String, value: String)] = [("Authorization", "Bearer \(token ?? emulator.adminToken)"), ("Accept", "application/json")] + extra
        if body != nil { headers.append(("Content-Type", contentType)) }
        let transport = try AsyncHTTPTransport(configuration: clientConfiguration)
        let response = try await transport.send(TransportRequest(method: method, url: emulator.serverURL + path, headers: headers, body: body, timeoutSeconds: 30))
        try? await transport.shutdown()
        return response
    }
}

/// Polls `condition` every 20 ms until it holds or `timeout` seconds pass; returns whether it
/// held. Tests await conditions this way rather than sleeping for a fixed time.
public func pollUntil(timeout: Double = 10, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

extension ConfigMap {
    /// A ConfigMap for tests.
    public static func named(_ name: String, _ ns: String = "default", data: [String: String] = ["k": "v"], labels: [String: String]? = nil) -> ConfigMap {
        ConfigMap(metadata: ObjectMeta(name: name, namespace: ns, labels: labels), data: data)
    }
}
