import EmulatorTestSupport
import Foundation
import KubeClient
import KubeCore
@testable import KubeEmulator
import Synchronization

/// The shared emulator harness, under the name the leader election, events, helpers and health
/// server tests use.
typealias LeaderTestEmulator = EmulatorHarness

/// Polls `condition` every 20 ms until it holds or `timeout` seconds pass; returns whether it held.
func leaderTestEventually(timeout: Double = 10, _ condition: () async throws -> Bool) async rethrows -> Bool {
    try await pollUntil(timeout: timeout, condition)
}

/// Counts the client's requests by verb (and forwards them to another observer if given).
final class LeaderTestRequestCounter: RequestObserver {
    private let counts = Mutex<[APIVerb: Int]>([:])
    let forward: (any RequestObserver)?
    init(forward: (any RequestObserver)? = nil) { self.forward = forward }
    func observe(_ metric: RequestMetric) {
        counts.withLock { $0[metric.verb, default: 0] += 1 }
        forward?.observe(metric)
    }
    func count(_ verbs: APIVerb...) -> Int { counts.withLock { c in verbs.reduce(0) { $0 + (c[$1] ?? 0) } } }
}

/// A thread-safe value for callbacks to write and tests to read.
final class LeaderTestBox<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func update<R: Sendable>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
    var value: Value { mutex.withLock { $0 } }
}

/// A plain HTTP GET (for the health server): status and body text.
func leaderTestHTTPGet(_ url: String) async throws -> (status: Int, body: String) {
    let transport = try AsyncHTTPTransport(configuration: ClientConfiguration(server: url))
    do {
        let r = try await transport.send(TransportRequest(method: .GET, url: url, headers: [], body: nil, timeoutSeconds: 10))
        try? await transport.shutdown()
        return (r.status, String(decoding: r.body, as: UTF8.self))
    } catch {
        try? await transport.shutdown()
        throw error
    }
}
