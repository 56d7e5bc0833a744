import DifyAPI
import DifyControllers
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KubeClient
import KubeCore
import KubeEmulator

/// The operator benchmark: N DifyModels with one DifyDeployment each, on an emulated cluster
/// with a GPU for every replica; the operator runs as its own process (`dify-operator run`)
/// so its memory and API traffic are its own.
///
/// Prints: time until every DifyDeployment is Available; the operator's API requests per
/// DifyDeployment (from its `/metrics`) against the minimum; writes during an idle resync; the
/// operator's peak RSS; and the emulator's apply throughput measured in the same run.
enum OperatorBench {
    static let gpusPerNode = 8
    /// The operator's resync period in the benchmark, so an idle resync happens in the run.
    static let syncPeriodSeconds = 15.0

    static func cluster(replicas: Int) -> ClusterSpec {
        let nodes = (replicas + gpusPerNode - 1) / gpusPerNode
        return ClusterSpec(nodes: (0..<max(1, nodes)).map { ClusterSpec.h100Node(name: "gpu-\($0)", zone: "zone-\($0 % 3)") } + [ClusterSpec.cpuNode(name: "cpu-0", zone: "zone-0")])
    }

    static func model(_ i: Int) -> JSONValue {
        ["apiVersion": "dify.ai/v1alpha1", "kind": "DifyModel",
         "metadata": ["name": .string("m\(i)"), "namespace": "bench"],
         "spec": ["source": ["uri": .string("hf://org/model-\(i)")], "size": ["parameters": "8B"],
                  "resources": ["gpu": ["count": 1, "product": .string(ClusterSpec.h100Product)]]]]
    }

    static func deployment(_ i: Int) -> JSONValue {
        ["apiVersion": "dify.ai/v1alpha1", "kind": "DifyDeployment",
         "metadata": ["name": .string("d\(i)"), "namespace": "bench"],
         "spec": ["modelRef": ["name": .string("m\(i)")], "replicas": 1]]
    }

    /// One counter of the operator's `rest_client_requests_total`.
    struct RequestKey: Hashable, Comparable {
        var verb: String
        var resource: String
        static func < (a: RequestKey, b: RequestKey) -> Bool { (a.resource, a.verb) < (b.resource, b.verb) }
        var isWrite: Bool { ["APPLY", "POST", "PUT", "PATCH", "DELETE"].contains(verb) }
        var isEvent: Bool { resource.hasPrefix("events") }
    }

    /// `rest_client_requests_total{verb,resource,code}` of the operator's `/metrics`, summed over codes.
    static func requests(port: Int) async -> [RequestKey: Int] {
        guard let url = URL(string: "http://127.0.0.1:\(port)/metrics"),
              let (data, _) = try? await URLSession.shared.data(from: url),
              let text = String(data: data, encoding: .utf8) else { return [:] }
        func label(_ name: String, in line: Substring) -> String {
            guard let r = line.range(of: "\(name)=\"") else { return "" }
            return String(line[r.upperBound...].prefix { $0 != "\"" })
        }
        var out: [RequestKey: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("rest_client_requests_total{") {
            guard let value = line.split(separator: " ").last.flatMap({ Double($0) }) else { continue }
            out[RequestKey(verb: label("verb", in: line), resource: label("resource", in: line)), default: 0] += Int(value)
        }
        return out
    }

    static func difference(_ a: [RequestKey: Int], _ b: [RequestKey: Int]) -> [RequestKey: Int] {
        a.merging(b.mapValues { -$0 }, uniquingKeysWith: +).filter { $0.value != 0 }
    }

    /// `controller_runtime_reconcile_total` of the operator, summed.
    static func reconciles(port: Int) async -> Int {
        guard let url = URL(string: "http://127.0.0.1:\(port)/metrics"),
              let (data, _) = try? await URLSession.shared.data(from: url),
              let text = String(data: data, encoding: .utf8) else { return 0 }
        return text.split(separator: "\n").filter { $0.hasPrefix("controller_runtime_reconcile_total{") }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }.reduce(0) { $0 + Int($1) }
    }

