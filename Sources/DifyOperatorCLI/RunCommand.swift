import ArgumentParser
import DifyControllers
import Foundation
import KubeClient
import KubeRuntime
import Logging

/// `dify-operator run`: the controller against a real cluster. Flag names follow
/// controller-runtime / kubebuilder operators so platform teams recognise them.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the DifyModel and DifyDeployment controllers against a Kubernetes cluster.",
        discussion: """
            Connects with --kubeconfig, else $KUBECONFIG, else the in-cluster service account, else ~/.kube/config. \
            The CRDs must be installed (helm install does it; or kubectl apply -f crds/). Stops gracefully on SIGTERM.
            """
    )

    /// The default lease name of `--leader-election-id`.
    static let defaultLeaderElectionID = "dify-operator.dify.ai"

    @Option(help: "Path to a kubeconfig file (default: $KUBECONFIG, in-cluster, ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context to use.")
    var context: String?

    @Option(help: "Comma-separated namespaces to watch (default: all namespaces).")
    var namespaces: String = ""

    @Flag(name: .customLong("leader-elect"), help: "Enable leader election (run several replicas; one acts).")
    var leaderElect = false

    @Option(name: .customLong("leader-election-id"), help: "Name of the Lease used for leader election.")
    var leaderElectionID = RunCommand.defaultLeaderElectionID

    @Option(name: .customLong("leader-election-namespace"), help: "Namespace of the Lease (default: the pod's namespace, else default).")
    var leaderElectionNamespace: String?

    @Option(name: .customLong("metrics-bind-address"), help: "Address of the Prometheus /metrics endpoint; \"0\" disables it.")
    var metricsBindAddress = ":8080"

    @Option(name: .customLong("health-probe-bind-address"), help: "Address of /healthz and /readyz.")
    var healthProbeBindAddress = ":8081"

    @Option(name: .customLong("kube-api-qps"), help: "Client-side limit on API requests per second (0 disables it; the API server's priority and fairness still applies).")
    var kubeAPIQPS = DifyOperator.Options.defaultAPIQPS

    @Option(name: .customLong("kube-api-burst"), help: "Requests allowed in a burst above --kube-api-qps.")
    var kubeAPIBurst = DifyOperator.Options.defaultAPIBurst

    @Option(help: "Concurrent reconciles per controller.")
    var concurrency = DifyOperator.Options.defaultConcurrency

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = LogSetup.defaultLevel

    @Option(name: .customLong("log-format"), help: "text or json.")
    var logFormat = LogSetup.defaultFormat

    @Option(name: .customLong("sync-period"), help: "Seconds between full re-reconciles of every object (a safety net; changes are reconciled at once).")
    var syncPeriod = ControllerOptions.defaultResyncPeriod

    @Option(name: .customLong("graceful-shutdown-timeout"), help: "Seconds in-flight reconciles get to finish on shutdown.")
    var gracefulShutdownTimeout = ManagerOptions.defaultGracefulShutdownSeconds

    func validate() throws {
        guard syncPeriod > 0 else { throw ValidationError("--sync-period must be positive") }
        guard kubeAPIBurst >= 1 else { throw ValidationError("--kube-api-burst must be at least 1") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard ServingAddress(parsing: healthProbeBindAddress) != nil else { throw ValidationError("--health-probe-bind-address must be host:port or :port") }
        guard metricsBindAddress == "0" || ServingAddress(parsing: metricsBindAddress) != nil else { throw ValidationError("--metrics-bind-address must be host:port, :port or 0") }
    }

    func run() async throws {
        SignalMask.unblockTermination()
        try LogSetup.bootstrap(level: logLevel, format: logFormat)
        let logger = Logger(label: "dify-operator")
        var config = try ClientConfiguration.load(kubeconfig: kubeconfig, context: context)
        config.rateLimit = kubeAPIQPS > 0 ? RateLimit(qps: kubeAPIQPS, burst: kubeAPIBurst) : nil
        let watched = namespaces.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let identity = ProcessInfo.processInfo.environment["POD_NAME"] ?? "\(ProcessInfo.processInfo.hostName)-\(UUID().uuidString.prefix(8).lowercased())"
        var leaderElection: LeaderElectionConfig?
        if leaderElect {
            leaderElection = try LeaderElectionConfig(namespace: leaderElectionNamespace ?? config.namespace, name: leaderElectionID, identity: identity)
        }
        let managerOptions = ManagerOptions(
            probeAddress: ServingAddress(parsing: healthProbeBindAddress)!,
            metricsAddress: metricsBindAddress == "0" ? nil : ServingAddress(parsing: metricsBindAddress),
            leaderElection: leaderElection,
            gracefulShutdownSeconds: gracefulShutdownTimeout)
        logger.info("Starting dify-operator", metadata: [
            "version": "\(BuildInfo.version)", "server": "\(config.server)",
            "namespaces": "\(watched.isEmpty ? "all" : watched.joined(separator: ","))",
            "leaderElection": "\(leaderElect)", "concurrency": "\(concurrency)", "kubeAPIQPS": "\(kubeAPIQPS)",
        ])
        try await OperatorProcess(
            clientConfiguration: config, managerOptions: managerOptions,
            operatorOptions: DifyOperator.Options(namespaces: watched.isEmpty ? nil : watched, concurrency: concurrency, instance: identity, resyncPeriod: syncPeriod, logger: logger),
            logger: logger
        ).run()
    }
}
