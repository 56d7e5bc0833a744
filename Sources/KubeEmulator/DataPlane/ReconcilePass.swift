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

    func objects(_ storageKey: String, namespace: String? = nil) -> [JSONValue] {
        api.store.objects(storageKey, namespace: namespace)
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
