import EmulatorTestSupport
import Foundation
import KubeClient
import KubeCore
import KubeEmulator
import Synchronization
import Testing

/// Shutdown does not wait for clients that keep idle connections open (Go's and
/// AsyncHTTPClient's pools do): the emulator closes them, as Go's `http.Server.Shutdown` does.
@Suite struct ShutdownTests {
    @Test func shutdownClosesIdleKeepAliveConnections() async throws {
        var config = Emulator.Configuration()
        config.dataPlane = nil
        let emulator = try Emulator(configuration: config)
        try await emulator.start()
        let clientConfig = try KubeConfigLoader.resolve(KubeConfigLoader.parse(emulator.kubeconfig()))
        let client = try KubernetesClient(configuration: clientConfig)
        _ = try await client.resource(Namespace.self).list()   // leaves a pooled keep-alive connection
        // Not awaited directly: a shutdown that hangs must fail the test, not hang it.
        let done = Mutex(false)
        Task { await emulator.shutdown(); done.withLock { $0 = true } }
        let finished = await pollUntil(timeout: 10) { done.withLock { $0 } }
        #expect(finished, "shutdown waited for an idle client connection")
        try await client.shutdown()
    }
}
