import Foundation
import KubeCore
import Logging
import Testing
@testable import KubeRuntime

/// An event source fed by the test.
final class ControllerTestSource<Object: APIObject>: ControllerSource {
    private let stream: AsyncStream<SourceEvent<Object>>
    private let continuation: AsyncStream<SourceEvent<Object>>.Continuation

    init() { (stream, continuation) = AsyncStream.makeStream() }
    func events() -> AsyncStream<SourceEvent<Object>> { stream }
    func send(_ event: SourceEvent<Object>) { continuation.yield(event) }
}

/// A reconciler driven by a closure, recording every request it sees.
final class ControllerTestReconciler: Reconciler {
    let calls = QueueTestBox<[ReconcileRequest]>([])
    private let body: @Sendable (ReconcileRequest, Int) async throws -> ReconcileResult

    init(_ body: @escaping @Sendable (ReconcileRequest, _ attempt: Int) async throws -> ReconcileResult = { _, _ in .done }) {
        self.body = body
    }

    func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        let attempt = calls.withLock { calls -> Int in
            calls.append(request)
            return calls.filter { $0 == request }.count
        }
        return try await body(request, attempt)
    }

    func count(_ request: ReconcileRequest) -> Int { calls.value.filter { $0 == request }.count }
}

struct ControllerTestError: Error {}

@Suite("ControllerTests")
struct ControllerTests {
    let clock = QueueTestClock()
    let metrics = QueueTestMetrics()
    let logLines = QueueTestBox<[QueueTestLogHandler.Line]>([])

    private func makeController(
        _ reconciler: ControllerTestReconciler, workers: Int = 1, resync: Double? = nil
    ) -> Controller {
        Controller(
            name: "test-controller", reconciler: reconciler,
            options: ControllerOptions(
                maxConcurrentReconciles: workers, resyncPeriod: resync, resyncJitterFraction: 0,
                clock: clock, logger: Logger(label: "test", factory: { [logLines] _ in QueueTestLogHandler(lines: logLines) }),
                metricsFactory: metrics))
    }

    private func total(_ result: String) -> Double {
        metrics.value("controller_runtime_reconcile_total", [("controller", "test-controller"), ("result", result)])
    }

    private func idle(_ controller: Controller) async -> Bool {
        await queueTestEventually { controller.queue.count == 0 && controller.queue.processingCount == 0 }
    }

    private static let request = ReconcileRequest(namespace: "ns", name: "obj")

    private static func deployment(_ name: String, namespace: String = "ns") -> Deployment {
        Deployment(metadata: ObjectMeta(name: name, namespace: namespace))
    }

    @Test func doneForgetsAndCountsSuccess() async {
        let reconciler = ControllerTestReconciler()
        let controller = makeController(reconciler)
        let run = Task { await controller.run() }
        controller.enqueue(Self.request)
        #expect(await queueTestEventually { total("success") == 1 })
        #expect(await idle(controller))
        #expect(reconciler.count(Self.request) == 1)
        #expect(controller.queue.readyTime(of: Self.request) == nil)
        controller.stop()
        await run.value
    }

    @Test func requeueUsesPerItemBackoff() async {
        let reconciler = ControllerTestReconciler { _, attempt in attempt == 1 ? .requeue : .done }
        let controller = makeController(reconciler)
        let run = Task { await controller.run() }
        let start = clock.now()
        controller.enqueue(Self.request)
        #expect(await queueTestEventually { controller.queue.readyTime(of: Self.request) != nil })
        #expect(controller.queue.readyTime(of: Self.request) == start + 0.005)
        #expect(controller.queue.numRequeues(Self.request) == 1)
        #expect(total("requeue") == 1)
        clock.advance(by: 0.005)
        #expect(await queueTestEventually { total("success") == 1 })
        #expect(reconciler.count(Self.request) == 2)
        #expect(controller.queue.numRequeues(Self.request) == 0)
        controller.stop()
        await run.value
    }

