import Synchronization

/// `apiserver_request_total` and request latency, in Prometheus text format, labelled as
/// kube-apiserver labels them, so tests can count exactly what a client did.
public final class RequestMetrics: Sendable {
    struct Key: Hashable { var verb, group, version, resource, subresource: String; var code: Int }
    struct LatencyKey: Hashable { var verb, resource: String }
    static let buckets: [Double] = [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60]

    private struct State {
        var counts: [Key: Int] = [:]
        var latency: [LatencyKey: (buckets: [Int], sum: Double, count: Int)] = [:]
    }
    private let state = Mutex(State())

    func record(verb: String, def: ResourceDefinition, subresource: String?, code: Int, seconds: Double) {
        state.withLock { s in
            s.counts[Key(verb: verb, group: def.group, version: def.version, resource: def.plural, subresource: subresource ?? "", code: code), default: 0] += 1
            // Watches last as long as the client keeps them; their duration is not latency.
            guard verb != "WATCH" else { return }
            let lk = LatencyKey(verb: verb, resource: def.plural)
            var l = s.latency[lk] ?? (Array(repeating: 0, count: Self.buckets.count), 0, 0)
            for (i, b) in Self.buckets.enumerated() where seconds <= b { l.buckets[i] += 1 }
            l.sum += seconds
            l.count += 1
            s.latency[lk] = l
        }
    }

    /// The count for a verb and resource (summed over codes and subresources unless given).
    public func count(verb: String? = nil, resource: String? = nil, subresource: String? = nil, code: Int? = nil) -> Int {
        state.withLock { s in
            s.counts.filter { (k, _) in
                (verb == nil || k.verb == verb) && (resource == nil || k.resource == resource) && (subresource == nil || k.subresource == subresource) && (code == nil || k.code == code)
            }.values.reduce(0, +)
        }
    }

    /// Counts of writes (POST, PUT, PATCH, APPLY, DELETE, DELETECOLLECTION).
    public func writes(resource: String? = nil) -> Int {
        ["POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION"].reduce(0) { $0 + count(verb: $1, resource: resource) }
    }

    public func render() -> String {
        state.withLock { s in
            var out = "# HELP apiserver_request_total Counter of apiserver requests broken out for each verb, group, version, resource, subresource and HTTP response code.\n# TYPE apiserver_request_total counter\n"
            for (k, v) in s.counts.sorted(by: { "\($0.key)" < "\($1.key)" }) {
                out += "apiserver_request_total{code=\"\(k.code)\",group=\"\(k.group)\",resource=\"\(k.resource)\",subresource=\"\(k.subresource)\",verb=\"\(k.verb)\",version=\"\(k.version)\"} \(v)\n"
            }
            out += "# HELP apiserver_request_duration_seconds Response latency distribution in seconds for each verb and resource.\n# TYPE apiserver_request_duration_seconds histogram\n"
            for (k, l) in s.latency.sorted(by: { "\($0.key)" < "\($1.key)" }) {
                for (i, b) in Self.buckets.enumerated() {
                    out += "apiserver_request_duration_seconds_bucket{resource=\"\(k.resource)\",verb=\"\(k.verb)\",le=\"\(b)\"} \(l.buckets[i])\n"
                }
                out += "apiserver_request_duration_seconds_bucket{resource=\"\(k.resource)\",verb=\"\(k.verb)\",le=\"+Inf\"} \(l.count)\n"
                out += "apiserver_request_duration_seconds_sum{resource=\"\(k.resource)\",verb=\"\(k.verb)\"} \(l.sum)\n"
                out += "apiserver_request_duration_seconds_count{resource=\"\(k.resource)\",verb=\"\(k.verb)\"} \(l.count)\n"
            }
            return out
        }
    }
}
