import Foundation
import KubeCore
import Logging

/// The simulated data plane: makes workloads behave as on a small GPU cluster. It plays
/// kube-controller-manager's Deployment, ReplicaSet, Job, PV binder, node lifecycle and
/// TTL-after-finished controllers, kube-scheduler, the kubelets, and the CSI snapshotter —
/// all through the emulator's API, so every change is an ordinary write with a watch event.
///
/// One reconcile loop runs every component in turn over the whole cluster (``ReconcilePass``):
/// after each relevant store change (nodes, pods, PVCs, Deployments, ReplicaSets, Jobs,
/// VolumeSnapshots, CRDs), and when a timed transition is due (readiness, completion, progress
/// deadlines, evictions). Components are level-triggered: each pass compares the desired state
/// with the stored one and writes only differences, so passes converge.
///
/// Faults (nodes and zones down, never-ready and failing images, paused controllers, snapshot
/// modes) are set with the methods below or the admin API (see ``handleAdmin(method:path:body:)``).
public final class DataPlane: DataPlaneFaults, Sendable {
    public let configuration: Configuration
    let api: APIServer
    let logger: Logger
    let faults: LockedValue<FaultState>
    /// Held for the whole of a reconcile pass, and by every fault change (``changeFaults(_:)``):
    /// faults change only between passes, so a pass that sees an object written after a fault
    /// change also sees the change. A pass reads the faults once, at its start, but the store
    /// throughout; without this a pass in flight when an image was made failing could see a Job
    /// created just after, and its kubelet would run the Job's pod to `Succeeded` with the
    /// stale faults — an outcome no later pass undoes (likewise a VolumeSnapshot made ready
    /// against `fail`/`hang`, or controllers acting after `setControllersPaused(true)` returned).
    /// Nothing in a pass changes faults, so the lock is never taken twice on one thread.
    let passLock = LockedValue(())
    let memory = LockedValue(DataPlaneMemory())
    let nextWake = LockedValue<Date?>(nil)
    let tasks = LockedValue<[Task<Void, Never>]>([])
    let wakeContinuation = LockedValue<AsyncStream<Void>.Continuation?>(nil)
    /// Completed reconcile passes (for tests and diagnostics).
    let passes = LockedValue(0)

    public init(api: APIServer, configuration: Configuration = Configuration(), logger: Logger = Logger(label: "emulator.dataplane")) {
        self.api = api
        self.configuration = configuration
        self.logger = logger
        var f = FaultState()
        f.neverReadyImages = configuration.neverReadyImages
        f.failingImages = configuration.failingImages
        self.faults = LockedValue(f)
    }

    // MARK: Lifecycle

