import Foundation
import KubeCore
import Logging

/// One pass of the simulated data plane over the cluster: what every component shares while it
/// runs (the API, the time, the faults in force, the memory between passes) and the earliest
/// time something must be looked at again. Lives on the reconcile loop only.
final class ReconcilePass {
    let api: APIServer
    let now: Date
    let configuration: DataPlane.Configuration
    let faults: DataPlane.FaultState
    let logger: Logger
    var memory: DataPlaneMemory
    /// The earliest time a timed transition is due (readiness, completion, deadlines).
    private(set) var nextWake: Date?

    init(api: APIServer, now: Date, configuration: DataPlane.Configuration, faults: DataPlane.FaultState, memory: DataPlaneMemory, logger: Logger) {
        self.api = api
        self.now = now
        self.configuration = configuration
        self.faults = faults
        self.memory = memory
        self.logger = logger
    }

    /// `now` as a Kubernetes timestamp (whole seconds).
    var timestamp: String { Time(now).description }

    /// Asks for another pass at `date`.
    func wake(at date: Date) {
        if let w = nextWake, w <= date { return }
        nextWake = date
    }

    func writer(_ manager: String) -> ObjectWriter {
        ObjectWriter(api: api, manager: manager, logger: logger)
    }

    /// The preferred served version of a resource, nil when it is not served (e.g. a CRD that
    /// is not installed).
    func definition(_ storageKey: String) -> ResourceDefinition? {
        api.definition(forStorageKey: storageKey)
    }

    /// The objects of a resource (in one namespace, or all), as of the start of the component
    /// that asks (see ``refresh()``).
    func objects(_ storageKey: String, namespace: String? = nil) -> [JSONValue] {
        let index = self.index(storageKey)
        guard let namespace else { return index.all }
        return index.byNamespace[namespace] ?? []
    }

    /// The objects an owner may claim (the Kubernetes controller-ref rules): those whose
    /// controller owner reference is `ownerUID`, and the orphans of the namespace (which it may
    /// adopt). Objects controlled by anyone else are never claimed, so they are left out: a
    /// controller finds its objects without scanning the namespace.
    func objects(_ storageKey: String, namespace: String, claimableBy ownerUID: String?) -> [JSONValue] {
        let index = self.index(storageKey)
        let owned = ownerUID.flatMap { index.byController[$0] } ?? []
        return owned.filter { $0.namespace == namespace } + (index.orphansByNamespace[namespace] ?? [])
    }

    /// The objects whose controller owner reference is `ownerUID`.
    func objects(_ storageKey: String, controlledBy ownerUID: String) -> [JSONValue] {
        index(storageKey).byController[ownerUID] ?? []
    }

    /// Drops the indexes, so the next component sees what earlier ones wrote. Within one
    /// component the indexes are not refreshed: a controller acting on one owner never needs
    /// objects it just wrote for another owner (they carry that owner's controller reference).
    func refresh() { indexes = [:] }

    /// A resource's objects indexed for one component's run.
    struct ObjectIndex {
        var all: [JSONValue] = []
        var byNamespace: [String: [JSONValue]] = [:]
        var byController: [String: [JSONValue]] = [:]
        var orphansByNamespace: [String: [JSONValue]] = [:]
    }

    private var indexes: [String: ObjectIndex] = [:]

    private func index(_ storageKey: String) -> ObjectIndex {
        if let index = indexes[storageKey] { return index }
        var index = ObjectIndex()
        index.all = api.store.objects(storageKey)
        for object in index.all {
            let ns = object.namespace ?? ""
            index.byNamespace[ns, default: []].append(object)
            if let owner = object.dpControllerUID {
                index.byController[owner, default: []].append(object)
            } else {
                index.orphansByNamespace[ns, default: []].append(object)
            }
        }
        indexes[storageKey] = index
        return index
    }
}

/// Storage keys of the resources the data plane acts on.
enum DataPlaneKeys {
    static let nodes = "nodes"
    static let pods = "pods"
    static let pvcs = "persistentvolumeclaims"
    static let deployments = "apps/deployments"
    static let replicaSets = "apps/replicasets"
    static let jobs = "batch/jobs"
    static let volumeSnapshots = "snapshot.storage.k8s.io/volumesnapshots"
    static let crds = "apiextensions.k8s.io/customresourcedefinitions"

    /// Changes to these wake the reconcile loop.
    static let watched: Set<String> = [nodes, pods, pvcs, deployments, replicaSets, jobs, volumeSnapshots, crds]
}
