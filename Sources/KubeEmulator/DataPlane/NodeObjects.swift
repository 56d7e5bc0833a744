import Foundation
import KubeCore

/// The Node objects of a ``ClusterSpec`` and the status a node reports when it is up or down.
enum NodeObjects {
    /// `status.nodeInfo.kubeletVersion` of the simulated kubelets.
    static let kubeletVersion = "v1.36.0"
    static let containerRuntimeVersion = "containerd://1.7.22"
    /// The taint key the node lifecycle controller puts on nodes whose kubelet stopped posting.
    static let unreachableTaintKey = "node.kubernetes.io/unreachable"
    /// The kubelet's port (`status.daemonEndpoints.kubeletEndpoint`).
    static let kubeletPort: Int64 = 10250

    /// The Node object for the `index`-th node of the cluster: labels, taints, pod CIDR
    /// `10.244.<index>.0/24`, InternalIP `10.0.0.<10+index>`, and a healthy status.
    static func node(_ spec: ClusterSpec.Node, index: Int, now: String) -> JSONValue {
        var labels: [String: String] = [
            "kubernetes.io/hostname": spec.name,
            "kubernetes.io/os": "linux",
            "kubernetes.io/arch": "amd64",
            "beta.kubernetes.io/os": "linux",
            "beta.kubernetes.io/arch": "amd64",
            "topology.kubernetes.io/region": spec.region ?? ClusterSpec.defaultRegion,
        ]
        if let zone = spec.zone { labels["topology.kubernetes.io/zone"] = zone }
        for (k, v) in spec.labels ?? [:] { labels[k] = v }
        let cidr = "10.244.\(index).0/24"
        var node: JSONValue = [
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": ["name": .string(spec.name), "labels": .object(labels.mapValues { .string($0) })],
            "spec": ["podCIDR": .string(cidr), "podCIDRs": [.string(cidr)], "providerID": .string("emulator:///\(spec.zone ?? "default")/\(spec.name)")],
        ]
        let taints = (spec.taints ?? []).map { t -> JSONValue in
            var o: JSONValue = ["key": .string(t.key), "effect": .string(t.effect)]
            if let v = t.value { o["value"] = .string(v) }
            return o
        }
        if !taints.isEmpty { node["spec"]["taints"] = .array(taints) }
        func quantities(_ m: [String: String]) -> JSONValue {
            .object(m.mapValues { v in .string((try? Quantity(v))?.description ?? v) })
        }
        node["status"] = [
            "capacity": quantities(spec.capacity),
            "allocatable": quantities(spec.allocatable ?? spec.capacity),
            "conditions": .array(conditions(up: true, previous: [], now: now)),
            "addresses": [
                ["type": "InternalIP", "address": .string("10.0.0.\(10 + index)")],
                ["type": "Hostname", "address": .string(spec.name)],
            ],
            "daemonEndpoints": ["kubeletEndpoint": ["Port": .int(kubeletPort)]],
            "nodeInfo": [
                "architecture": "amd64", "operatingSystem": "linux", "osImage": "Ubuntu 22.04.4 LTS",
                "kernelVersion": "5.15.0-119-generic", "kubeletVersion": .string(kubeletVersion),
                "kubeProxyVersion": .string(kubeletVersion), "containerRuntimeVersion": .string(containerRuntimeVersion),
                "machineID": .string(Kubelet.hexDigest("machine/\(spec.name)").prefix(32).description),
                "systemUUID": .string(UUID(uuidString: uuidText(Kubelet.hexDigest("system/\(spec.name)")))?.uuidString.lowercased() ?? ""),
                "bootID": .string(UUID(uuidString: uuidText(Kubelet.hexDigest("boot/\(spec.name)")))?.uuidString.lowercased() ?? ""),
            ],
        ]
        return node
    }

    private static func uuidText(_ hex: String) -> String {
        let h = Array(hex.prefix(32))
        return "\(String(h[0..<8]))-\(String(h[8..<12]))-\(String(h[12..<16]))-\(String(h[16..<20]))-\(String(h[20..<32]))"
    }

    /// The node conditions: all healthy when up; all `Unknown` (`NodeStatusUnknown`, "Kubelet
    /// stopped posting node status.") when down, as the node lifecycle controller sets them.
    /// Transition times are kept when a condition's status does not change.
    static func conditions(up: Bool, previous: [JSONValue], now: String) -> [JSONValue] {
        let healthy: [(type: String, status: String, reason: String, message: String)] = [
            ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
        ]
        return healthy.map { c in
            let status = up ? c.status : "Unknown"
            let old = previous.first { $0["type"].stringValue == c.type }
            let transition = old?["status"].stringValue == status ? (old?["lastTransitionTime"] ?? .string(now)) : .string(now)
            return [
                "type": .string(c.type), "status": .string(status),
                "reason": .string(up ? c.reason : "NodeStatusUnknown"),
                "message": .string(up ? c.message : "Kubelet stopped posting node status."),
                "lastHeartbeatTime": up ? .string(now) : (old?["lastHeartbeatTime"] ?? .string(now)),
                "lastTransitionTime": transition,
            ]
        }
    }

    /// The node brought down or up: conditions, and the `node.kubernetes.io/unreachable`
    /// NoSchedule and NoExecute taints (added when down, removed when up). nil when already so.
    static func settingUp(_ node: JSONValue, up: Bool, now: String) -> JSONValue? {
        if Scheduler.isReady(node) == up { return nil }
        var o = node
        o["status"]["conditions"] = .array(conditions(up: up, previous: node["status"]["conditions"].arrayValue ?? [], now: now))
        var taints = (node["spec"]["taints"].arrayValue ?? []).filter { $0["key"].stringValue != unreachableTaintKey }
        if !up {
            taints.append(["key": .string(unreachableTaintKey), "effect": "NoSchedule", "timeAdded": .string(now)])
            taints.append(["key": .string(unreachableTaintKey), "effect": "NoExecute", "timeAdded": .string(now)])
        }
        if taints.isEmpty { o["spec"].removeValue(forKey: "taints") } else { o["spec"]["taints"] = .array(taints) }
        return o
    }
}
