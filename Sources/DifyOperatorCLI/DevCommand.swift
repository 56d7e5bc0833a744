import ArgumentParser
import DifyControllers
import Foundation
import KubeClient
import KubeCore
import KubeEmulator
import KubeRuntime
import Logging

/// `dify-operator dev`: starts the embedded Kubernetes API server (the emulator) on HTTPS
/// loopback with a simulated GPU cluster, installs the CRDs, runs the operator's controllers
/// in-process against it, optionally applies the samples, writes a kubeconfig for kubectl,
/// and serves until SIGINT or SIGTERM.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run the operator on an embedded Kubernetes API server with a simulated GPU cluster.",
        discussion: """
            Starts an in-memory Kubernetes API server on https://127.0.0.1:<port> with a generated CA and a \
            simulated cluster (2 H100 nodes, 1 MIG-partitioned H100 node, 1 CPU node in 2 zones), installs the \
            DifyModel and DifyDeployment CRDs, runs the controllers, writes a kubeconfig, and serves until \
            interrupted. --samples applies crds/samples and prints the resources' phases as they converge.
            """
    )

    /// The default of `--samples-dir`: the samples in a clone of the repository.
    static let defaultSamplesDirectory = "crds/samples"
    /// The field manager of the samples `dev` applies (what `kubectl apply --server-side` would be).
    static let samplesFieldManager = "dify-operator-dev"

    @Option(help: "Port to serve on (0 picks a free port).")
    var port: Int = 6443

    @Option(name: .customLong("kubeconfig-out"), help: "Where to write the kubeconfig for the emulator.")
    var kubeconfigOut: String = "./dev.kubeconfig"

    @Flag(name: .customLong("api-only"), help: "Run the emulator alone: no CRDs, no controllers.")
    var apiOnly = false

    @Flag(help: "Apply the samples (--samples-dir) once the controllers run, and print their progress.")
    var samples = false

    @Option(name: .customLong("samples-dir"), help: "Directory of sample manifests applied by --samples, in file-name order.")
    var samplesDir = DevCommand.defaultSamplesDirectory

    @Option(help: "A JSON cluster file describing the simulated nodes (default: 2 H100 nodes, 1 MIG H100 node, 1 CPU node in 2 zones).")
    var cluster: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "warning"

    @Option(name: .customLong("authorization-mode"), help: "AlwaysAllow, or RBAC to enforce the stored Roles and bindings (kube-apiserver's --authorization-mode).")
    var authorizationMode: AuthorizationMode = .alwaysAllow

    func run() async throws {
        SignalMask.unblockTermination()
        try LogSetup.bootstrap(level: logLevel, format: LogSetup.defaultFormat)
        var config = Emulator.Configuration()
        config.port = port
        config.authorizationMode = authorizationMode
        if let cluster {
            var dataPlane = DataPlane.Configuration()
            dataPlane.cluster = try ClusterSpec.load(contentsOf: cluster)
            config.dataPlane = dataPlane
        }
        let manifests = samples ? try ManifestLoader.load(directory: samplesDir) : []
        let emulator = try Emulator(configuration: config, logger: Logger(label: "emulator"))
        let started = ContinuousClock.now
        _ = try await emulator.start()
        try emulator.writeKubeconfig(to: kubeconfigOut)
        let elapsed = ContinuousClock.now - started
        Console.print("""
            dify-operator dev: Kubernetes API emulator serving at \(emulator.serverURL) (ready in \(elapsed.formatted(.units(allowed: [.milliseconds]))))
            kubeconfig: \(kubeconfigOut)
            try: kubectl --kubeconfig \(kubeconfigOut) get dify -A
            """)
        if apiOnly {
            await SignalWaiter.waitForTermination()
        } else {
            try await runOperator(emulator: emulator, manifests: manifests)
        }
        Console.print("dify-operator dev: shutting down")
        await emulator.shutdown()
    }

    func runOperator(emulator: Emulator, manifests: [JSONValue]) async throws {
        let clientConfig = try ClientConfiguration.load(kubeconfig: kubeconfigOut)
        let setupClient = try KubernetesClient(configuration: clientConfig)
        try await CRDInstaller.install(using: setupClient)
        Console.print("dify-operator dev: installed CRDs difymodels.dify.ai, difydeployments.dify.ai; controllers running")
        let logger = Logger(label: "dify-operator")
        let process = OperatorProcess(
            clientConfiguration: clientConfig,
            managerOptions: ManagerOptions(probeAddress: ServingAddress(host: "127.0.0.1", port: 0), metricsAddress: nil),
            operatorOptions: DifyOperator.Options(instance: "dev", logger: logger),
            logger: logger)
        let progress = Task {
            if !manifests.isEmpty {
                do {
                    try await ManifestApplier.apply(manifests, using: setupClient, fieldManager: Self.samplesFieldManager)
                    Console.print("dify-operator dev: applied \(manifests.count) sample objects from \(samplesDir)")
                } catch {
                    Console.print("dify-operator dev: applying the samples failed: \(error)")
                }
            }
            await ProgressPrinter(client: setupClient).run()
        }
        try await process.run()
        progress.cancel()
        _ = await progress.result
        try await setupClient.shutdown()
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

extension AuthorizationMode: ExpressibleByArgument {}