    @Test func requeueAfterWaitsTheRequestedTimeWithoutBackoff() async {
        let reconciler = ControllerTestReconciler { _, attempt in attempt == 1 ? .requeueAfter(seconds: 30) : .done }
        let controller = makeController(reconciler)
        let run = Task { await controller.run() }
        let start = clock.now()
        controller.enqueue(Self.request)
        #expect(await queueTestEventually { controller.queue.readyTime(of: Self.request) != nil })
        #expect(controller.queue.readyTime(of: Self.request) == start + 30)
        #expect(controller.queue.numRequeues(Self.request) == 0)
        #expect(total("requeue_after") == 1)
        clock.advance(by: 29)
        #expect(await queueTestEventually { clock.pendingDeadlines == [start + 30] })
        #expect(reconciler.count(Self.request) == 1)
        clock.advance(by: 1)
        #expect(await queueTestEventually { total("success") == 1 })
        #expect(reconciler.count(Self.request) == 2)
        controller.stop()
        await run.value
    }

    @Test func requeueAfterForgetsEarlierFailures() async {
        let reconciler = ControllerTestReconciler { _, attempt in
            switch attempt {
            case 1, 2: throw ControllerTestError()
            case 3: return .requeueAfter(seconds: 60)
            default: return .done
            }
        }
        let controller = makeController(reconciler)
        let run = Task { await controller.run() }
        controller.enqueue(Self.request)
        #expect(await queueTestEventually { controller.queue.readyTime(of: Self.request) != nil })
        #expect(controller.queue.numRequeues(Self.request) == 1)
        clock.advance(by: 0.005)
        #expect(await queueTestEventually { reconciler.count(Self.request) == 2 && controller.queue.readyTime(of: Self.request) != nil })
        #expect(controller.queue.numRequeues(Self.request) == 2)
        clock.advance(by: 0.010)
        #expect(await queueTestEventually { total("requeue_after") == 1 })
        #expect(controller.queue.numRequeues(Self.request) == 0)
        #expect(controller.queue.readyTime(of: Self.request) == clock.now() + 60)
        controller.stop()
        await run.value
    }

    @Test func errorsAreRetriedWithExponentialBackoff() async {
        let reconciler = ControllerTestReconciler { _, attempt in
            if attempt <= 3 { throw ControllerTestError() }
            return .done
        }
        let controller = makeController(reconciler)
        let run = Task { await controller.run() }
        controller.enqueue(Self.request)
        for (attempt, delay) in [0.005, 0.010, 0.020].enumerated() {
            #expect(await queueTestEventually { controller.queue.readyTime(of: Self.request) != nil })
            #expect(controller.queue.readyTime(of: Self.request) == clock.now() + delay)
            #expect(controller.queue.numRequeues(Self.request) == attempt + 1)
            clock.advance(by: delay)
            #expect(await queueTestEventually { reconciler.count(Self.request) == attempt + 2 })
        }
        #expect(await queueTestEventually { total("success") == 1 })
        #expect(controller.queue.numRequeues(Self.request) == 0)
        #expect(total("error") == 3)
        #expect(metrics.value("controller_runtime_reconcile_errors_total", [("controller", "test-controller")]) == 3)
        controller.stop()
        await run.value
    }

    @Test func terminalErrorsAreCountedButNotRetried() async {
        let reconciler = ControllerTestReconciler { _, _ in throw TerminalError(ControllerTestError()) }
        let controller = makeController(reconciler)
        let run = Task { await controller.run() }
        controller.enqueue(Self.request)
        #expect(await queueTestEventually { total("error") == 1 })
        #expect(await idle(controller))
        #expect(controller.queue.readyTime(of: Self.request) == nil)
        #expect(controller.queue.numRequeues(Self.request) == 0)
        #expect(clock.pendingDeadlines.isEmpty)
        #expect(metrics.value("controller_runtime_reconcile_errors_total", [("controller", "test-controller")]) == 1)
        #expect(metrics.value("controller_runtime_terminal_reconcile_errors_total", [("controller", "test-controller")]) == 1)
        #expect(reconciler.count(Self.request) == 1)
        controller.stop()
        await run.value
    }

