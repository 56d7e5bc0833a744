import KubeCore

/// Resource requests of a pod, as the scheduler accounts them.
enum PodResources {
    /// Requests used for scoring when a container requests no CPU (`schedutil.DefaultMilliCPURequest`).
    static let defaultMilliCPURequest: Int64 = 100
    /// Requests used for scoring when a container requests no memory (`schedutil.DefaultMemoryRequest`, 200 MiB).
    static let defaultMemoryRequest: Int64 = 200 * 1024 * 1024

    /// A container's effective requests: each resource's request, defaulting to its limit when
    /// only the limit is given (API defaulting does this for every resource, and extended
    /// resources such as `nvidia.com/gpu` may only be given as limits).
    static func container(_ c: JSONValue) -> [String: Quantity] {
        var out: [String: Quantity] = [:]
        for (name, v) in c["resources"]["limits"].objectValue ?? [:] { if let q = quantity(v) { out[name] = q } }
        for (name, v) in c["resources"]["requests"].objectValue ?? [:] { if let q = quantity(v) { out[name] = q } }
        return out
    }

    static func quantity(_ v: JSONValue) -> Quantity? {
        if let s = v.stringValue { return try? Quantity(s) }
        if let i = v.intValue { return Quantity(integer: i) }
        if let d = v.doubleValue { return try? Quantity("\(d)") }
        return nil
    }

    /// The pod's requests (`resource.PodRequests`): the larger of the sum over containers (plus
    /// restartable init containers, i.e. sidecars) and the largest init-container step, plus
    /// `spec.overhead`.
    static func pod(_ pod: JSONValue) -> [String: Quantity] {
        var sum: [String: Quantity] = [:]
        for c in pod["spec"]["containers"].arrayValue ?? [] { add(&sum, container(c)) }
        var sidecars: [String: Quantity] = [:]
        var initMax: [String: Quantity] = [:]
        for c in pod["spec"]["initContainers"].arrayValue ?? [] {
            let r = container(c)
            if c["restartPolicy"].stringValue == "Always" {
                add(&sum, r)
                add(&sidecars, r)
                maximize(&initMax, sidecars)
            } else {
                var step = sidecars
                add(&step, r)
                maximize(&initMax, step)
            }
        }
        maximize(&sum, initMax)
        for (name, v) in pod["spec"]["overhead"].objectValue ?? [:] { if let q = quantity(v) { sum[name, default: .zero] += q } }
        return sum
    }

    /// CPU (milli) and memory (bytes) for least-allocated scoring, with the non-zero defaults
    /// for containers that request none (`schedutil.GetNonzeroRequests`).
    static func nonZero(_ pod: JSONValue) -> (milliCPU: Int64, memory: Int64) {
        var cpu: Int64 = 0, mem: Int64 = 0
        for c in pod["spec"]["containers"].arrayValue ?? [] {
            let r = container(c)
            cpu += r["cpu"].map { $0.isZero ? defaultMilliCPURequest : $0.milliValue } ?? defaultMilliCPURequest
            mem += r["memory"].map { $0.isZero ? defaultMemoryRequest : $0.value } ?? defaultMemoryRequest
        }
        return (cpu, mem)
    }

    static func add(_ into: inout [String: Quantity], _ other: [String: Quantity]) {
        for (k, v) in other { into[k, default: .zero] += v }
    }

    static func maximize(_ into: inout [String: Quantity], _ other: [String: Quantity]) {
        for (k, v) in other where v > into[k, default: .zero] { into[k] = v }
    }

    /// `status.qosClass` (`qos.GetPodQOS`): Guaranteed when every container has CPU and memory
    /// limits equal to its requests, BestEffort when no container has any, else Burstable.
    static func qosClass(_ pod: JSONValue) -> String {
        let containers = (pod["spec"]["containers"].arrayValue ?? []) + (pod["spec"]["initContainers"].arrayValue ?? [])
        var any = false, guaranteed = true
        for c in containers {
            let limits = (c["resources"]["limits"].objectValue ?? [:]).compactMapValues(quantity).filter { ["cpu", "memory"].contains($0.key) && !$0.value.isZero }
            let requests = (c["resources"]["requests"].objectValue ?? [:]).compactMapValues(quantity).filter { ["cpu", "memory"].contains($0.key) && !$0.value.isZero }
            if !limits.isEmpty || !requests.isEmpty { any = true }
            let effective = limits.merging(requests) { _, r in r }
            if limits.count < 2 || effective != limits { guaranteed = false }
        }
        if !any { return "BestEffort" }
        return guaranteed ? "Guaranteed" : "Burstable"
    }
}
