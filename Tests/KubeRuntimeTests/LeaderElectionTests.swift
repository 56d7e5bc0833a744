import Foundation
import KubeClient
import KubeCore
import Metrics
import Prometheus
import Testing

@testable import KubeRuntime

@Suite("LeaderElection")
struct LeaderElectionTests {
    static let namespace = "default"

    @Test func configEnforcesInvariant() throws {
        let d = try LeaderElectionConfig(namespace: "ns", name: "l", identity: "a")
        #expect(d.leaseDurationSeconds == 15)
        #expect(d.renewDeadlineSeconds == 10)
        #expect(d.retryPeriodSeconds == 2)
        #expect(d.releaseOnCancel)
        // lease must exceed renew deadline
        #expect(throws: LeaderElectionConfigError.self) {
            try LeaderElectionConfig(namespace: "ns", name: "l", identity: "a", leaseDurationSeconds: 10, renewDeadlineSeconds: 10)
        }
        // renew deadline must exceed 1.2 × retry period
        #expect(throws: LeaderElectionConfigError.self) {
            try LeaderElectionConfig(namespace: "ns", name: "l", identity: "a", renewDeadlineSeconds: 2.4, retryPeriodSeconds: 2)
        }
        #expect(throws: LeaderElectionConfigError.self) {
            try LeaderElectionConfig(namespace: "ns", name: "l", identity: "", leaseDurationSeconds: 15)
        }
        #expect(throws: LeaderElectionConfigError.self) {
            try LeaderElectionConfig(namespace: "ns", name: "l", identity: "a", retryPeriodSeconds: 0)
        }
        _ = try LeaderElectionConfig(namespace: "ns", name: "l", identity: "a", leaseDurationSeconds: 1.5, renewDeadlineSeconds: 1, retryPeriodSeconds: 0.2)
    }

    /// One candidate with its own client, registry and record of what its callbacks did.
    struct Candidate {
        let id: String
        let elector: LeaderElector
        let registry: PrometheusCollectorRegistry
        let client: KubernetesClient
        let started = LeaderTestBox(0)
        let stopped = LeaderTestBox(0)
        var task: Task<Void, Never>? = nil
    }

    static func makeCandidate(_ h: LeaderTestEmulator, id: String, lease: String, releaseOnCancel: Bool) throws -> Candidate {
        let config = try LeaderElectionConfig(
            namespace: namespace, name: lease, identity: id, leaseDurationSeconds: 1.5, renewDeadlineSeconds: 1,
            retryPeriodSeconds: 0.2, releaseOnCancel: releaseOnCancel)
        let registry = PrometheusCollectorRegistry()
        let client = try h.makeClient()
        let elector = LeaderElector(config: config, client: client, metricsFactory: PrometheusMetricsFactory(registry: registry))
        return Candidate(id: id, elector: elector, registry: registry, client: client)
    }

    /// Stops a candidate (gracefully, or as configured) and closes its client.
    static func finish(_ cs: Candidate...) async {
        for c in cs {
            c.task?.cancel()
            await c.task?.value
        }
    }

    /// Starts `c` running; while leading it writes a ConfigMap named after itself and then
    /// keeps touching it until its leadership ends (cancellation).
    static func start(_ c: inout Candidate, client: KubernetesClient) {
        let id = c.id
        let started = c.started
        let stopped = c.stopped
        let elector = c.elector
        let configMaps = client.resource(ConfigMap.self)
        c.task = Task {
            await elector.run(
                onStartedLeading: {
                    started.update { $0 += 1 }
                    let cm = ConfigMap(metadata: ObjectMeta(name: "written-by-\(id)", namespace: namespace), data: ["leader": id])
                    _ = try? await configMaps.create(cm)
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .milliseconds(50))
                    }
                },
                onStoppedLeading: { stopped.update { $0 += 1 } })
        }
    }

    static func writers(_ client: KubernetesClient) async throws -> Set<String> {
        let list = try await client.resource(ConfigMap.self).list(namespace: namespace)
        return Set(list.items.compactMap { $0.metadata.name }.filter { $0.hasPrefix("written-by-") })
    }

    /// Exactly one of two candidates leads; the other never does while the first holds the lease.
    static func awaitSingleLeader(_ a: Candidate, _ b: Candidate) async throws -> (leader: Candidate, standby: Candidate) {
        let ok = await leaderTestEventually(timeout: 10) { a.elector.isLeader || b.elector.isLeader }
        #expect(ok, "nobody became leader")
        // Watch for one second (several retry periods) that leadership is exclusive and stable.
        let until = ContinuousClock.now + .seconds(1)
        while ContinuousClock.now < until {
            #expect(!(a.elector.isLeader && b.elector.isLeader), "two leaders at once")
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(a.elector.isLeader != b.elector.isLeader)
        return a.elector.isLeader ? (a, b) : (b, a)
    }

    @Test func killedLeaderIsReplacedAfterLeaseExpires() async throws {
        try await LeaderTestEmulator.with { h in
            var a = try Self.makeCandidate(h, id: "alpha", lease: "kill-test", releaseOnCancel: false)
            var b = try Self.makeCandidate(h, id: "beta", lease: "kill-test", releaseOnCancel: false)
            Self.start(&a, client: h.client)
            Self.start(&b, client: h.client)
            let (leader, standby) = try await Self.awaitSingleLeader(a, b)

            // Only the leader wrote.
            #expect(try await leaderTestEventually { try await Self.writers(h.client) == ["written-by-\(leader.id)"] })
            #expect(standby.started.value == 0)
            #expect(leader.registry.emitToString().contains("leader_election_master_status{name=\"kill-test\"} 1"))
            #expect(standby.registry.emitToString().contains("leader_election_master_status{name=\"kill-test\"} 0"))

            // Kill the leader: its task is cancelled and it does not release the lease.
            let killed = ContinuousClock.now
            leader.task?.cancel()
            await leader.task?.value
            #expect(!leader.elector.isLeader)
            #expect(leader.stopped.value == 1)
            let lease = try await h.client.resource(Lease.self).get("kill-test", namespace: Self.namespace)
            #expect(lease.spec?.holderIdentity == leader.id, "a killed leader must not release")

            #expect(await leaderTestEventually(timeout: 10) { standby.elector.isLeader })
            let took = ContinuousClock.now - killed
            // It had to wait for expiry (1.5 s after it last saw a renewal, at most one retry
            // period before the kill), but not much longer.
            #expect(took > .milliseconds(1000), "took over after \(took), before the lease expired")
            #expect(took < .milliseconds(3500), "took over after \(took)")
            #expect(try await leaderTestEventually { try await Self.writers(h.client).contains("written-by-\(standby.id)") })
            let after = try await h.client.resource(Lease.self).get("kill-test", namespace: Self.namespace)
            #expect(after.spec?.holderIdentity == standby.id)
            #expect(after.spec?.leaseTransitions == 1)

            await Self.finish(a, b)
        }
    }

    @Test func gracefulReleaseLetsSuccessorTakeOverAtOnce() async throws {
        try await LeaderTestEmulator.with { h in
            var a = try Self.makeCandidate(h, id: "gamma", lease: "release-test", releaseOnCancel: true)
            var b = try Self.makeCandidate(h, id: "delta", lease: "release-test", releaseOnCancel: true)
            Self.start(&a, client: h.client)
            Self.start(&b, client: h.client)
            let (leader, standby) = try await Self.awaitSingleLeader(a, b)

            let stoppedAt = ContinuousClock.now
            leader.task?.cancel()
            await leader.task?.value
            #expect(leader.stopped.value == 1)
            #expect(!leader.elector.isLeader)

            #expect(await leaderTestEventually(timeout: 10) { standby.elector.isLeader })
            let took = ContinuousClock.now - stoppedAt
            // Well under the 1.5 s lease: the next attempt (0.2 s × up to 2.2 with jitter) wins.
            #expect(took < .milliseconds(1000), "took over after \(took)")
            let lease = try await h.client.resource(Lease.self).get("release-test", namespace: Self.namespace)
            #expect(lease.spec?.holderIdentity == standby.id)
            #expect(lease.spec?.leaseTransitions == 1)
            #expect(try await leaderTestEventually { try await Self.writers(h.client) == ["written-by-\(leader.id)", "written-by-\(standby.id)"] })

            await Self.finish(a, b)
            let released = try await h.client.resource(Lease.self).get("release-test", namespace: Self.namespace)
            #expect((released.spec?.holderIdentity ?? "").isEmpty)
        }
    }

    @Test func leaderStopsWhenLeaseIsTakenAway() async throws {
        try await LeaderTestEmulator.with { h in
            var a = try Self.makeCandidate(h, id: "epsilon", lease: "steal-test", releaseOnCancel: true)
            Self.start(&a, client: h.client)
            #expect(await leaderTestEventually { a.elector.isLeader })
            // Another party overwrites the holder: the leader must stop within the renew deadline.
            let leases = h.client.resource(Lease.self)
            var lease = try await leases.get("steal-test", namespace: Self.namespace)
            lease.spec?.holderIdentity = "intruder"
            _ = try await leases.replace(lease)
            #expect(await leaderTestEventually(timeout: 3) { !a.elector.isLeader && a.stopped.value == 1 })
            await Self.finish(a)
        }
    }
}
