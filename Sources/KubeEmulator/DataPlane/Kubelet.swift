import Crypto
import Foundation
import KubeCore

/// The kubelets of every simulated node: runs the pods bound to a Ready node.
///
/// - A bound Pending pod starts at once: phase `Running`, `startTime`, `hostIP`, a `podIP`
///   from the node's `podCIDR`, running `containerStatuses` (init containers completed,
///   sidecars running).
/// - It becomes Ready (`ContainersReady`, `Ready`) ``DataPlane/Configuration/podReadyDelay``
///   after its containers started, unless one of its images is in the never-ready list, or a
///   `readinessGates` condition is not True.
/// - Run-to-completion pods (`restartPolicy` `Never` or `OnFailure`, as every Job pod) end
///   ``DataPlane/Configuration/jobDuration`` after start: `Succeeded` (exit code 0), or
///   `Failed` (exit code 1) when an image is in the failing list. A long-running pod with a
///   failing image stays Running in `CrashLoopBackOff`.
/// - On a node that is not Ready the kubelet is silent, and the node lifecycle controller's
///   `MarkPodsNotReady` sets the pods' `Ready` condition to False (everything else unchanged).
struct Kubelet {
    let pass: ReconcilePass

    func run() {
        guard let podDef = pass.definition(DataPlaneKeys.pods) else { return }
        let nodes = Dictionary(pass.objects(DataPlaneKeys.nodes).compactMap { n in n.name.map { ($0, n) } }, uniquingKeysWith: { a, _ in a })
        let writer = pass.writer(ObjectWriter.Manager.kubelet)
        for pod in pass.objects(DataPlaneKeys.pods) {
            guard let nodeName = pod["spec"]["nodeName"].stringValue, !nodeName.isEmpty, let node = nodes[nodeName],
                  let name = pod.name, let uid = pod.uid, !Scheduler.isTerminal(pod), !pod.dpTerminating else { continue }
            if !Scheduler.isReady(node) {
                markNotReady(pod, podDef, pass.writer(ObjectWriter.Manager.controllerManager))
                continue
            }
            let started = startTime(of: pod, uid: uid)
            let ip = podIP(for: pod, uid: uid, node: node)
            writer.update(podDef, namespace: pod.namespace, name: name) { current in
                guard current.uid == uid, !current.dpTerminating, !Scheduler.isTerminal(current) else { return nil }
                var o = current
                o["status"] = status(current, node: node, started: started, podIP: ip)
                return o
            }
        }
    }

    /// `MarkPodsNotReady`: only the Ready condition turns False.
    func markNotReady(_ pod: JSONValue, _ def: ResourceDefinition, _ writer: ObjectWriter) {
        guard let ready = pod.dpCondition("Ready"), ready["status"].stringValue != "False", let name = pod.name else { return }
        let now = pass.timestamp
        writer.update(def, namespace: pod.namespace, name: name) { current in
            guard let c = current.dpCondition("Ready"), c["status"].stringValue != "False" else { return nil }
            var cond = c
            cond["status"] = "False"
            cond["lastTransitionTime"] = .string(now)
            var o = current
            o["status"]["conditions"] = .array(Conditions.replacing(current["status"]["conditions"].arrayValue ?? [], with: cond))
            return o
        }
    }

    /// When the pod's containers started: remembered, else the stored `startTime` of a running
    /// pod, else now.
    func startTime(of pod: JSONValue, uid: String) -> Date {
        if let d = pass.memory.containersStarted[uid] { return d }
        let d = pod["status"]["phase"].stringValue == "Running" ? (pod["status"]["startTime"].dpDate ?? pass.now) : pass.now
        pass.memory.containersStarted[uid] = d
        return d
    }

    /// The pod's IP: kept if it has one, else the next host of the node's `podCIDR` (a /24).
    func podIP(for pod: JSONValue, uid: String, node: JSONValue) -> String {
        if let ip = pod["status"]["podIP"].stringValue { return ip }
        if let ip = pass.memory.podIPs[uid] { return ip }
        let cidr = node["spec"]["podCIDR"].stringValue ?? "10.244.0.0/24"
        let prefix = cidr.split(separator: "/").first.map { $0.split(separator: ".").prefix(3).joined(separator: ".") } ?? "10.244.0"
        let nodeName = node.name ?? ""
        let host = (pass.memory.lastPodHost[nodeName] ?? 1) % 254 + 1
        pass.memory.lastPodHost[nodeName] = host
        let ip = "\(prefix).\(host)"
        pass.memory.podIPs[uid] = ip
        return ip
    }

