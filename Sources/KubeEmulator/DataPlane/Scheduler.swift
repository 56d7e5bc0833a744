import Foundation
import KubeCore

/// kube-scheduler's role: binds each pending pod (no `spec.nodeName`, `schedulerName` unset or
/// `default-scheduler`, no scheduling gates) to a node that passes the default filters, in
/// kube-scheduler's plugin order, stopping at the first failing one per node:
///
/// 1. NodeUnschedulable: `spec.unschedulable` nodes, unless the pod tolerates
///    `node.kubernetes.io/unschedulable:NoSchedule` — "node(s) were unschedulable";
/// 2. TaintToleration: every NoSchedule/NoExecute taint must be tolerated — "node(s) had
///    untolerated taint {key: value}";
/// 3. node readiness (Ready=True; the taints of a down node usually reject first) — "node(s)
///    were not ready";
/// 4. NodeAffinity: `nodeSelector` and required node affinity — "node(s) didn't match Pod's
///    node affinity/selector";
/// 5. NodeResourcesFit: pod count and every requested resource (cpu, memory,
///    ephemeral-storage, extended resources such as `nvidia.com/gpu` and `nvidia.com/mig-*`)
///    against allocatable minus the requests of the node's non-terminal pods — "Too many
///    pods", "Insufficient <resource>".
///
/// Before the filters, the VolumeBinding pre-filter requires every referenced PVC to exist and
/// be Bound. Among fitting nodes the choice is NodeResourcesFit's LeastAllocated score on cpu
/// and memory (with the non-zero request defaults), ties broken by node name (kube-scheduler
/// picks at random among ties). A pod that fits nowhere gets `PodScheduled=False`, reason
/// `Unschedulable`, with kube-scheduler's `FitError` message, e.g. `0/4 nodes are available:
/// 1 Insufficient nvidia.com/gpu, 3 node(s) had untolerated taint {nvidia.com/gpu: present}.
/// preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3
/// Preemption is not helpful for scheduling.` Pods are taken by priority, then age.
struct Scheduler {
    static let defaultSchedulerName = "default-scheduler"
    static let unschedulableTaintKey = "node.kubernetes.io/unschedulable"
    let pass: ReconcilePass

    /// A node as the scheduler's cache sees it.
    struct NodeState {
        var name: String
        var labels: [String: String]
        var taints: [JSONValue]
        var allocatable: [String: Quantity]
        var ready: Bool
        var unschedulable: Bool
        var requested: [String: Quantity] = [:]
        var nonZeroMilliCPU: Int64 = 0
        var nonZeroMemory: Int64 = 0
        var podCount = 0

        mutating func account(_ pod: JSONValue) {
            PodResources.add(&requested, PodResources.pod(pod))
            let nz = PodResources.nonZero(pod)
            nonZeroMilliCPU += nz.milliCPU
            nonZeroMemory += nz.memory
            podCount += 1
        }
    }

    /// Why a node was rejected: the failing plugin's reasons, and whether preemption could help.
    struct Rejection {
        var reasons: [String]
        var resolvableByPreemption: Bool
    }

    static func isReady(_ node: JSONValue) -> Bool { node.dpConditionTrue("Ready") }

    static func isTerminal(_ pod: JSONValue) -> Bool {
        let phase = pod["status"]["phase"].stringValue
        return phase == "Succeeded" || phase == "Failed"
    }

