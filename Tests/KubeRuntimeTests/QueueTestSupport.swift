import CoreMetrics
import Foundation
import Logging
import KubeClient
import Synchronization
@testable import KubeRuntime

/// A manual clock: `now()` moves only with `advance(by:)`, which wakes the sleepers whose
/// deadline has passed. Sleeps honour cancellation.
final class QueueTestClock: KubeClock {
    private struct Sleeper {
        var id: UInt64
        var deadline: Double
        var continuation: CheckedContinuation<Void, any Error>
    }
    private struct State {
        var now: Double
        var sleepers: [Sleeper] = []
        var nextID: UInt64 = 0
    }
    private let state: Mutex<State>

    init(now: Double = 1_000) { state = Mutex(State(now: now)) }

    func now() -> Double { state.withLock { $0.now } }

    /// Deadlines of the sleeps in progress, earliest first.
    var pendingDeadlines: [Double] { state.withLock { $0.sleepers.map(\.deadline).sorted() } }

    func sleep(seconds: Double) async throws {
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                let immediate = state.withLock { s -> (any Error)?? in
                    if Task.isCancelled { return .some(CancellationError()) }
                    if seconds <= 0 { return .some(nil) }
                    s.sleepers.append(Sleeper(id: id, deadline: s.now + seconds, continuation: c))
                    return .none
                }
                switch immediate {
                case .none: break
                case .some(.none): c.resume()
                case .some(.some(let error)): c.resume(throwing: error)
                }
            }
        } onCancel: {
            let sleeper = state.withLock { s -> Sleeper? in
                guard let i = s.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return s.sleepers.remove(at: i)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    func advance(by seconds: Double) {
        let due = state.withLock { s -> [Sleeper] in
            s.now += seconds
            // A tolerance for floating-point rounding of `start + (deadline - start)`.
            let now = s.now + 1e-9
            let due = s.sleepers.filter { $0.deadline <= now }.sorted { $0.deadline < $1.deadline }
            s.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        due.forEach { $0.continuation.resume() }
    }
}

/// Polls `condition` (yielding, with a short real pause) until it holds or `timeout` seconds pass.
/// A synchronisation aid only: assertions never depend on how long this takes.
func queueTestEventually(timeout: Double = 10, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return true }
        await Task.yield()
        try? await Task.sleep(for: .milliseconds(1))
    }
    return try await condition()
}

/// `get()` with a safety timeout, so a broken queue fails a test instead of hanging it.
func queueTestGet<Key: Hashable & Sendable>(_ queue: WorkQueue<Key>, timeout: Double = 10) async -> Key? {
    await withTaskGroup(of: Key?.self) { group in
        group.addTask { await queue.get() }
        group.addTask {
            try? await Task.sleep(for: .seconds(timeout))
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}

/// A shared mutable box for test bookkeeping.
final class QueueTestBox<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
    var value: Value { mutex.withLock { $0 } }
}

/// A metrics factory that keeps counter totals and last gauge values by label and dimensions.
final class QueueTestMetrics: MetricsFactory, Sendable {
    private let values = Mutex<[String: Double]>([:])
    private let recordings = Mutex<[String: [Double]]>([:])

    static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        label + "{" + dimensions.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + "}"
    }

    func value(_ label: String, _ dimensions: [(String, String)]) -> Double {
        values.withLock { $0[Self.key(label, dimensions)] ?? 0 }
    }

    func recorded(_ label: String, _ dimensions: [(String, String)]) -> [Double] {
        recordings.withLock { $0[Self.key(label, dimensions)] ?? [] }
    }

    final class Handler: CounterHandler, FloatingPointCounterHandler, RecorderHandler, TimerHandler, MeterHandler, Sendable {
        let key: String
        let owner: QueueTestMetrics
        init(key: String, owner: QueueTestMetrics) {
            self.key = key
            self.owner = owner
        }
        func increment(by amount: Int64) { owner.values.withLock { $0[key, default: 0] += Double(amount) } }
        func increment(by amount: Double) { owner.values.withLock { $0[key, default: 0] += amount } }
        func reset() { owner.values.withLock { $0[key] = 0 } }
        func record(_ value: Int64) { record(Double(value)) }
        func record(_ value: Double) {
            owner.values.withLock { $0[key] = value }
            owner.recordings.withLock { $0[key, default: []].append(value) }
        }
        func recordNanoseconds(_ duration: Int64) { record(Double(duration) / 1e9) }
        func set(_ value: Int64) { record(Double(value)) }
        func set(_ value: Double) { record(value) }
        func decrement(by amount: Double) { owner.values.withLock { $0[key, default: 0] -= amount } }
    }

    private func handler(_ label: String, _ dimensions: [(String, String)]) -> Handler {
        Handler(key: Self.key(label, dimensions), owner: self)
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler { handler(label, dimensions) }
    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        handler(label, dimensions)
    }
    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        handler(label, dimensions)
    }
    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler { handler(label, dimensions) }
    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler { handler(label, dimensions) }
    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyMeter(_ handler: any MeterHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}
}

/// A log handler that keeps every line (with its merged metadata) instead of printing it.
struct QueueTestLogHandler: LogHandler {
    struct Line: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
    }
    let lines: QueueTestBox<[Line]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        lines.withLock { $0.append(Line(level: event.level, message: "\(event.message)", metadata: merged)) }
    }
}
