import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Metrics

/// The controller-runtime benchmark: events-to-reconcile throughput through a controller,
/// work-queue overhead per item, and cache memory per Deployment against its JSON size.
enum RuntimeBench {
    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    /// Resident set size of this process, from /proc/self/statm.
    static func rssBytes() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let pages = s.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// A source that emits `count` ConfigMap events over `distinct` names.
    struct SyntheticSource: ControllerSource {
        let count: Int
        let distinct: Int
        func events() -> AsyncStream<SourceEvent<ConfigMap>> {
            AsyncStream { c in
                for i in 0..<count {
                    c.yield(.added(ConfigMap(metadata: ObjectMeta(name: "cm-\(i % distinct)", namespace: "bench"))))
                }
                c.finish()
            }
        }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n }
        var value: Int { lock.lock(); defer { lock.unlock() }; return n }
    }

    struct CountingReconciler: Reconciler {
        let counter: Counter
        func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
            _ = counter.add()
            return .done
        }
    }

    static func run(events: Int, cached: Int) async throws {
        print("| benchmark | items | seconds | per second | per item |")
        print("| --- | ---: | ---: | ---: | ---: |")
        func row(_ name: String, _ n: Int, _ s: Double) {
            print(String(format: "| %@ | %d | %.3f | %.0f | %.2f µs |", name, n, s, Double(n) / s, s / Double(n) * 1e6))
        }

        // Work-queue overhead: add, get, done for distinct keys, one worker.
        let queue = WorkQueue<ReconcileRequest>(name: "bench", metricsFactory: NOOPMetricsHandler.instance)
        var start = ContinuousClock.now
        for i in 0..<events { queue.add(ReconcileRequest(namespace: "bench", name: "k\(i)")) }
        for _ in 0..<events {
            guard let k = await queue.get() else { break }
            queue.done(k)
        }
        row("work queue add+get+done", events, seconds(ContinuousClock.now - start))

        // Events to reconciles: every event a distinct key, 4 workers.
        let counter = Counter()
        let controller = Controller(name: "bench", reconciler: CountingReconciler(counter: counter), options: ControllerOptions(maxConcurrentReconciles: 4, resyncPeriod: nil, metricsFactory: NOOPMetricsHandler.instance))
        controller.watchPrimary(SyntheticSource(count: events, distinct: events))
        start = ContinuousClock.now
        let running = Task { await controller.run() }
        while counter.value < events { try await Task.sleep(for: .milliseconds(5)) }
        row("events to reconciles (distinct keys)", events, seconds(ContinuousClock.now - start))
        controller.stop()
        await running.value

        // Collapsing: 10 events per key, the queue de-duplicates.
        let counter2 = Counter()
        let controller2 = Controller(name: "bench2", reconciler: CountingReconciler(counter: counter2), options: ControllerOptions(maxConcurrentReconciles: 4, resyncPeriod: nil, metricsFactory: NOOPMetricsHandler.instance))
        controller2.watchPrimary(SyntheticSource(count: events, distinct: events / 10))
        start = ContinuousClock.now
        let running2 = Task { await controller2.run() }
        // Every key reconciled at least once, then the queue drained and idle.
        while counter2.value < events / 10 { try await Task.sleep(for: .milliseconds(5)) }
        while controller2.queue.count > 0 || controller2.activeWorkers > 0 { try await Task.sleep(for: .milliseconds(5)) }
        let elapsed = seconds(ContinuousClock.now - start)
        row("events to reconciles (10 events per key)", events, elapsed)
        print("  reconciles for \(events) events on \(events / 10) keys: \(counter2.value)")
        controller2.stop()
        await running2.value

        // Cache memory per Deployment.
        let jsonSize = SampleObjects.deployment(index: 0).serialized().count
        for (label, typed) in [("typed Deployment", true), ("unstructured", false)] {
            let before = rssBytes()
            if typed {
                let cache = Cache<Deployment>()
                cache.apply(.initStarted)
                for i in 0..<cached { cache.apply(.initApply(try SampleObjects.deployment(index: i).decode(as: Deployment.self))) }
                cache.apply(.initDone)
                let after = rssBytes()
                print("cache, \(label): \(cached) objects, \((after - before) / max(cache.count, 1)) bytes per object (JSON \(jsonSize) bytes)")
            } else {
                let cache = Cache<JSONValue>()
                cache.apply(.initStarted)
                for i in 0..<cached { cache.apply(.initApply(SampleObjects.deployment(index: i))) }
                cache.apply(.initDone)
                let after = rssBytes()
                print("cache, \(label): \(cached) objects, \((after - before) / max(cache.count, 1)) bytes per object (JSON \(jsonSize) bytes)")
            }
        }
    }
}