    func run() {
        guard let podDef = pass.definition(DataPlaneKeys.pods) else { return }
        let pods = pass.objects(DataPlaneKeys.pods)
        var nodes = pass.objects(DataPlaneKeys.nodes).compactMap { n -> NodeState? in
            guard let name = n.name else { return nil }
            return NodeState(
                name: name, labels: n.dpLabels, taints: n["spec"]["taints"].arrayValue ?? [],
                allocatable: (n["status"]["allocatable"].objectValue ?? [:]).compactMapValues(PodResources.quantity),
                ready: Self.isReady(n), unschedulable: n["spec"]["unschedulable"].boolValue == true)
        }
        let index = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.name, $0) })
        var pending: [JSONValue] = []
        for pod in pods {
            if let nodeName = pod["spec"]["nodeName"].stringValue, !nodeName.isEmpty {
                if !Self.isTerminal(pod), let i = index[nodeName] { nodes[i].account(pod) }
            } else if isSchedulable(pod) {
                pending.append(pod)
            }
        }
        pending.sort { a, b in
            let pa = a["spec"]["priority"].intValue ?? 0, pb = b["spec"]["priority"].intValue ?? 0
            if pa != pb { return pa > pb }
            if a.dpCreated != b.dpCreated { return a.dpCreated < b.dpCreated }
            return a.dpKey < b.dpKey
        }
        let writer = pass.writer(ObjectWriter.Manager.scheduler)
        for pod in pending {
            switch schedule(pod, nodes) {
            case .success(let i):
                if bind(pod, to: nodes[i].name, podDef, writer) { nodes[i].account(pod) }
            case .failure(let error):
                markUnschedulable(pod, message: error.message, podDef, writer)
            }
        }
    }

    func isSchedulable(_ pod: JSONValue) -> Bool {
        guard !pod.dpTerminating, !Self.isTerminal(pod) else { return false }
        let scheduler = pod["spec"]["schedulerName"].stringValue ?? ""
        guard scheduler.isEmpty || scheduler == Self.defaultSchedulerName else { return false }
        return (pod["spec"]["schedulingGates"].arrayValue ?? []).isEmpty
    }

    struct FitError: Error { var message: String }

    /// The chosen node's index, or kube-scheduler's message.
    func schedule(_ pod: JSONValue, _ nodes: [NodeState]) -> Result<Int, FitError> {
        let total = nodes.count
        if total == 0 { return .failure(FitError(message: "no nodes available to schedule pods")) }
        if let volumeProblem = volumePreFilter(pod) {
            return .failure(FitError(message: "0/\(total) nodes are available: \(volumeProblem). preemption: 0/\(total) nodes are available: \(total) Preemption is not helpful for scheduling."))
        }
        let requests = PodResources.pod(pod)
        var fitting: [Int] = []
        var reasons: [String: Int] = [:]
        var preemption: [String: Int] = [:]
        for (i, node) in nodes.enumerated() {
            if let r = filter(pod, requests: requests, node) {
                for reason in r.reasons { reasons[reason, default: 0] += 1 }
                preemption[r.resolvableByPreemption ? "No preemption victims found for incoming pod" : "Preemption is not helpful for scheduling", default: 0] += 1
            } else {
                fitting.append(i)
            }
        }
        if let best = fitting.max(by: { a, b in
            let sa = score(pod, nodes[a]), sb = score(pod, nodes[b])
            return sa != sb ? sa < sb : nodes[a].name > nodes[b].name
        }) {
            return .success(best)
        }
        func histogram(_ h: [String: Int]) -> String { h.map { "\($0.value) \($0.key)" }.sorted().joined(separator: ", ") }
        return .failure(FitError(message: "0/\(total) nodes are available: \(histogram(reasons)). preemption: 0/\(total) nodes are available: \(histogram(preemption))."))
    }

    /// The VolumeBinding pre-filter: referenced PVCs must exist, not be terminating, and be Bound.
    func volumePreFilter(_ pod: JSONValue) -> String? {
        let ns = pod.namespace ?? ""
        for v in pod["spec"]["volumes"].arrayValue ?? [] {
            guard let claim = v["persistentVolumeClaim"]["claimName"].stringValue else { continue }
            guard let pvc = pass.api.store.get(DataPlaneKeys.pvcs, namespace: ns, name: claim) else {
                return "persistentvolumeclaim \"\(claim)\" not found"
            }
            if pvc.dpTerminating { return "persistentvolumeclaim \"\(claim)\" is being deleted" }
            if pvc["status"]["phase"].stringValue != "Bound" { return "pod has unbound immediate PersistentVolumeClaims" }
        }
        return nil
    }

    /// nil when the pod fits the node.
    func filter(_ pod: JSONValue, requests: [String: Quantity], _ node: NodeState) -> Rejection? {
        let tolerations = NodeMatching.tolerations(pod)
        if node.unschedulable {
            let unschedulableTaint: JSONValue = ["key": .string(Self.unschedulableTaintKey), "effect": "NoSchedule"]
            if !tolerations.contains(where: { NodeMatching.tolerates($0, unschedulableTaint) }) {
                return Rejection(reasons: ["node(s) were unschedulable"], resolvableByPreemption: false)
            }
        }
        if let taint = NodeMatching.firstUntoleratedTaint(node.taints, tolerations) {
            return Rejection(reasons: ["node(s) had untolerated taint {\(taint["key"].stringValue ?? ""): \(taint["value"].stringValue ?? "")}"], resolvableByPreemption: false)
        }
        if !node.ready {
            return Rejection(reasons: ["node(s) were not ready"], resolvableByPreemption: false)
        }
        if !NodeMatching.matchesNodeSelectorAndAffinity(pod, nodeName: node.name, labels: node.labels) {
            return Rejection(reasons: ["node(s) didn't match Pod's node affinity/selector"], resolvableByPreemption: false)
        }
        var insufficient: [String] = []
        let maxPods = node.allocatable["pods"]?.value ?? 0
        if Int64(node.podCount + 1) > maxPods { insufficient.append("Too many pods") }
        for (resource, amount) in requests.sorted(by: { $0.key < $1.key }) where !amount.isZero && resource != "pods" {
            let free = node.allocatable[resource, default: .zero] - node.requested[resource, default: .zero]
            if amount > free { insufficient.append("Insufficient \(resource)") }
        }
        return insufficient.isEmpty ? nil : Rejection(reasons: insufficient, resolvableByPreemption: true)
    }

    /// LeastAllocated (`noderesources.leastResourceScorer`) on cpu and memory, weight 1 each:
    /// per resource `(allocatable - requested) * 100 / allocatable`, requested including the pod.
    func score(_ pod: JSONValue, _ node: NodeState) -> Int64 {
        let nz = PodResources.nonZero(pod)
        func least(_ requested: Int64, _ allocatable: Int64) -> Int64 {
            guard allocatable > 0, requested <= allocatable else { return 0 }
            return (allocatable - requested) * 100 / allocatable
        }
        let cpu = least(node.nonZeroMilliCPU + nz.milliCPU, node.allocatable["cpu"]?.milliValue ?? 0)
        let memory = least(node.nonZeroMemory + nz.memory, node.allocatable["memory"]?.value ?? 0)
        return (cpu + memory) / 2
    }

    /// The binding (`pods/binding`): sets `spec.nodeName` and `PodScheduled=True` in one write,
    /// as the binding subresource does.
    func bind(_ pod: JSONValue, to node: String, _ def: ResourceDefinition, _ writer: ObjectWriter) -> Bool {
        guard let name = pod.name else { return false }
        let now = pass.timestamp
        let stored = writer.update(def, namespace: pod.namespace, name: name) { current in
            guard (current["spec"]["nodeName"].stringValue ?? "").isEmpty, !current.dpTerminating else { return nil }
            var o = current
            o["spec"]["nodeName"] = .string(node)
            let cond = Conditions.pod("PodScheduled", true, previous: nil, now: now)
            o["status"]["conditions"] = .array(Conditions.replacing(current["status"]["conditions"].arrayValue ?? [], with: cond))
            return o
        }
        if stored != nil { pass.logger.debug("scheduled pod", metadata: ["pod": "\(pod.dpKey)", "node": "\(node)"]) }
        return stored?["spec"]["nodeName"].stringValue == node
    }

    func markUnschedulable(_ pod: JSONValue, message: String, _ def: ResourceDefinition, _ writer: ObjectWriter) {
        guard let name = pod.name else { return }
        let now = pass.timestamp
        writer.update(def, namespace: pod.namespace, name: name) { current in
            let previous = current.dpCondition("PodScheduled")
            if previous?["status"].stringValue == "False", previous?["reason"].stringValue == "Unschedulable", previous?["message"].stringValue == message { return nil }
            var o = current
            let cond = Conditions.pod("PodScheduled", false, reason: "Unschedulable", message: message, previous: previous, now: now)
            o["status"]["conditions"] = .array(Conditions.replacing(current["status"]["conditions"].arrayValue ?? [], with: cond))
            return o
        }
    }
}
