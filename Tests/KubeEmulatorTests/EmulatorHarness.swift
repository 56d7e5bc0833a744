import Foundation
import KubeClient
import KubeCore
@testable import KubeEmulator

/// A started emulator and a client configured from the kubeconfig it writes, i.e. talking to it
/// over verified HTTPS with its bearer token, exactly as any outside client would.
struct EmulatorHarness {
    let emulator: Emulator
    let client: KubernetesClient

    static func start(configure: (inout Emulator.Configuration) -> Void = { _ in }) async throws -> EmulatorHarness {
        var config = Emulator.Configuration()
        // API semantics are tested without the simulated data plane, so that no controller
        // writes to the objects under test; data-plane tests turn it back on.
        config.dataPlane = nil
        configure(&config)
        let emulator = try Emulator(configuration: config)
        try await emulator.start()
        let kubeconfig = try KubeConfigLoader.parse(emulator.kubeconfig())
        var clientConfig = try KubeConfigLoader.resolve(kubeconfig)
        clientConfig.rateLimit = nil
        let client = try KubernetesClient(configuration: clientConfig)
        return EmulatorHarness(emulator: emulator, client: client)
    }

    func stop() async {
        try? await client.shutdown()
        await emulator.shutdown()
    }

    /// Runs `body` against a fresh emulator, stopping it afterwards.
    static func with<T>(configure: (inout Emulator.Configuration) -> Void = { _ in }, _ body: (EmulatorHarness) async throws -> T) async throws -> T {
        let h = try await start(configure: configure)
        do {
            let r = try await body(h)
            await h.stop()
            return r
        } catch {
            await h.stop()
            throw error
        }
    }

    /// Polls `condition` until it holds or `timeout` passes; returns whether it held.
    func eventually(timeout: Double = 10, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }

    /// A raw HTTPS request with the admin token (for admin endpoints and malformed bodies).
    func raw(_ method: KubeCore.HTTPMethod, _ path: String, body: [UInt8]? = nil, contentType: String = "application/json") async throws -> TransportResponse {
        var headers: [(name: String, value: String)] = [("Authorization", "Bearer \(emulator.adminToken)"), ("Accept", "application/json")]
        if body != nil { headers.append(("Content-Type", contentType)) }
        let transport = try AsyncHTTPTransport(configuration: client.configuration)
        defer { Task { try? await transport.shutdown() } }
        return try await transport.send(TransportRequest(method: method, url: emulator.serverURL + path, headers: headers, body: body, timeoutSeconds: 30))
    }
}

extension ConfigMap {
    static func named(_ name: String, _ ns: String = "default", data: [String: String] = ["k": "v"], labels: [String: String]? = nil) -> ConfigMap {
        ConfigMap(metadata: ObjectMeta(name: name, namespace: ns, labels: labels), data: data)
    }
}