    static func peakRSS(pid: Int32) -> Int {
        guard let s = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
        return kb * 1024
    }

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    static func run(count: Int, operatorBinary: String) async throws {
        var config = Emulator.Configuration()
        config.dataPlane = DataPlane.Configuration(cluster: cluster(replicas: count), podReadyDelay: .milliseconds(500), jobDuration: .milliseconds(500))
        let emulator = try Emulator(configuration: config)
        try await emulator.start()
        let kubeconfig = FileManager.default.temporaryDirectory.appendingPathComponent("bench-operator-\(getpid()).kubeconfig").path
        try emulator.writeKubeconfig(to: kubeconfig)
        var clientConfig = try KubeConfigLoader.resolve(KubeConfigLoader.parse(emulator.kubeconfig()))
        clientConfig.rateLimit = nil
        let client = try KubernetesClient(configuration: clientConfig)
        try await CRDInstaller.install(using: client)
        _ = try await client.dynamic(Namespace.descriptor).apply(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "bench"]], fieldManager: "bench")

        // The emulator's own apply throughput, in this run: ConfigMaps applied and re-applied changed.
        let applies = min(1000, max(200, count))
        let configMaps = client.dynamic(ConfigMap.descriptor)
        _ = try await EmulatorBench.timed(applies) { i in _ = try await configMaps.apply(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("probe-\(i)"), "namespace": "bench"], "data": ["v": "1"]], fieldManager: "bench") }
        let applySeconds = try await EmulatorBench.timed(applies) { i in _ = try await configMaps.apply(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("probe-\(i)"), "namespace": "bench"], "data": ["v": "2"]], fieldManager: "bench") }
        let emulatorApplyRate = Double(applies) / applySeconds

        // The operator, as its own process.
        let metricsPort = freePort()
        let probePort = freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: operatorBinary)
        process.arguments = ["run", "--kubeconfig", kubeconfig, "--metrics-bind-address", "127.0.0.1:\(metricsPort)", "--health-probe-bind-address", "127.0.0.1:\(probePort)", "--sync-period", String(syncPeriodSeconds), "--log-level", "warning"]
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        while await requests(port: metricsPort).isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        let startupRequests = await requests(port: metricsPort)

        print("Operator benchmark: \(count) DifyModels + \(count) DifyDeployments (1 replica, 1 GPU each) on \(cluster(replicas: count).nodes.count) nodes; operator: `dify-operator run`, own process")
        let start = ContinuousClock.now
        let created = try await EmulatorBench.timed(count) { i in
            _ = try await client.dynamic(DifyModel.descriptor).create(model(i), namespace: "bench")
            _ = try await client.dynamic(DifyDeployment.descriptor).create(deployment(i), namespace: "bench")
        }
        var available = 0
        while available < count {
            try await Task.sleep(for: .milliseconds(200))
            let items = try await client.resource(DifyDeployment.self).list(namespace: "bench").items
            available = items.filter { $0.status?.conditions?.contains { $0.type == "Available" && $0.status == .true } == true && $0.status?.readyReplicas == 1 }.count
            if EmulatorBench.seconds(ContinuousClock.now - start) > 600 { print("timed out with \(available) of \(count) Available"); break }
        }
        let converged = EmulatorBench.seconds(ContinuousClock.now - start)
        // Let the last status writes land, then read the operator's counters.
        var settled = await requests(port: metricsPort)
        while true {
            try await Task.sleep(for: .seconds(1))
            let now = await requests(port: metricsPort)
            if now == settled { break }
            settled = now
        }
        let creation = difference(settled, startupRequests)
        let creationWrites = creation.filter { $0.key.isWrite && !$0.key.isEvent }.values.reduce(0, +)
        let eventWrites = creation.filter { $0.key.isWrite && $0.key.isEvent }.values.reduce(0, +)
        let creationReads = creation.filter { !$0.key.isWrite }.values.reduce(0, +)

        // Idle: wait for a full resync (every object reconciled again) and count the writes.
        let reconcilesBefore = await reconciles(port: metricsPort)
        let idleStart = await requests(port: metricsPort)
        let idleBegan = ContinuousClock.now
        while await reconciles(port: metricsPort) < reconcilesBefore + 2 * count {
            try await Task.sleep(for: .milliseconds(500))
            if EmulatorBench.seconds(ContinuousClock.now - idleBegan) > syncPeriodSeconds * 4 + 60 { break }
        }
        try await Task.sleep(for: .seconds(2))
        let idle = difference(await requests(port: metricsPort), idleStart)
        let idleReconciles = await reconciles(port: metricsPort) - reconcilesBefore
        let rss = peakRSS(pid: process.processIdentifier)

        // The minimum per pair: 4 applies (PVC, preload Job, Service, Deployment) and the status
        // transitions DifyModel Caching -> Ready (2) and DifyDeployment waiting for the model ->
        // rolling out -> pod created (status.replicas 1) -> Healthy (4).
        let minimumWrites = 4 + 2 + 4
        let operatorWriteRate = Double(creationWrites + eventWrites) / converged
        print("")
        print("| measure | value |")
        print("| --- | ---: |")
        print(String(format: "| creating the %d + %d objects (bench client) | %.1f s |", count, count, created))
        print(String(format: "| time until all %d DifyDeployments are Available with their replica Ready | %.1f s |", count, converged))
        print(String(format: "| operator writes per DifyDeployment with its model, at creation (applies and status) | %.2f (minimum %d) |", Double(creationWrites) / Double(count), minimumWrites))
        print(String(format: "| operator Event writes per DifyDeployment with its model | %.2f |", Double(eventWrites) / Double(count)))
        print(String(format: "| operator reads per DifyDeployment (LIST/WATCH/GET requests; minimum 0: informers) | %.3f |", Double(creationReads) / Double(count)))
        print("| writes during an idle resync (\(idleReconciles) reconciles) | \(idle.filter { $0.key.isWrite }.values.reduce(0, +)) |")
        print(String(format: "| operator peak RSS | %.1f MB |", Double(rss) / 1_048_576))
        print(String(format: "| emulator apply throughput (same run) | %.0f applies/s |", emulatorApplyRate))
        print(String(format: "| operator write rate while converging | %.0f writes/s (%.0f %% of the emulator's apply throughput) |", operatorWriteRate, 100 * operatorWriteRate / emulatorApplyRate))
        print("")
        print("Operator requests at creation, by resource and verb:")
        for (key, n) in creation.sorted(by: { $0.key < $1.key }) {
            print(String(format: "  %-45@ %-7@ %7d  (%.2f per DifyDeployment)", key.resource as NSString, key.verb as NSString, n, Double(n) / Double(count)))
        }
        process.terminate()
        process.waitUntilExit()
        try await client.shutdown()
        await emulator.shutdown()
        try? FileManager.default.removeItem(atPath: kubeconfig)
    }
}
