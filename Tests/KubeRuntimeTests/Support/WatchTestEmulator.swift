import EmulatorTestSupport
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
@testable import KubeEmulator

/// The shared emulator harness, under the name the watcher and informer tests use.
typealias WatchTestEmulator = EmulatorHarness

extension EmulatorHarness {
    var configMaps: ResourceClient<ConfigMap> { ResourceClient(client: client, descriptor: ConfigMap.descriptor) }

    /// The number of watches open on the server.
    var openWatches: Int { emulator.api.store.watcherCount }

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
