import Foundation
import KubeCore

/// The node lifecycle controller's taint-based eviction (`TaintEvictionController`): a pod on
/// a node with NoExecute taints is deleted at once when it does not tolerate one of them, or
/// when the smallest `tolerationSeconds` of the tolerations it uses has elapsed since the taint's
/// `timeAdded`. Pods with no toleration for `node.kubernetes.io/unreachable` or `not-ready`
/// count as tolerating it for ``DataPlane/Configuration/notReadyTolerationSeconds`` (300 s):
/// kube-apiserver's DefaultTolerationSeconds admission plugin gives every pod those tolerations.
struct TaintEviction {
    static let defaultedTaintKeys: Set<String> = [NodeObjects.unreachableTaintKey, "node.kubernetes.io/not-ready"]
    let pass: ReconcilePass

    func run() {
        guard let podDef = pass.definition(DataPlaneKeys.pods) else { return }
        var noExecute: [String: [JSONValue]] = [:]
        for n in pass.objects(DataPlaneKeys.nodes) {
            let taints = (n["spec"]["taints"].arrayValue ?? []).filter { $0["effect"].stringValue == "NoExecute" }
            if let name = n.name, !taints.isEmpty { noExecute[name] = taints }
        }
        guard !noExecute.isEmpty else { return }
        let writer = pass.writer(ObjectWriter.Manager.controllerManager)
        for pod in pass.objects(DataPlaneKeys.pods) {
            guard let node = pod["spec"]["nodeName"].stringValue, let taints = noExecute[node], let name = pod.name,
                  !pod.dpTerminating, !Scheduler.isTerminal(pod) else { continue }
            guard let at = evictionTime(pod, taints) else { continue }
            if at <= pass.now {
                pass.logger.info("evicting pod from tainted node", metadata: ["pod": "\(pod.dpKey)", "node": "\(node)"])
                writer.delete(podDef, namespace: pod.namespace, name: name)
            } else {
                pass.wake(at: at)
            }
        }
    }

    /// When the pod must go; nil when it tolerates every NoExecute taint forever.
    func evictionTime(_ pod: JSONValue, _ taints: [JSONValue]) -> Date? {
        let tolerations = NodeMatching.tolerations(pod)
        var earliest: Date?
        for taint in taints {
            let added = taint["timeAdded"].dpDate ?? pass.now
            let matching = tolerations.filter { NodeMatching.tolerates($0, taint) }
            var seconds: Int64?
            if matching.isEmpty {
                guard Self.defaultedTaintKeys.contains(taint["key"].stringValue ?? "") else { return pass.now }
                seconds = pass.configuration.notReadyTolerationSeconds
            } else {
                // `getMinTolerationTime`: the smallest bound among the tolerations that have one;
                // forever when none has.
                seconds = matching.compactMap { $0["tolerationSeconds"].intValue }.min().map { max(0, $0) }
            }
            if let s = seconds {
                let t = added.addingTimeInterval(TimeInterval(s))
                earliest = min(earliest ?? t, t)
            }
        }
        return earliest
    }
}