    static func hostIP(_ node: JSONValue) -> String {
        node["status"]["addresses"].arrayValue?.first { $0["type"] == "InternalIP" }?["address"].stringValue ?? "10.0.0.1"
    }

    /// What the pod runs to: its phase, and whether its containers are ready.
    enum Outcome { case starting, ready, neverReady, crashLooping, succeeded, failed }

    func outcome(_ pod: JSONValue, started: Date) -> Outcome {
        let images = ((pod["spec"]["containers"].arrayValue ?? []) + (pod["spec"]["initContainers"].arrayValue ?? [])).compactMap { $0["image"].stringValue }
        let failing = images.contains { DataPlane.FaultState.image($0, isIn: pass.faults.failingImages) }
        let restartPolicy = pod["spec"]["restartPolicy"].stringValue ?? "Always"
        if restartPolicy == "Never" || restartPolicy == "OnFailure" {
            let end = started.addingTimeInterval(pass.configuration.jobDuration.timeInterval)
            if pass.now >= end { return failing ? .failed : .succeeded }
            pass.wake(at: end)
        } else if failing {
            return .crashLooping
        }
        if images.contains(where: { DataPlane.FaultState.image($0, isIn: pass.faults.neverReadyImages) }) { return .neverReady }
        let readyAt = started.addingTimeInterval(pass.configuration.podReadyDelay.timeInterval)
        if pass.now < readyAt { pass.wake(at: readyAt); return .starting }
        return .ready
    }

    /// The pod status the kubelet would report.
    func status(_ pod: JSONValue, node: JSONValue, started: Date, podIP: String) -> JSONValue {
        let now = pass.timestamp
        let startedText = pod["status"]["startTime"].stringValue ?? Time(started).description
        let result = outcome(pod, started: started)
        let terminal = result == .succeeded || result == .failed
        let containersReady = result == .ready
        let gatesReady = (pod["spec"]["readinessGates"].arrayValue ?? []).allSatisfy { gate in
            pod.dpConditionTrue(gate["conditionType"].stringValue ?? "")
        }
        let uid = pod.uid ?? ""
        let containers = pod["spec"]["containers"].arrayValue ?? []
        let names = containers.compactMap { $0["name"].stringValue }.sorted()

        var s = pod["status"]
        s["phase"] = .string(result == .succeeded ? "Succeeded" : result == .failed ? "Failed" : "Running")
        s["hostIP"] = .string(Self.hostIP(node))
        s["hostIPs"] = [["ip": .string(Self.hostIP(node))]]
        s["podIP"] = .string(podIP)
        s["podIPs"] = [["ip": .string(podIP)]]
        s["startTime"] = .string(startedText)
        if s["qosClass"].isNull { s["qosClass"] = .string(PodResources.qosClass(pod)) }

        // Conditions in the kubelet's order, then any others (readiness gates, DisruptionTarget).
        let previous = pod["status"]["conditions"].arrayValue ?? []
        func prev(_ t: String) -> JSONValue? { previous.first { $0["type"].stringValue == t } }
        let notReadyReason: String, notReadyMessage: String
        switch result {
        case .succeeded: (notReadyReason, notReadyMessage) = ("PodCompleted", "")
        case .failed: (notReadyReason, notReadyMessage) = ("PodFailed", "")
        default: (notReadyReason, notReadyMessage) = ("ContainersNotReady", "containers with unready status: \(goStringList(names))")
        }
        func notReady(_ type: String) -> JSONValue {
            Conditions.pod(type, false, reason: notReadyReason, message: notReadyMessage.isEmpty ? nil : notReadyMessage, previous: prev(type), now: now)
        }
        let podReady: JSONValue
        if containersReady && !gatesReady {
            podReady = Conditions.pod("Ready", false, reason: "ReadinessGatesNotReady", message: "corresponding condition of pod readiness gate \"\((pod["spec"]["readinessGates"].arrayValue ?? []).first { !pod.dpConditionTrue($0["conditionType"].stringValue ?? "") }?["conditionType"].stringValue ?? "")\" does not exist.", previous: prev("Ready"), now: now)
        } else {
            podReady = containersReady ? Conditions.pod("Ready", true, previous: prev("Ready"), now: now) : notReady("Ready")
        }
        let own: [JSONValue] = [
            Conditions.pod("PodReadyToStartContainers", !terminal, previous: prev("PodReadyToStartContainers"), now: now),
            Conditions.pod("Initialized", true, previous: prev("Initialized"), now: now),
            podReady,
            containersReady ? Conditions.pod("ContainersReady", true, previous: prev("ContainersReady"), now: now) : notReady("ContainersReady"),
            Conditions.pod("PodScheduled", true, previous: prev("PodScheduled"), now: now),
        ]
        let ownTypes = Set(own.compactMap { $0["type"].stringValue })
        s["conditions"] = .array(own + previous.filter { !ownTypes.contains($0["type"].stringValue ?? "") })

        s["containerStatuses"] = .array(containers.map { c in
            containerStatus(c, podUID: uid, started: startedText, result: result, previous: (pod["status"]["containerStatuses"].arrayValue ?? []).first { $0["name"] == c["name"] }, now: now)
        }.sorted { ($0["name"].stringValue ?? "") < ($1["name"].stringValue ?? "") })
        let inits = pod["spec"]["initContainers"].arrayValue ?? []
        if !inits.isEmpty {
            s["initContainerStatuses"] = .array(inits.map { c in
                let sidecar = c["restartPolicy"].stringValue == "Always"
                let r: Outcome = sidecar ? (terminal ? result : .ready) : .succeeded
                return containerStatus(c, podUID: uid, started: startedText, result: r, previous: (pod["status"]["initContainerStatuses"].arrayValue ?? []).first { $0["name"] == c["name"] }, now: startedText)
            })
        }
        return s
    }

