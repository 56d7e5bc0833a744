import KubeCore

/// Why serving pods are not Ready, in a line a user can act on: the scheduler's message for
/// Pending pods (e.g. `0/4 nodes are available: 3 Insufficient nvidia.com/gpu`), the waiting
/// reason of a container (e.g. `ImagePullBackOff`, `CreateContainerConfigError: secret
/// "hf-token" not found`), or a crashing container. Pure: the reconciler lists the pods only
/// when a DifyDeployment has been short of Ready replicas for a while (see
/// ``DeploymentPlanner/podDiagnosisAfterSeconds``).
public enum PodDiagnosis {
    /// One line for the pods that are not Ready, most frequent problem first; nil when every
    /// pod is Ready (or there are none).
    public static func summary(_ pods: [Pod]) -> String? {
        var problems: [String: Int] = [:]
        for pod in pods where pod.metadata.deletionTimestamp == nil && !isReady(pod) {
            problems[problem(pod), default: 0] += 1
        }
        guard !problems.isEmpty else { return nil }
        return problems.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.value) pod\($0.value == 1 ? "" : "s") \($0.key)" }
            .joined(separator: "; ")
    }

    static func isReady(_ pod: Pod) -> Bool {
        pod.status?.conditions?.contains { $0.type == "Ready" && $0.status == .true } ?? false
    }

    static func problem(_ pod: Pod) -> String {
        let status = pod.status
        if let scheduled = status?.conditions?.first(where: { $0.type == "PodScheduled" }), scheduled.status == .false {
            return "Pending: \(scheduled.message ?? scheduled.reason ?? "not scheduled")"
        }
        for c in (status?.initContainerStatuses ?? []) + (status?.containerStatuses ?? []) {
            let waiting = c.state?["waiting"]
            if let reason = waiting?["reason"].stringValue, reason != "ContainerCreating", reason != "PodInitializing" {
                let message = waiting?["message"].stringValue.map { ": \($0)" } ?? ""
                return "waiting in container \(c.name): \(reason)\(message)"
            }
            if c.restartCount > 0, let last = c.lastState?["terminated"], !last.isNull {
                return "restarting (container \(c.name) exited with code \(last["exitCode"].intValue ?? 0), \(c.restartCount) restarts)"
            }
        }
        if status?.phase == "Running" { return "running, not Ready yet (loading the model or failing its readiness probe)" }
        return "\(status?.phase ?? "Pending")"
    }
}