    @Test func oneKeyIsNeverReconciledConcurrently() async {
        struct Flight: Sendable {
            var inFlight: [String: Int] = [:]
            var maxPerKey = 0
            var total = 0
            var maxTotal = 0
        }
        let flight = QueueTestBox(Flight())
        let reconciler = ControllerTestReconciler { request, _ in
            flight.withLock { f in
                f.inFlight[request.name, default: 0] += 1
                f.total += 1
                f.maxPerKey = max(f.maxPerKey, f.inFlight[request.name]!)
                f.maxTotal = max(f.maxTotal, f.total)
            }
            for _ in 0..<20 { await Task.yield() }
            flight.withLock { f in
                f.inFlight[request.name]! -= 1
                f.total -= 1
            }
            return .done
        }
        let controller = makeController(reconciler, workers: 8)
        let run = Task { await controller.run() }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for i in 0..<400 {
                        controller.enqueue(ReconcileRequest(namespace: "ns", name: "key-\(i % 5)"))
                        await Task.yield()
                    }
                }
            }
        }
        #expect(await idle(controller))
        #expect(flight.value.maxPerKey == 1)
        #expect(flight.value.maxTotal > 1, "workers ran in parallel on distinct keys")
        #expect(reconciler.calls.value.count > 5, "keys were re-added while in flight")
        controller.stop()
        await run.value
    }

    @Test func primaryWatchEnqueuesTheObjectAndResyncReenqueuesLiveOnes() async {
        let reconciler = ControllerTestReconciler()
        let controller = makeController(reconciler, resync: 100)
        let source = ControllerTestSource<Deployment>()
        controller.watchPrimary(source)
        let run = Task { await controller.run() }
        let a = ReconcileRequest(namespace: "ns", name: "a")
        let b = ReconcileRequest(namespace: "ns", name: "b")
        source.send(.added(Self.deployment("a")))
        source.send(.added(Self.deployment("b")))
        #expect(await queueTestEventually { reconciler.count(a) == 1 && reconciler.count(b) == 1 })
        #expect(await idle(controller))
        source.send(.deleted(Self.deployment("b")))
        #expect(await queueTestEventually { reconciler.count(b) == 2 })
        #expect(await idle(controller))
        #expect(await queueTestEventually { clock.pendingDeadlines.count == 1 })
        clock.advance(by: 100)
        #expect(await queueTestEventually { reconciler.count(a) == 2 })
        #expect(await idle(controller))
        #expect(reconciler.count(b) == 2, "a deleted object is not resynced")
        controller.stop()
        await run.value
    }

    @Test func ownerMappingFollowsTheControllerReference() async {
        func replicaSet(_ name: String, owners: [OwnerReference]) -> ReplicaSet {
            ReplicaSet(metadata: ObjectMeta(name: name, namespace: "prod", ownerReferences: owners))
        }
        let mapping = EventMapping<ReplicaSet>.owner(Deployment.self)
        let controllerRef = OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "u1", controller: true)
        let otherVersion = OwnerReference(apiVersion: "apps/v1beta2", kind: "Deployment", name: "web", uid: "u1", controller: true)
        let notController = OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "u1")
        let otherKind = OwnerReference(apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: "u1", controller: true)
        let otherGroup = OwnerReference(apiVersion: "example.com/v1", kind: "Deployment", name: "web", uid: "u1", controller: true)
        let web = ReconcileRequest(namespace: "prod", name: "web")
        #expect(await mapping.map(replicaSet("rs", owners: [controllerRef])) == [web])
        #expect(await mapping.map(replicaSet("rs", owners: [notController, otherVersion])) == [web])
        #expect(await mapping.map(replicaSet("rs", owners: [notController])) == [])
        #expect(await mapping.map(replicaSet("rs", owners: [otherKind])) == [])
        #expect(await mapping.map(replicaSet("rs", owners: [otherGroup])) == [])
        #expect(await mapping.map(replicaSet("rs", owners: [])) == [])
        // Unstructured objects are read the same way.
        let json = try! JSONValue.parse(
            #"{"metadata":{"name":"rs","namespace":"prod","ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"u1","controller":true}]}}"#)
        #expect(await EventMapping<JSONValue>.owner(Deployment.self).map(json) == [web])

        // Through a controller: only the controlling owner is reconciled.
        let reconciler = ControllerTestReconciler()
        let controller = makeController(reconciler)
        let source = ControllerTestSource<ReplicaSet>()
        controller.watchOwned(source, owner: Deployment.self)
        let run = Task { await controller.run() }
        source.send(.added(replicaSet("orphan", owners: [otherKind])))
        source.send(.updated(old: replicaSet("rs", owners: []), new: replicaSet("rs", owners: [controllerRef])))
        #expect(await queueTestEventually { reconciler.count(web) == 1 })
        #expect(await idle(controller))
        #expect(reconciler.calls.value == [web])
        controller.stop()
        await run.value
    }

    @Test func updateEnqueuesBothOldAndNewOwners() async {
        let mapping = EventMapping<ReplicaSet>.owner(Deployment.self)
        let reconciler = ControllerTestReconciler()
        let controller = makeController(reconciler)
        let source = ControllerTestSource<ReplicaSet>()
        controller.watch(source, mapping: mapping)
        let run = Task { await controller.run() }
        func rs(owner: String) -> ReplicaSet {
            ReplicaSet(metadata: ObjectMeta(name: "rs", namespace: "ns", ownerReferences: [
                OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: owner, uid: owner, controller: true)
            ]))
        }
        source.send(.updated(old: rs(owner: "old"), new: rs(owner: "new")))
        #expect(await queueTestEventually { reconciler.calls.value.count == 2 })
        #expect(Set(reconciler.calls.value) == [ReconcileRequest(namespace: "ns", name: "old"), ReconcileRequest(namespace: "ns", name: "new")])
        controller.stop()
        await run.value
    }

    @Test func customMappingEnqueuesEveryReferencingObject() async {
        // A change to a model (a ConfigMap here) wakes every deployment that references it.
        let references: [String: [ReconcileRequest]] = [
            "model-a": [ReconcileRequest(namespace: "ns", name: "d1"), ReconcileRequest(namespace: "ns", name: "d2")],
            "model-b": [ReconcileRequest(namespace: "ns", name: "d3")],
        ]
        let reconciler = ControllerTestReconciler()
        let controller = makeController(reconciler, workers: 2)
        let source = ControllerTestSource<ConfigMap>()
        controller.watch(source, mapping: .custom { model in references[model.metadata.name ?? ""] ?? [] })
        let run = Task { await controller.run() }
        source.send(.updated(old: ConfigMap(metadata: ObjectMeta(name: "model-a", namespace: "ns")),
                             new: ConfigMap(metadata: ObjectMeta(name: "model-a", namespace: "ns"))))
        #expect(await queueTestEventually { reconciler.calls.value.count == 2 })
        #expect(await idle(controller))
        #expect(Set(reconciler.calls.value) == Set(references["model-a"]!))
        #expect(reconciler.calls.value.count == 2, "old and new map to the same requests, enqueued once")
        controller.stop()
        await run.value
    }

    @Test func everyReconcileHasItsOwnIDAndContext() async {
        let contexts = QueueTestBox<[ReconcileContext]>([])
        let reconciler = ControllerTestReconciler { _, _ in
            if let context = ReconcileContext.current { contexts.withLock { $0.append(context) } }
            return .done
        }
        let controller = makeController(reconciler)
        let run = Task { await controller.run() }
        controller.enqueue(Self.request)
        #expect(await queueTestEventually { contexts.value.count == 1 })
        #expect(await idle(controller))
        controller.enqueue(Self.request)
        #expect(await queueTestEventually { contexts.value.count == 2 })
        let (first, second) = (contexts.value[0], contexts.value[1])
        #expect(UUID(uuidString: first.reconcileID) != nil)
        #expect(first.reconcileID != second.reconcileID)
        #expect(first.controller == "test-controller")
        #expect(first.request == Self.request)
        #expect(first.logger[metadataKey: "reconcileID"] == .string(first.reconcileID))
        #expect(first.logger[metadataKey: "controller"] == "test-controller")
        #expect(first.logger[metadataKey: "namespace"] == "ns")
        #expect(first.logger[metadataKey: "name"] == "obj")
        controller.stop()
        await run.value
    }

    @Test func everyLogLineOfAReconcileCarriesItsID() async {
        let reconciler = ControllerTestReconciler { _, attempt in
            ReconcileContext.current?.logger.info("inside the reconciler")
            if attempt == 1 { throw ControllerTestError() }
            return .done
        }
        let controller = makeController(reconciler)
        let run = Task { await controller.run() }
        controller.enqueue(Self.request)
        #expect(await queueTestEventually { total("error") == 1 })
        #expect(await idle(controller))
        let reconcileLines = logLines.value.filter { $0.metadata["reconcileID"] != nil }
        #expect(reconcileLines.contains { $0.message == "inside the reconciler" })
        #expect(reconcileLines.contains { $0.message == "Reconciler error" && $0.level == .error && $0.metadata["error"] != nil })
        #expect(Set(reconcileLines.map { $0.metadata["reconcileID"]!.description }).count == 1)
        for line in reconcileLines {
            #expect(line.metadata["controller"] == "test-controller")
            #expect(line.metadata["namespace"] == "ns")
            #expect(line.metadata["name"] == "obj")
        }
        controller.stop()
        await run.value
    }

    @Test func stopLetsInFlightReconcilesFinish() async {
        let gate = AsyncStream<Void>.makeStream()
        let finished = QueueTestBox(false)
        let reconciler = ControllerTestReconciler { _, _ in
            for await _ in gate.stream { break }
            finished.withLock { $0 = true }
            return .done
        }
        let controller = makeController(reconciler, workers: 2)
        let returned = QueueTestBox(false)
        let run = Task {
            await controller.run()
            returned.withLock { $0 = true }
        }
        controller.enqueue(Self.request)
        #expect(await queueTestEventually { controller.activeWorkers == 1 })
        controller.stop()
        controller.enqueue(ReconcileRequest(namespace: "ns", name: "late"))
        for _ in 0..<100 { await Task.yield() }
        #expect(returned.value == false, "run waits for the in-flight reconcile")
        gate.continuation.yield()
        await run.value
        #expect(finished.value)
        #expect(returned.value)
        #expect(reconciler.calls.value == [Self.request], "no new work after stop")
        #expect(metrics.value("controller_runtime_active_workers", [("controller", "test-controller")]) == 0)
    }

    @Test func cancellingRunShutsTheQueueDown() async {
        let controller = makeController(ControllerTestReconciler())
        let run = Task { await controller.run() }
        #expect(await queueTestEventually { clock.pendingDeadlines.isEmpty })
        run.cancel()
        await run.value
        #expect(controller.queue.isShuttingDown)
    }

    @Test func defaultsAreControllerRuntimes() {
        #expect(ControllerOptions.defaultMaxConcurrentReconciles == 1)
        #expect(ControllerOptions.defaultResyncPeriod == 36_000)
        #expect(ControllerOptions.defaultResyncJitterFraction == 0.1)
        let options = ControllerOptions(resyncJitterFraction: 0.1)
        for _ in 0..<50 {
            let period = options.jitteredResyncPeriod(100)
            #expect(period >= 100 && period <= 110)
        }
    }
}
