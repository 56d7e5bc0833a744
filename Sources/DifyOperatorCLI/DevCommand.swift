import ArgumentParser
import Foundation
import KubeEmulator
import Logging

/// `dify-operator dev`: starts the embedded Kubernetes API server (the emulator) on HTTPS
/// loopback, writes a kubeconfig for it, and serves until SIGINT or SIGTERM.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run the embedded Kubernetes API server (the emulator) for local development.",
        discussion: """
            Starts an in-memory Kubernetes API server on https://127.0.0.1:<port> with a generated CA, \
            writes a kubeconfig for it, and serves until interrupted. Use kubectl with that kubeconfig. \
            The operator's controllers join in a later release; today the emulator serves the API alone.
            """
    )

    @Option(help: "Port to serve on (0 picks a free port).")
    var port: Int = 6443

    @Option(name: .customLong("kubeconfig-out"), help: "Where to write the kubeconfig for the emulator.")
    var kubeconfigOut: String = "./dev.kubeconfig"

    @Flag(name: .customLong("api-only"), help: "Run the emulator alone, without the operator's controllers (today the operator's controllers do not exist yet, so this is what dev does either way).")
    var apiOnly = false

    @Option(help: "A JSON cluster file describing the simulated nodes (default: 2 H100 nodes, 1 MIG H100 node, 1 CPU node in 2 zones).")
    var cluster: String?

    func run() async throws {
        var config = Emulator.Configuration()
        config.port = port
        if let cluster {
            var dataPlane = DataPlane.Configuration()
            dataPlane.cluster = try ClusterSpec.load(contentsOf: cluster)
            config.dataPlane = dataPlane
        }
        let emulator = try Emulator(configuration: config, logger: Logger(label: "emulator"))
        let started = ContinuousClock.now
        let bound = try await emulator.start()
        try emulator.writeKubeconfig(to: kubeconfigOut)
        let elapsed = ContinuousClock.now - started
        Console.print("""
            dify-operator dev: Kubernetes API emulator serving at \(emulator.serverURL) (ready in \(elapsed.formatted(.units(allowed: [.milliseconds]))))
            kubeconfig: \(kubeconfigOut)
            try: kubectl --kubeconfig \(kubeconfigOut) get namespaces
            """)
        _ = bound
        await SignalWaiter.waitForTermination()
        Console.print("dify-operator dev: shutting down")
        await emulator.shutdown()
    }
}

/// Waits for SIGINT or SIGTERM.
enum SignalWaiter {
    static func waitForTermination() async {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        var sources: [any DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            source.setEventHandler { continuation.yield(sig) }
            source.resume()
            sources.append(source)
        }
        for await _ in stream { break }
        sources.forEach { $0.cancel() }
    }
}

/// Line output that reaches a pipe or file at once (stdout is block-buffered when not a terminal).
enum Console {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
