import Foundation

extension DataPlane {
    /// What a VolumeSnapshot does once its delay has passed.
    public enum SnapshotMode: String, Sendable, CaseIterable {
        /// Becomes `readyToUse: true` with `restoreSize` and `creationTime`.
        case normal
        /// Gets `status.error` and stays `readyToUse: false` (for good, as a failed cut).
        case fail
        /// Stays `readyToUse: false` without an error (until the mode changes).
        case hang
    }

    /// The injected data-plane faults in force.
    public struct FaultState: Sendable, Equatable {
        /// Nodes whose kubelet has stopped posting status (Ready=Unknown).
        public var downNodes: Set<String> = []
        /// Images whose containers run but never become ready.
        public var neverReadyImages: Set<String> = []
        /// Images whose containers exit with code 1 (run-to-completion pods fail,
        /// long-running pods go into CrashLoopBackOff).
        public var failingImages: Set<String> = []
        /// When true, the simulated controllers, scheduler, kubelet and snapshotter do nothing.
        public var controllersPaused = false
        public var snapshotMode: SnapshotMode = .normal

        public init() {}

        /// Whether a container image is in a fault list. An entry matches the image exactly,
        /// or any tag or digest of it when the entry has none (`nginx` matches `nginx:1.27`
        /// and `nginx@sha256:…`).
        static func image(_ image: String, isIn list: Set<String>) -> Bool {
            if list.contains(image) { return true }
            return list.contains { entry in image.hasPrefix(entry + ":") || image.hasPrefix(entry + "@") }
        }
    }
}

/// What the simulated kubelet and controllers remember between passes (the rest is in the
/// objects themselves). Only the reconcile loop touches it.
struct DataPlaneMemory: Sendable {
    /// Pod UID → when its containers started (the kubelet's clock for readiness and completion).
    var containersStarted: [String: Date] = [:]
    /// Pod UID → assigned pod IP.
    var podIPs: [String: String] = [:]
    /// Node name → last host number handed out in its pod CIDR.
    var lastPodHost: [String: Int] = [:]
    /// VolumeSnapshot UID → when the snapshotter first saw it.
    var snapshotsSeen: [String: Date] = [:]
    /// Job UID → UIDs of finished pods already added to its `succeeded`/`failed` counts.
    var jobCountedPods: [String: Set<String>] = [:]

    /// Forgets pods and snapshots that no longer exist.
    mutating func prune(livePods: Set<String>, liveSnapshots: Set<String>, liveJobs: Set<String>) {
        containersStarted = containersStarted.filter { livePods.contains($0.key) }
        podIPs = podIPs.filter { livePods.contains($0.key) }
        snapshotsSeen = snapshotsSeen.filter { liveSnapshots.contains($0.key) }
        jobCountedPods = jobCountedPods.filter { liveJobs.contains($0.key) }
    }
}
