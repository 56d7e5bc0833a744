import Foundation

extension DataPlane {
    /// Settings of the simulated data plane: the nodes of the cluster and how long the
    /// simulated workloads take.
    public struct Configuration: Sendable, Equatable {
        /// How long a container takes from start to Ready when nothing is configured.
        public static let defaultPodReadyDelay: Duration = .seconds(2)
        /// How long a run-to-completion pod (restartPolicy `Never`/`OnFailure`, e.g. a Job's) runs.
        public static let defaultJobDuration: Duration = .seconds(5)
        /// How long a VolumeSnapshot takes to become `readyToUse`.
        public static let defaultSnapshotDelay: Duration = .seconds(3)
        /// How often pending timed transitions (readiness, completion, deadlines) are checked.
        public static let defaultTickInterval: Duration = .milliseconds(20)
        /// The `tolerationSeconds` of the implicit `node.kubernetes.io/not-ready` and
        /// `node.kubernetes.io/unreachable` NoExecute tolerations (kube-apiserver's
        /// `DefaultTolerationSeconds` admission plugin adds them to every pod that has none).
        public static let defaultNotReadyTolerationSeconds: Int64 = 300

        /// The nodes, created through the API when the data plane starts.
        public var cluster: ClusterSpec
        /// From container start to the pod's Ready condition (0 allowed).
        public var podReadyDelay: Duration
        /// From container start to a run-to-completion pod's `Succeeded`/`Failed` phase.
        public var jobDuration: Duration
        /// From a VolumeSnapshot's first sighting to `readyToUse` (or failure).
        public var snapshotDelay: Duration
        /// Granularity of timed transitions.
        public var tickInterval: Duration
        /// See ``defaultNotReadyTolerationSeconds``.
        public var notReadyTolerationSeconds: Int64
        /// Container images whose pods run but never become Ready (also settable at run time).
        public var neverReadyImages: Set<String>
        /// Container images whose run-to-completion pods fail (exit code 1) instead of succeeding.
        public var failingImages: Set<String>

        public init(
            cluster: ClusterSpec = .defaultCluster,
            podReadyDelay: Duration = Configuration.defaultPodReadyDelay,
            jobDuration: Duration = Configuration.defaultJobDuration,
            snapshotDelay: Duration = Configuration.defaultSnapshotDelay,
            tickInterval: Duration = Configuration.defaultTickInterval,
            notReadyTolerationSeconds: Int64 = Configuration.defaultNotReadyTolerationSeconds,
            neverReadyImages: Set<String> = [],
            failingImages: Set<String> = []
        ) {
            self.cluster = cluster
            self.podReadyDelay = podReadyDelay
            self.jobDuration = jobDuration
            self.snapshotDelay = snapshotDelay
            self.tickInterval = tickInterval
            self.notReadyTolerationSeconds = notReadyTolerationSeconds
            self.neverReadyImages = neverReadyImages
            self.failingImages = failingImages
        }

        /// Everything immediate: for tests (readiness, jobs and snapshots take no time).
        public static var immediate: Configuration {
            Configuration(podReadyDelay: .zero, jobDuration: .zero, snapshotDelay: .zero)
        }
    }
}

extension Duration {
    /// The duration as a `TimeInterval`.
    var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
