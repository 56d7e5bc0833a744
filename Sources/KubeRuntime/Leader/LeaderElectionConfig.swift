/// Why a ``LeaderElectionConfig`` was refused.
public struct LeaderElectionConfigError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String
    public var description: String { "invalid leader election configuration: \(message)" }
}

/// The settings of one leader election on a `coordination.k8s.io/v1` Lease, with client-go's
/// defaults (`k8s.io/client-go/tools/leaderelection`, as controller-runtime's manager uses them).
///
/// The initializer enforces client-go's invariants (`NewLeaderElector`):
/// `leaseDuration > renewDeadline > jitterFactor × retryPeriod` (jitter factor 1.2), so that a
/// leader always gives up before a candidate may consider its lease expired.
public struct LeaderElectionConfig: Sendable, Equatable {
    /// client-go / controller-runtime default: how long a lease is valid after its holder was last
    /// seen renewing it.
    public static let defaultLeaseDurationSeconds = 15.0
    /// Default: how long a leader keeps retrying a failed renewal before it gives up leadership.
    public static let defaultRenewDeadlineSeconds = 10.0
    /// Default: the interval between acquire and renew attempts.
    public static let defaultRetryPeriodSeconds = 2.0
    /// client-go's `JitterFactor`: the renew deadline must exceed this multiple of the retry period,
    /// and waits between acquire attempts are stretched by up to this factor.
    public static let jitterFactor = 1.2

    /// Namespace of the Lease.
    public let namespace: String
    /// Name of the Lease (one per election).
    public let name: String
    /// This candidate's identity, unique among replicas (e.g. the pod name plus a random suffix).
    public let identity: String
    public let leaseDurationSeconds: Double
    public let renewDeadlineSeconds: Double
    public let retryPeriodSeconds: Double
    /// Release the lease when ``LeaderElector/run(onStartedLeading:onStoppedLeading:)`` is cancelled
    /// (client-go's `ReleaseOnCancel`, which controller-runtime's `LeaderElectionReleaseOnCancel`
    /// sets), so that a successor takes over at once instead of waiting for expiry.
    public let releaseOnCancel: Bool

    /// Throws ``LeaderElectionConfigError`` unless `lease > renew > 1.2 × retry`, all positive,
    /// and namespace, name and identity are non-empty.
    public init(
        namespace: String, name: String, identity: String,
        leaseDurationSeconds: Double = Self.defaultLeaseDurationSeconds,
        renewDeadlineSeconds: Double = Self.defaultRenewDeadlineSeconds,
        retryPeriodSeconds: Double = Self.defaultRetryPeriodSeconds,
        releaseOnCancel: Bool = true
    ) throws {
        guard !namespace.isEmpty, !name.isEmpty else { throw LeaderElectionConfigError(message: "lease namespace and name are required") }
        guard !identity.isEmpty else { throw LeaderElectionConfigError(message: "identity is required") }
        guard leaseDurationSeconds > 0, renewDeadlineSeconds > 0, retryPeriodSeconds > 0 else {
            throw LeaderElectionConfigError(message: "durations must be positive")
        }
        guard leaseDurationSeconds > renewDeadlineSeconds else {
            throw LeaderElectionConfigError(message: "leaseDuration (\(leaseDurationSeconds)s) must be greater than renewDeadline (\(renewDeadlineSeconds)s)")
        }
        guard renewDeadlineSeconds > Self.jitterFactor * retryPeriodSeconds else {
            throw LeaderElectionConfigError(message: "renewDeadline (\(renewDeadlineSeconds)s) must be greater than \(Self.jitterFactor) × retryPeriod (\(retryPeriodSeconds)s)")
        }
        self.namespace = namespace
        self.name = name
        self.identity = identity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.renewDeadlineSeconds = renewDeadlineSeconds
        self.retryPeriodSeconds = retryPeriodSeconds
        self.releaseOnCancel = releaseOnCancel
    }
}
