import Foundation
import KubeCore

/// Server-side printing (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`): the columns
/// `kubectl get` shows. Custom resources get Name, their CRD's `additionalPrinterColumns`
/// (simple JSONPath) and Age; a few built-in kinds get kube-apiserver's columns (Events: see
/// `EventTable.swift`); the rest Name and Age.
enum Tables {
    static let contentType = "application/json;as=Table;v=v1;g=meta.k8s.io"

    static func wantsTable(_ accept: String?) -> Bool {
        guard let a = accept else { return false }
        return a.split(separator: ",").first.map { $0.contains("as=Table") } ?? false
    }

    struct Column: Sendable { var name: String; var type: String; var priority: Int = 0; var description: String = ""; var cell: @Sendable (JSONValue, Date) -> JSONValue }

    /// Cells are computed from the stored shape of each object (the printers of kube-apiserver
    /// print the internal version, the same for every served version of a resource).
    static func table(_ def: ResourceDefinition, objects: [JSONValue], listMeta: JSONValue, now: Date) -> APIResponse {
        let cols = columns(def)
        let rows: [JSONValue] = objects.map { obj in
            var meta = obj["metadata"]
            meta.removeValue(forKey: "managedFields")
            let stored = def.toStorage(obj)
            return ["cells": .array(cols.map { $0.cell(stored, now) }), "object": ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": meta]]
        }
        let defs: [JSONValue] = cols.map { ["name": .string($0.name), "type": .string($0.type), "format": $0.name == "Name" ? "name" : "", "description": .string($0.description), "priority": .int(Int64($0.priority))] }
        let t: JSONValue = ["kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": listMeta, "columnDefinitions": .array(defs), "rows": .array(rows)]
        return .full(status: 200, headers: [("Content-Type", contentType)], body: t.serialized())
    }

    static let name = Column(name: "Name", type: "string", description: "Name must be unique within a namespace.") { o, _ in o["metadata"]["name"] }
    static let age = Column(name: "Age", type: "string", description: "CreationTimestamp is a timestamp representing the server time when this object was created.") { o, now in age(o, now) }

    static func age(_ o: JSONValue, _ now: Date) -> JSONValue {
        guard let ts = o["metadata"]["creationTimestamp"].stringValue, let d = RFC3339.parse(ts) else { return "<unknown>" }
        return .string(humanDuration(now.timeIntervalSince(d)))
    }

    static func columns(_ def: ResourceDefinition) -> [Column] {
        if let crd = def.crd {
            let version = (crd["spec"]["versions"].arrayValue ?? []).first { $0["name"].stringValue == def.version }
            let printer = version?["additionalPrinterColumns"].arrayValue ?? []
            if printer.isEmpty { return [name, age] }
            return [name] + printer.map { c in
                let path = c["jsonPath"].stringValue ?? ""
                let type = c["type"].stringValue ?? "string"
                return Column(name: c["name"].stringValue ?? "", type: type == "date" ? "string" : type, priority: Int(c["priority"].intValue ?? 0), description: c["description"].stringValue ?? "") { o, now in
                    let v = jsonPath(o, path)
                    if type == "date", let s = v.stringValue, let d = RFC3339.parse(s) { return .string(humanDuration(now.timeIntervalSince(d))) }
                    return v.isNull ? "<none>" : v
                }
            }
        }
        switch def.storageKey {
        case "pods":
            return [name,
                    Column(name: "Ready", type: "string") { o, _ in
                        let cs = o["status"]["containerStatuses"].arrayValue ?? []
                        let total = max(cs.count, o["spec"]["containers"].arrayValue?.count ?? 0)
                        return .string("\(cs.filter { $0["ready"].boolValue == true }.count)/\(total)")
                    },
                    Column(name: "Status", type: "string") { o, _ in o.isBeingDeleted ? "Terminating" : (o["status"]["reason"].isNull ? o["status"]["phase"] : o["status"]["reason"]) },
                    Column(name: "Restarts", type: "string") { o, _ in .string(String((o["status"]["containerStatuses"].arrayValue ?? []).reduce(0) { $0 + ($1["restartCount"].intValue ?? 0) })) },
                    age,
                    Column(name: "IP", type: "string", priority: 1) { o, _ in o["status"]["podIP"].isNull ? "<none>" : o["status"]["podIP"] },
                    Column(name: "Node", type: "string", priority: 1) { o, _ in o["spec"]["nodeName"].isNull ? "<none>" : o["spec"]["nodeName"] }]
        case "apps/deployments", "apps/replicasets":
            return [name,
                    Column(name: "Ready", type: "string") { o, _ in .string("\(o["status"]["readyReplicas"].intValue ?? 0)/\(o["spec"]["replicas"].intValue ?? 1)") },
                    Column(name: "Up-to-date", type: "integer") { o, _ in .int(o["status"]["updatedReplicas"].intValue ?? 0) },
                    Column(name: "Available", type: "integer") { o, _ in .int(o["status"]["availableReplicas"].intValue ?? 0) },
                    age]
        case "nodes":
            return [name,
                    Column(name: "Status", type: "string") { o, _ in
                        let ready = (o["status"]["conditions"].arrayValue ?? []).first { $0["type"] == "Ready" }?["status"].stringValue == "True"
                        let base = ready ? "Ready" : "NotReady"
                        return .string(o["spec"]["unschedulable"].boolValue == true ? base + ",SchedulingDisabled" : base)
                    },
                    Column(name: "Roles", type: "string") { _, _ in "<none>" },
                    age,
                    Column(name: "Version", type: "string") { o, _ in o["status"]["nodeInfo"]["kubeletVersion"].isNull ? "" : o["status"]["nodeInfo"]["kubeletVersion"] }]
        case "services":
            return [name,
                    Column(name: "Type", type: "string") { o, _ in o["spec"]["type"].isNull ? "ClusterIP" : o["spec"]["type"] },
                    Column(name: "Cluster-IP", type: "string") { o, _ in o["spec"]["clusterIP"].isNull ? "<none>" : o["spec"]["clusterIP"] },
                    Column(name: "Port(s)", type: "string") { o, _ in .string((o["spec"]["ports"].arrayValue ?? []).map { "\($0["port"].intValue ?? 0)/\($0["protocol"].stringValue ?? "TCP")" }.joined(separator: ",")) },
                    age]
        case "persistentvolumeclaims":
            return [name,
                    Column(name: "Status", type: "string") { o, _ in o["status"]["phase"] },
                    Column(name: "Capacity", type: "string") { o, _ in o["status"]["capacity"]["storage"].isNull ? "" : o["status"]["capacity"]["storage"] },
                    Column(name: "Access Modes", type: "string") { o, _ in .string((o["spec"]["accessModes"].arrayValue ?? []).compactMap(\.stringValue).map { ["ReadWriteOnce": "RWO", "ReadOnlyMany": "ROX", "ReadWriteMany": "RWX", "ReadWriteOncePod": "RWOP"][$0] ?? $0 }.joined(separator: ",")) },
                    Column(name: "StorageClass", type: "string") { o, _ in o["spec"]["storageClassName"].isNull ? "<unset>" : o["spec"]["storageClassName"] },
                    age]
        case "events":
            return eventColumns
        case "batch/jobs":
            return [name,
                    Column(name: "Status", type: "string") { o, _ in
                        let conds = o["status"]["conditions"].arrayValue ?? []
                        if conds.contains(where: { $0["type"] == "Complete" && $0["status"] == "True" }) { return "Complete" }
                        if conds.contains(where: { $0["type"] == "Failed" && $0["status"] == "True" }) { return "Failed" }
                        return "Running"
                    },
                    Column(name: "Completions", type: "string") { o, _ in .string("\(o["status"]["succeeded"].intValue ?? 0)/\(o["spec"]["completions"].intValue ?? 1)") },
                    age]
        default:
            return [name, age]
        }
    }

    /// The subset of kubectl's JSONPath that printer columns use: `.a.b`, `.a[0].b`, `.a['x.y']`.
    static func jsonPath(_ obj: JSONValue, _ path: String) -> JSONValue {
        var v = obj
        var s = Substring(path.trimmingCharacters(in: CharacterSet(charactersIn: "{}")))
        while !s.isEmpty {
            if s.hasPrefix(".") { s = s.dropFirst(); continue }
            if s.hasPrefix("[") {
                guard let close = s.firstIndex(of: "]") else { return .null }
                let inner = s[s.index(after: s.startIndex)..<close]
                if let i = Int(inner) { v = v[i] } else { v = v[inner.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))] }
                s = s[s.index(after: close)...]
                continue
            }
            let end = s.firstIndex { $0 == "." || $0 == "[" } ?? s.endIndex
            v = v[String(s[..<end])]
            s = s[end...]
        }
        return v
    }

    /// `k8s.io/apimachinery/pkg/util/duration.HumanDuration`: `45s`, `3m20s`, `4h5m`, `2d3h`, `1y10d`.
    static func humanDuration(_ t: TimeInterval) -> String {
        let seconds = Int(t)
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 { let s = seconds % 60; return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s" }
        if minutes < 180 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 8 { let m = minutes % 60; return m == 0 ? "\(hours)h" : "\(hours)h\(m)m" }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 { let h = hours % 24; return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h" }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 { let d = (hours / 24) % 365; return d == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(d)d" }
        return "\(hours / 24 / 365)y"
    }
}
