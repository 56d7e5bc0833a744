import Foundation

/// How a ``Manager`` runs: where it serves probes and metrics, whether it elects a leader, and
/// how long it waits for caches and for in-flight work at shutdown (controller-runtime's
/// defaults).
public struct ManagerOptions: Sendable {
    /// controller-runtime's `GracefulShutdownTimeout` default.
    public static let defaultGracefulShutdownSeconds: Double = 30
    /// controller-runtime's `CacheSyncTimeout` default.
    public static let defaultCacheSyncTimeoutSeconds: Double = 120

    /// Probes (`/healthz`, `/readyz`) address; `:8081` by default.
    public var probeAddress: ServingAddress
    /// Metrics (`/metrics`) address; `:8080` by default; nil serves metrics on the probe address.
    public var metricsAddress: ServingAddress?
    /// Leader election; nil runs the controllers at once (one replica).
    public var leaderElection: LeaderElectionConfig?
    public var gracefulShutdownSeconds: Double
    public var cacheSyncTimeoutSeconds: Double

    public init(probeAddress: ServingAddress = MetricsSetup.defaultProbeAddress, metricsAddress: ServingAddress? = MetricsSetup.defaultMetricsAddress, leaderElection: LeaderElectionConfig? = nil, gracefulShutdownSeconds: Double = ManagerOptions.defaultGracefulShutdownSeconds, cacheSyncTimeoutSeconds: Double = ManagerOptions.defaultCacheSyncTimeoutSeconds) {
        self.probeAddress = probeAddress
        self.metricsAddress = metricsAddress
        self.leaderElection = leaderElection
        self.gracefulShutdownSeconds = gracefulShutdownSeconds
        self.cacheSyncTimeoutSeconds = cacheSyncTimeoutSeconds
    }
}
