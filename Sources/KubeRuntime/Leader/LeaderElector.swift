import Foundation
import KubeClient
import KubeCore
import Logging
import Metrics
import Synchronization

/// Leader election on a `coordination.k8s.io/v1` Lease, following client-go's
/// `tools/leaderelection` (which controller-runtime's manager uses):
///
/// - **Acquire** when the lease does not exist, has no holder (released), or has expired.
/// - **Expiry** is judged by the *local* time at which this candidate last saw the record change,
///   plus the lease duration, never by the record's `renewTime`: clocks of different machines
///   are not comparable, but elapsed local time is (client-go's `observedTime`).
/// - Writes use optimistic concurrency: the Lease is PUT with the resourceVersion that was read,
///   so of two candidates racing for a free lease exactly one succeeds; the other gets 409.
/// - `leaseTransitions` is incremented whenever the holder changes.
/// - The leader **renews** every retry period; if it cannot renew for the renew deadline (or
///   finds another holder), it **stops leading at once**: the task running `onStartedLeading` is
///   cancelled and `onStoppedLeading` is called, so every controller started under leadership
///   stops together (controller-runtime exits the process at this point).
/// - On graceful shutdown (cancellation of ``run(onStartedLeading:onStoppedLeading:)``) the
///   lease is **released** if ``LeaderElectionConfig/releaseOnCancel``: the holder is cleared and
///   `renewTime` set, so a successor takes over at its next attempt instead of after expiry.
///
/// The gauge `leader_election_master_status{name}` is 1 while leading, 0 otherwise.
public final class LeaderElector: Sendable {
    /// The gauge reporting leadership, as client-go's leader election metrics provider names it.
    public static let leaderMetricName = "leader_election_master_status"

    public let config: LeaderElectionConfig
    private let leases: ResourceClient<Lease>
    private let clock: any KubeClock
    private let logger: Logger
    private let gauge: Gauge
    private let state = Mutex(State())

    private struct State {
        var isLeader = false
        /// The last Lease spec this candidate saw and the local time at which it first saw it.
        var observedSpec: LeaseSpec?
        var observedTime: Double = 0
    }

    /// Why the leading phase ended.
    enum StopReason: Sendable { case lost, cancelled }

    /// The outcome of one acquire-or-renew attempt.
    enum Attempt: Sendable, Equatable {
        case acquired
        case heldByOther(String)
        case failed(String)
    }

    public init(
        config: LeaderElectionConfig, client: KubernetesClient, clock: any KubeClock = SystemClock(),
        metricsFactory: (any MetricsFactory)? = nil, logger: Logger = Logger(label: "leader-election")
    ) {
        self.config = config
        self.leases = client.resource(Lease.self)
        self.clock = clock
        var logger = logger
        logger[metadataKey: "lease"] = "\(config.namespace)/\(config.name)"
        logger[metadataKey: "identity"] = "\(config.identity)"
        self.logger = logger
        let dims = [("name", config.name)]
        if let metricsFactory {
            self.gauge = Gauge(label: Self.leaderMetricName, dimensions: dims, factory: metricsFactory)
        } else {
            self.gauge = Gauge(label: Self.leaderMetricName, dimensions: dims)
        }
        gauge.record(0)
    }

    /// Whether this candidate currently holds the lease (and has not given it up).
    public var isLeader: Bool { state.withLock { $0.isLeader } }

    /// Campaigns until leadership is acquired, runs `onStartedLeading` in a child task while
    /// leading, and returns when leadership ends: lost (renewal failed for the renew deadline, or
    /// another holder appeared) or this task was cancelled (graceful shutdown; the lease is then
    /// released if configured). When leadership ends, the `onStartedLeading` task is cancelled
    /// first and `onStoppedLeading` is called at once; `run` returns after `onStartedLeading` has
    /// finished (it should honour cancellation) and, on shutdown, after the release.
    /// If cancelled before acquiring, it returns without calling either callback.
    public func run(
        onStartedLeading: @escaping @Sendable () async -> Void,
        onStoppedLeading: @escaping @Sendable () async -> Void
    ) async {
        guard await acquire() else {
            logger.info("leader election cancelled before acquiring the lease")
            return
        }
        setLeader(true)
        logger.info("became leader")
        let reason: StopReason = await withTaskGroup(of: StopReason?.self) { group in
            group.addTask {
                await onStartedLeading()
                return nil
            }
            group.addTask { await self.renewLoop() }
            var reason = StopReason.cancelled
            while let next = await group.next() {
                if let next {
                    reason = next
                    break
                }
            }
            self.setLeader(false)
            group.cancelAll()
            await onStoppedLeading()
            return reason
        }
        switch reason {
        case .lost:
            logger.warning("leadership lost")
        case .cancelled:
            logger.info("stopped leading on shutdown")
            if config.releaseOnCancel {
                // A fresh task: this one is cancelled, which would abort the request.
                await Task { await self.release() }.value
            }
        }
    }

    // MARK: - Phases

    /// Tries every retry period (with client-go's jitter) until acquired; false if cancelled.
    private func acquire() async -> Bool {
        while !Task.isCancelled {
            switch await tryAcquireOrRenew() {
            case .acquired: return true
            case .heldByOther(let holder): logger.debug("lease held by another candidate", metadata: ["holder": "\(holder)"])
            case .failed(let why): logger.debug("failed to acquire lease", metadata: ["error": "\(why)"])
            }
            let wait = config.retryPeriodSeconds * (1 + Double.random(in: 0..<1) * LeaderElectionConfig.jitterFactor)
            do { try await clock.sleep(seconds: wait) } catch { return false }
        }
        return false
    }

