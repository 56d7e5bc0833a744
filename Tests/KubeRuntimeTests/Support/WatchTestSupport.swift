import EmulatorTestSupport
import Foundation
import KubeClient
import KubeCore
@testable import KubeRuntime
import Synchronization

/// A clock whose sleeps return at once and advance its time; it records every sleep.
final class WatchTestClock: KubeClock {
    private let state = Mutex((now: 1_000.0, sleeps: [Double]()))
    func now() -> Double { state.withLock { $0.now } }
    func advance(_ seconds: Double) { state.withLock { $0.now += seconds } }
    var sleeps: [Double] { state.withLock { $0.sleeps } }
    func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.sleeps.append(seconds)
            $0.now += seconds
        }
    }
}

/// A deterministic random source cycling through fixed values.
final class WatchTestRandom: Sendable {
    private let values: [Double]
    private let index = Mutex(0)
    init(_ values: [Double]) { self.values = values }
    var source: Backoff.RandomSource {
        { [self] in index.withLock { i in defer { i += 1 }; return values[i % values.count] } }
    }
}

/// A minimal typed kind for scripted watches.
struct WatchTestItem: KubeResource, Equatable {
    static let group = "test"
    static let version = "v1"
    static let kind = "WatchTestItem"
    static let plural = "items"
    static let scope = ResourceScope.namespaced
    var metadata: ObjectMeta

    init(_ name: String, rv: String, ns: String = "default", labels: [String: String]? = nil, owner: String? = nil) {
        metadata = ObjectMeta(name: name, namespace: ns, labels: labels)
        metadata.resourceVersion = rv
        metadata.uid = "uid-\(name)"
        if let owner {
            metadata.ownerReferences = [OwnerReference(apiVersion: "v1", kind: "Owner", name: owner, uid: owner, controller: true)]
        }
    }
}

/// A `WatchSource` that plays a script: LIST answers and WATCH answers are consumed in order,
/// and every request's options are recorded. When a script runs out, requests hang until
/// cancelled (so a test reads exactly the events it expects).
final class WatchTestSource: WatchSource {
    typealias Object = WatchTestItem

    enum ListAnswer: Sendable {
        case page([WatchTestItem], rv: String, continueToken: String? = nil)
        case fail(any Error)
    }

    enum WatchAnswer: Sendable {
        /// Events, then a normal close.
        case events([WatchEvent<WatchTestItem>])
        /// Events, then a thrown error.
        case eventsThenFail([WatchEvent<WatchTestItem>], any Error)
        /// The request itself fails.
        case fail(any Error)
    }

    struct Script: Sendable {
        var lists: [ListAnswer] = []
        var watches: [WatchAnswer] = []
        var listRequests: [ListOptions] = []
        var watchRequests: [ListOptions] = []
        var openStreams = 0
    }

    let script: Mutex<Script>
    init(lists: [ListAnswer], watches: [WatchAnswer]) { script = Mutex(Script(lists: lists, watches: watches)) }

    var resourceName: String { "test/v1/items" }
    var listRequests: [ListOptions] { script.withLock { $0.listRequests } }
    var watchRequests: [ListOptions] { script.withLock { $0.watchRequests } }
    var openStreams: Int { script.withLock { $0.openStreams } }

    func listPage(options: ListOptions) async throws -> ObjectList<WatchTestItem> {
        let answer = script.withLock { s -> ListAnswer? in
            s.listRequests.append(options)
            return s.lists.isEmpty ? nil : s.lists.removeFirst()
        }
        switch answer {
        case .page(let items, let rv, let token)?: return ObjectList(metadata: ListMeta(resourceVersion: rv, continue: token), items: items)
        case .fail(let e)?: throw e
        case nil: try await hang(); throw CancellationError()
        }
    }

    func watch(options: ListOptions) async throws -> AsyncThrowingStream<WatchEvent<WatchTestItem>, any Error> {
        let answer = script.withLock { s -> WatchAnswer? in
            s.watchRequests.append(options)
            return s.watches.isEmpty ? nil : s.watches.removeFirst()
        }
        let (stream, c) = AsyncThrowingStream<WatchEvent<WatchTestItem>, any Error>.makeStream()
        script.withLock { $0.openStreams += 1 }
        c.onTermination = { [self] _ in self.script.withLock { $0.openStreams -= 1 } }
        switch answer {
        case .events(let events)?:
            for e in events { c.yield(e) }
            c.finish()
        case .eventsThenFail(let events, let error)?:
            for e in events { c.yield(e) }
            c.finish(throwing: error)
        case .fail(let e)?:
            c.finish()
            throw e
        case nil:
            break  // stays open until the consumer goes away
        }
        return stream
    }

    private func hang() async throws {
        while true { try await Task.sleep(for: .seconds(3600)) }
    }
}

func watchTestGone() -> Status { Status(message: "too old resource version", reason: StatusReason.gone, code: 410) }

/// Polls `condition` until it holds or `timeout` seconds pass; returns whether it held.
func watchTestEventually(timeout: Double = 10, _ condition: () async throws -> Bool) async rethrows -> Bool {
    try await pollUntil(timeout: timeout, condition)
}