    func containerStatus(_ c: JSONValue, podUID: String, started: String, result: Outcome, previous: JSONValue?, now: String) -> JSONValue {
        let name = c["name"].stringValue ?? ""
        let image = c["image"].stringValue ?? ""
        let containerID = "containerd://" + Self.hexDigest("\(podUID)/\(name)")
        var st: JSONValue = [
            "name": .string(name),
            "image": .string(image),
            "imageID": .string(Self.imageID(image)),
            "containerID": .string(containerID),
            "restartCount": 0,
            "lastState": .emptyObject,
        ]
        switch result {
        case .starting, .neverReady, .ready:
            st["state"] = ["running": ["startedAt": .string(started)]]
            st["ready"] = .bool(result == .ready)
            st["started"] = true
        case .crashLooping:
            st["state"] = ["waiting": ["reason": "CrashLoopBackOff", "message": .string("back-off 10s restarting failed container=\(name) pod=\(podUID)")]]
            st["lastState"] = ["terminated": ["exitCode": 1, "reason": "Error", "startedAt": .string(started), "finishedAt": .string(started), "containerID": .string(containerID)]]
            st["restartCount"] = 1
            st["ready"] = false
            st["started"] = false
        case .succeeded, .failed:
            let finished = previous?["state"]["terminated"]["finishedAt"].stringValue ?? now
            st["state"] = ["terminated": [
                "exitCode": result == .succeeded ? 0 : 1, "reason": result == .succeeded ? "Completed" : "Error",
                "startedAt": .string(started), "finishedAt": .string(finished), "containerID": .string(containerID),
            ]]
            st["ready"] = false
            st["started"] = false
        }
        return st
    }

    /// A stable `sha256:` digest standing in for the image's.
    static func imageID(_ image: String) -> String {
        var repo = image
        if let at = repo.firstIndex(of: "@") { repo = String(repo[..<at]) } else if let colon = repo.lastIndex(of: ":"), !repo[colon...].contains("/") { repo = String(repo[..<colon]) }
        return "\(repo)@sha256:\(hexDigest(image))"
    }

    static func hexDigest(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