    /// Renews every retry period. Returns `.lost` when no renewal succeeded within the renew
    /// deadline since the start of the last successful one (each attempt is cut off at the
    /// deadline, so a hung request cannot keep a stale leader acting), or at once when another
    /// holder has the lease.
    private func renewLoop() async -> StopReason {
        var lastRenewStart = clock.now()
        while true {
            do { try await clock.sleep(seconds: config.retryPeriodSeconds) } catch { return .cancelled }
            if Task.isCancelled { return .cancelled }
            let start = clock.now()
            let remaining = config.renewDeadlineSeconds - (start - lastRenewStart)
            if remaining <= 0 { return .lost }
            let outcome = await withDeadline(seconds: remaining) { await self.tryAcquireOrRenew() } ?? .failed("renew attempt timed out")
            if Task.isCancelled { return .cancelled }
            switch outcome {
            case .acquired:
                lastRenewStart = start
            case .heldByOther(let holder):
                logger.warning("lease taken by another candidate", metadata: ["holder": "\(holder)"])
                return .lost
            case .failed(let why):
                logger.warning("failed to renew lease", metadata: ["error": "\(why)"])
                if clock.now() - lastRenewStart >= config.renewDeadlineSeconds { return .lost }
            }
        }
    }

    /// One attempt of client-go's `tryAcquireOrRenew`.
    func tryAcquireOrRenew() async -> Attempt {
        let now = clock.now()
        let nowTime = MicroTime(Date(timeIntervalSince1970: now))
        let durationSeconds = Int32(config.leaseDurationSeconds.rounded(.up))
        let existing: Lease?
        do {
            existing = try await leases.getIfExists(config.name, namespace: config.namespace)
        } catch {
            return .failed("get: \(error)")
        }
        guard var lease = existing else {
            let spec = LeaseSpec(
                holderIdentity: config.identity, leaseDurationSeconds: durationSeconds,
                acquireTime: nowTime, renewTime: nowTime, leaseTransitions: 0)
            do {
                let created = try await leases.create(Lease(metadata: ObjectMeta(name: config.name, namespace: config.namespace), spec: spec), namespace: config.namespace)
                observe(created.spec ?? spec, at: now)
                return .acquired
            } catch {
                return .failed("create: \(error)")
            }
        }
        let spec = lease.spec ?? LeaseSpec()
        let observedTime = state.withLock { s -> Double in
            if s.observedSpec != spec {
                s.observedSpec = spec
                s.observedTime = now
            }
            return s.observedTime
        }
        let holder = spec.holderIdentity ?? ""
        // The candidate's own configured duration decides expiry (the record holds whole seconds
        // only); all replicas of one operator share the configuration.
        if !holder.isEmpty, holder != config.identity, observedTime + config.leaseDurationSeconds > now {
            return .heldByOther(holder)
        }
        var next = spec
        next.holderIdentity = config.identity
        next.leaseDurationSeconds = durationSeconds
        next.renewTime = nowTime
        if holder == config.identity {
            next.acquireTime = spec.acquireTime ?? nowTime
            next.leaseTransitions = spec.leaseTransitions ?? 0
        } else {
            next.acquireTime = nowTime
            next.leaseTransitions = (spec.leaseTransitions ?? 0) + 1
            logger.info("taking over lease", metadata: ["previousHolder": "\(holder.isEmpty ? "<none>" : holder)"])
        }
        lease.spec = next
        do {
            // PUT with the resourceVersion read above: 409 if anyone wrote in between.
            let updated = try await leases.replace(lease, namespace: config.namespace)
            observe(updated.spec ?? next, at: now)
            return .acquired
        } catch let e as KubeError where e.isConflict {
            return .failed("conflict: another candidate updated the lease")
        } catch {
            return .failed("update: \(error)")
        }
    }

    /// Clears the holder if this candidate still holds the lease (client-go's `release`).
    func release() async {
        do {
            guard var lease = try await leases.getIfExists(config.name, namespace: config.namespace),
                lease.spec?.holderIdentity == config.identity
            else { return }
            let now = MicroTime(Date(timeIntervalSince1970: clock.now()))
            lease.spec?.holderIdentity = nil
            lease.spec?.leaseDurationSeconds = 1
            lease.spec?.renewTime = now
            lease.spec?.acquireTime = now
            _ = try await leases.replace(lease, namespace: config.namespace)
            logger.info("released lease")
        } catch {
            logger.warning("failed to release lease", metadata: ["error": "\(error)"])
        }
    }

    // MARK: - Helpers

    private func observe(_ spec: LeaseSpec, at time: Double) {
        state.withLock {
            $0.observedSpec = spec
            $0.observedTime = time
        }
    }

    private func setLeader(_ leading: Bool) {
        state.withLock { $0.isLeader = leading }
        gauge.record(leading ? 1 : 0)
    }

    /// The result of `operation`, or nil if it did not finish within `seconds` (it is cancelled).
    private func withDeadline<T: Sendable>(seconds: Double, _ operation: @escaping @Sendable () async -> T) async -> T? {
        let clock = self.clock
        return await withTaskGroup(of: T?.self) { group in
            group.addTask { await operation() }
            group.addTask {
                try? await clock.sleep(seconds: seconds)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
