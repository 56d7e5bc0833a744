import Foundation
import KubeClient
import KubeCore
@testable import KubeEmulator
import Synchronization

/// An emulator (no data plane) and a way to make clients for it over verified HTTPS, for the
/// leader election, events, helpers and health server tests.
struct LeaderTestEmulator {
    let emulator: Emulator
    let clientConfiguration: ClientConfiguration
    let client: KubernetesClient
    /// Clients made with ``makeClient(observer:)``, shut down by ``stop()``.
    let extraClients = LeaderTestBox<[KubernetesClient]>([])

    static func start(observer: (any RequestObserver)? = nil) async throws -> LeaderTestEmulator {
        var config = Emulator.Configuration()
        config.dataPlane = nil
        let emulator = try Emulator(configuration: config)
        try await emulator.start()
        let kubeconfig = try KubeConfigLoader.parse(emulator.kubeconfig())
        var clientConfig = try KubeConfigLoader.resolve(kubeconfig)
        clientConfig.rateLimit = nil
        let client = try KubernetesClient(configuration: clientConfig, observer: observer)
        return LeaderTestEmulator(emulator: emulator, clientConfiguration: clientConfig, client: client)
    }

    /// Another client to the same emulator (e.g. one per elector, like separate replicas).
    func makeClient(observer: (any RequestObserver)? = nil) throws -> KubernetesClient {
        let c = try KubernetesClient(configuration: clientConfiguration, observer: observer)
        extraClients.update { $0.append(c) }
        return c
    }

    func stop() async {
        for c in extraClients.value { try? await c.shutdown() }
        try? await client.shutdown()
        await emulator.shutdown()
    }

    static func with<T>(observer: (any RequestObserver)? = nil, _ body: (LeaderTestEmulator) async throws -> T) async throws -> T {
        let h = try await start(observer: observer)
        do {
            let r = try await body(h)
            await h.stop()
            return r
        } catch {
            await h.stop()
            throw error
        }
    }
}

/// Polls `condition` every 20 ms until it holds or `timeout` seconds pass; returns whether it held.
func leaderTestEventually(timeout: Double = 10, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// Counts the client's requests by verb (and forwards them to another observer if given).
final class LeaderTestRequestCounter: RequestObserver {
    private let counts = Mutex<[APIVerb: Int]>([:])
    let forward: (any RequestObserver)?
    init(forward: (any RequestObserver)? = nil) { self.forward = forward }
    func observe(_ metric: RequestMetric) {
        counts.withLock { $0[metric.verb, default: 0] += 1 }
        forward?.observe(metric)
    }
    func count(_ verbs: APIVerb...) -> Int { counts.withLock { c in verbs.reduce(0) { $0 + (c[$1] ?? 0) } } }
}

/// A thread-safe value for callbacks to write and tests to read.
final class LeaderTestBox<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func update<R: Sendable>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
    var value: Value { mutex.withLock { $0 } }
}

/// A plain HTTP GET (for the health server): status and body text.
func leaderTestHTTPGet(_ url: String) async throws -> (status: Int, body: String) {
    let transport = try AsyncHTTPTransport(configuration: ClientConfiguration(server: url))
    do {
        let r = try await transport.send(TransportRequest(method: .GET, url: url, headers: [], body: nil, timeoutSeconds: 10))
        try? await transport.shutdown()
        return (r.status, String(decoding: r.body, as: UTF8.self))
    } catch {
        try? await transport.shutdown()
        throw error
    }
}