    /// Registers the cluster's nodes through the API and starts the reconcile loop.
    public func start() {
        guard tasks.value.isEmpty else { return }
        createNodes()
        let (wakes, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        wakeContinuation.value = continuation
        let feed = api.store.subscribe()
        let tick = configuration.tickInterval
        let feedTask = Task {
            for await event in feed where DataPlaneKeys.watched.contains(event.storageKey) {
                continuation.yield()
            }
        }
        let tickTask = Task { [nextWake] in
            while !Task.isCancelled {
                try? await Task.sleep(for: tick)
                if let due = nextWake.value, due <= Date() { continuation.yield() }
            }
        }
        let loopTask = Task { [self] in
            for await _ in wakes {
                if Task.isCancelled { break }
                reconcile()
            }
        }
        tasks.value = [feedTask, tickTask, loopTask]
        continuation.yield()
        logger.info("data plane started", metadata: ["nodes": "\(configuration.cluster.nodes.count)"])
    }

    /// Stops the reconcile loop (the objects stay as they are).
    public func stop() {
        wakeContinuation.value?.finish()
        wakeContinuation.value = nil
        for t in tasks.value { t.cancel() }
        tasks.value = []
    }

    /// Asks for a reconcile pass soon.
    public func wake() { wakeContinuation.value?.yield() }

    func createNodes() {
        guard let def = api.definition(forStorageKey: DataPlaneKeys.nodes) else { return }
        let writer = ObjectWriter(api: api, manager: ObjectWriter.Manager.kubelet, logger: logger)
        let now = Time(api.clock()).description
        for (i, spec) in configuration.cluster.nodes.enumerated() {
            let node = NodeObjects.node(spec, index: i, now: now)
            if api.store.get(def.storageKey, namespace: "", name: spec.name) == nil {
                writer.create(def, namespace: nil, node)
            }
            // The kubelet posts its status (create may not keep it; a restarted data plane
            // finds the node as it left it).
            writer.update(def, namespace: nil, name: spec.name) { current in
                var o = current
                o["status"] = node["status"]
                return o
            }
        }
    }

    // MARK: The reconcile pass

    func reconcile() {
        passLock.withLock { _ in reconcileUnlocked() }
    }

    private func reconcileUnlocked() {
        let f = faults.value
        guard !f.controllersPaused else {
            nextWake.value = nil
            return
        }
        let pass = ReconcilePass(api: api, now: api.clock(), configuration: configuration, faults: f, memory: memory.value, logger: logger)
        let components: [(ReconcilePass) -> Void] = [
            { TaintEviction(pass: $0).run() },
            { PersistentVolumeBinder(pass: $0).run() },
            { SnapshotController(pass: $0).run() },
            { DeploymentController(pass: $0).run() },
            { ReplicaSetController(pass: $0).run() },
            { JobController(pass: $0).run() },
            { Scheduler(pass: $0).run() },
            { Kubelet(pass: $0).run() },
        ]
        for component in components {
            pass.refresh()
            component(pass)
        }
        pass.memory.prune(
            livePods: Set(api.store.objects(DataPlaneKeys.pods).compactMap(\.uid)),
            liveSnapshots: Set(api.store.objects(DataPlaneKeys.volumeSnapshots).compactMap(\.uid)),
            liveJobs: Set(api.store.objects(DataPlaneKeys.jobs).compactMap(\.uid)))
        memory.value = pass.memory
        nextWake.value = pass.nextWake
        passes.withLock { $0 += 1 }
    }

    // MARK: Faults

    /// The faults in force.
    public var faultState: FaultState { faults.value }

    /// Changes the faults once the pass in flight, if any, has finished (see ``passLock``).
    func changeFaults(_ change: (inout FaultState) -> Void) {
        passLock.withLock { _ in faults.withLock(change) }
    }

    /// Takes a node down (its kubelet stops posting: Ready=Unknown, unreachable taints; its pods
    /// become NotReady) or brings it back. Returns false for an unknown node.
    @discardableResult
    public func setNode(_ name: String, up: Bool) -> Bool {
        guard let def = api.definition(forStorageKey: DataPlaneKeys.nodes), api.store.get(def.storageKey, namespace: "", name: name) != nil else { return false }
        changeFaults { f in
            if up { f.downNodes.remove(name) } else { f.downNodes.insert(name) }
        }
        let now = Time(api.clock()).description
        ObjectWriter(api: api, manager: ObjectWriter.Manager.controllerManager, logger: logger).update(def, namespace: nil, name: name) { current in
            NodeObjects.settingUp(current, up: up, now: now)
        }
        logger.info(up ? "node up" : "node down", metadata: ["node": "\(name)"])
        wake()
        return true
    }

    /// The nodes labelled `topology.kubernetes.io/zone: zone`.
    public func nodes(inZone zone: String) -> [String] {
        api.store.objects(DataPlaneKeys.nodes).filter { $0.dpLabels["topology.kubernetes.io/zone"] == zone }.compactMap(\.name)
    }

    /// Takes every node of a zone down or up; returns the nodes affected (empty for an unknown zone).
    @discardableResult
    public func setZone(_ zone: String, up: Bool) -> [String] {
        let names = nodes(inZone: zone)
        for n in names { setNode(n, up: up) }
        return names
    }

    /// Adds an image to, or removes it from, the never-ready list (nil removes all).
    public func setNeverReady(image: String?, _ on: Bool) {
        changeFaults { f in
            if let image { if on { f.neverReadyImages.insert(image) } else { f.neverReadyImages.remove(image) } } else if !on { f.neverReadyImages.removeAll() }
        }
        wake()
    }

    /// Adds an image to, or removes it from, the failing list (nil removes all).
    public func setFailing(image: String?, _ on: Bool) {
        changeFaults { f in
            if let image { if on { f.failingImages.insert(image) } else { f.failingImages.remove(image) } } else if !on { f.failingImages.removeAll() }
        }
        wake()
    }

    /// Pauses or resumes every simulated component (the API keeps serving).
    public func setControllersPaused(_ paused: Bool) {
        changeFaults { $0.controllersPaused = paused }
        wake()
    }

    /// What VolumeSnapshots do once their delay has passed.
    public func setSnapshotMode(_ mode: SnapshotMode) {
        changeFaults { $0.snapshotMode = mode }
        wake()
    }
}
