import Foundation
import KubeClient
import KubeCore
import KubeEmulator

/// The emulator benchmark, over HTTPS on loopback with the project's client: creates per
/// second, server-side apply patches per second (changing and no-op), and watch fan-out
/// (events per second delivered to many watchers, and how many were lost).
enum EmulatorBench {
    /// Requests in flight at once.
    static let concurrency = 32

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    /// A Deployment of about 2 KB as a controller would apply it (no status or server fields).
    static func intent(_ i: Int, replicas: Int) -> JSONValue {
        var d = SampleObjects.deployment(index: i)
        d.removeValue(forKey: "status")
        d["metadata"] = ["name": .string("bench-\(i)"), "namespace": "default", "labels": d["metadata"]["labels"]]
        d["spec"]["replicas"] = .int(Int64(replicas))
        return d
    }

    /// Runs `count` operations `concurrency` at a time; returns the elapsed seconds.
    static func timed(_ count: Int, _ op: @escaping @Sendable (Int) async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            for _ in 0..<min(concurrency, count) {
                let i = next; next += 1
                group.addTask { try await op(i) }
            }
            while try await group.next() != nil {
                if next < count {
                    let i = next; next += 1
                    group.addTask { try await op(i) }
                }
            }
        }
        return seconds(ContinuousClock.now - start)
    }

    static func run(objects: Int, watchers: Int) async throws {
        var config = Emulator.Configuration()
        config.dataPlane = nil
        let emulator = try Emulator(configuration: config)
        try await emulator.start()
        var clientConfig = try KubeConfigLoader.resolve(KubeConfigLoader.parse(emulator.kubeconfig()))
        clientConfig.rateLimit = nil
        let client = try KubernetesClient(configuration: clientConfig)
        let deployments = client.dynamic(Deployment.descriptor)
        print("Emulator benchmark: \(objects) Deployments (\(intent(0, replicas: 1).serialized().count) bytes each), \(concurrency) requests in flight, \(watchers) watchers")
        print("")
        print("| operation | count | seconds | per second |")
        print("| --- | ---: | ---: | ---: |")
        func row(_ name: String, _ count: Int, _ s: Double) {
            print(String(format: "| %@ | %d | %.2f | %.0f |", name, count, s, Double(count) / s))
        }

        let create = try await timed(objects) { i in _ = try await deployments.create(intent(i, replicas: 1), namespace: "default") }
        row("create (POST)", objects, create)
        let apply = try await timed(objects) { i in _ = try await deployments.apply(intent(i, replicas: 2), namespace: "default", fieldManager: "bench") }
        row("server-side apply, changing", objects, apply)
        let noop = try await timed(objects) { i in _ = try await deployments.apply(intent(i, replicas: 2), namespace: "default", fieldManager: "bench") }
        row("server-side apply, no-op", objects, noop)
        let get = try await timed(objects) { i in _ = try await deployments.get("bench-\(i)", namespace: "default") }
        row("get", objects, get)

        // Watch fan-out: every watcher must see every event, in order, none lost.
        let configMaps = client.dynamic(ConfigMap.descriptor)
        let rv = try await configMaps.list(namespace: "default").metadata.resourceVersion
        let events = objects
        let streams = try await withThrowingTaskGroup(of: WatchStream<JSONValue>.self) { group in
            for _ in 0..<watchers {
                group.addTask { try await configMaps.watch(namespace: "default", options: ListOptions(resourceVersion: rv, timeoutSeconds: 600)) }
            }
            var all: [WatchStream<JSONValue>] = []
            for try await s in group { all.append(s) }
            return all
        }
        let start = ContinuousClock.now
        let consumers = streams.map { stream in
            Task {
                var n = 0
                for try await e in stream where e.object != nil {
                    n += 1
                    if n == events { break }
                }
                return n
            }
        }
        _ = try await timed(events) { i in _ = try await configMaps.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("fan-\(i)")], "data": ["i": .string(String(i))]], namespace: "default") }
        var perWatcher: [Int] = []
        for c in consumers { perWatcher.append(try await c.value) }
        let fanout = seconds(ContinuousClock.now - start)
        row("watch fan-out: events delivered", watchers * events, fanout)
        let lost = watchers * events - perWatcher.reduce(0, +)
        print("")
        print("watch fan-out: \(watchers) watchers x \(events) events, lost: \(lost)")
        try await client.shutdown()
        await emulator.shutdown()
    }
}
