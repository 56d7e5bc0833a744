import Foundation
import KubeClient
import KubeCore
import KubeRuntime
@testable import KubeEmulator

/// An emulator without the data plane and a client talking to it over verified HTTPS (the
/// pattern of KubeEmulatorTests' `EmulatorHarness`), for the watcher and informer tests.
struct WatchTestEmulator {
    let emulator: Emulator
    let client: KubernetesClient

    static func with<T>(_ body: (WatchTestEmulator) async throws -> T) async throws -> T {
        var config = Emulator.Configuration()
        config.dataPlane = nil
        let emulator = try Emulator(configuration: config)
        try await emulator.start()
        let kubeconfig = try KubeConfigLoader.parse(emulator.kubeconfig())
        var clientConfig = try KubeConfigLoader.resolve(kubeconfig)
        clientConfig.rateLimit = nil
        let client = try KubernetesClient(configuration: clientConfig)
        let h = WatchTestEmulator(emulator: emulator, client: client)
        do {
            let r = try await body(h)
            await h.stop()
            return r
        } catch {
            await h.stop()
            throw error
        }
    }

    func stop() async {
        try? await client.shutdown()
        await emulator.shutdown()
    }

    var configMaps: ResourceClient<ConfigMap> { ResourceClient(client: client, descriptor: ConfigMap.descriptor) }

    /// Ends every open watch (clients must resume from their last resourceVersion).
    func closeAllWatches() { emulator.api.store.closeAllWatches() }
    /// The number of watches open on the server.
    var openWatches: Int { emulator.api.store.watcherCount }
    /// Drops the watch history (resuming from an older resourceVersion now answers 410).
    func compact() { emulator.api.store.compact() }

    /// name → resourceVersion of the server's ConfigMaps in a namespace.
    func serverState(namespace: String) async throws -> [String: String] {
        let list = try await configMaps.list(namespace: namespace)
        return Dictionary(uniqueKeysWithValues: list.items.map { ($0.metadata.name ?? "", $0.metadata.resourceVersion ?? "") })
    }
}

func watchTestConfigMap(_ name: String, _ ns: String, data: [String: String] = ["k": "v"], labels: [String: String]? = nil) -> ConfigMap {
    ConfigMap(metadata: ObjectMeta(name: name, namespace: ns, labels: labels), data: data)
}

/// name → resourceVersion of cached ConfigMaps.
func watchTestCacheState(_ cache: Cache<ConfigMap>, namespace: String) -> [String: String] {
    Dictionary(uniqueKeysWithValues: cache.list(namespace: namespace).map { ($0.metadata.name ?? "", $0.metadata.resourceVersion ?? "") })
}
