import Foundation
import KubeCore

/// The Table columns of Events (`kubectl get events`), as kube-apiserver's `printEvent`
/// (`pkg/printers/internalversion/printers.go`) prints them for both versions, from the stored
/// `core/v1` shape. Like every server-side Table, all columns are sent (the server prints
/// "wide"); kubectl hides the priority-1 ones unless `-o wide`.
///
/// - Last Seen: `lastTimestamp`, else First Seen; for a series, `series.lastObservedTime`.
/// - First Seen: `firstTimestamp`, else `eventTime`.
/// - Object: `<lower-case kind>/<name>` of `involvedObject` (the kind alone without a name).
/// - Source: `source.component` (else `reportingComponent`), then `, ` and `source.host` (else
///   `reportingInstance`) when there is one.
/// - Count: `series.count`, else `count`, else 1 (events.k8s.io singletons carry no count).
/// - Missing timestamps print `<unknown>`.
extension Tables {
    static let eventColumns: [Column] = [
        Column(name: "Last Seen", type: "string", description: "The time at which the most recent occurrence of this event was recorded.") { o, now in .string(eventLastSeen(o, now)) },
        Column(name: "Type", type: "string", description: "Type of this event (Normal, Warning), new types could be added in the future") { o, _ in .string(text(o["type"])) },
        Column(name: "Reason", type: "string", description: "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.") { o, _ in .string(text(o["reason"])) },
        Column(name: "Object", type: "string", description: "The object that this event is about.") { o, _ in
            let kind = text(o["involvedObject"]["kind"]).lowercased()
            let name = text(o["involvedObject"]["name"])
            return .string(name.isEmpty ? kind : "\(kind)/\(name)")
        },
        Column(name: "Subobject", type: "string", priority: 1, description: "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].") { o, _ in .string(text(o["involvedObject"]["fieldPath"])) },
        Column(name: "Source", type: "string", priority: 1, description: "The component reporting this event. Should be a short machine understandable string.") { o, _ in
            let component = firstNonEmpty(text(o["source"]["component"]), text(o["reportingComponent"]))
            let instance = firstNonEmpty(text(o["source"]["host"]), text(o["reportingInstance"]))
            return .string(instance.isEmpty ? component : "\(component), \(instance)")
        },
        Column(name: "Message", type: "string", description: "A human-readable description of the status of this operation.") { o, _ in .string(text(o["message"]).trimmingCharacters(in: .whitespacesAndNewlines)) },
        Column(name: "First Seen", type: "string", priority: 1, description: "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)") { o, now in .string(eventFirstSeen(o, now)) },
        Column(name: "Count", type: "string", priority: 1, description: "The number of times this event has occurred.") { o, _ in
            if case .object = o["series"] { return .int(o["series"]["count"].intValue ?? 0) }
            let count = o["count"].intValue ?? 0
            return .int(count == 0 ? 1 : count)
        },
        Column(name: "Name", type: "string", priority: 1, description: name.description) { o, _ in o["metadata"]["name"] },
    ]

    static func eventFirstSeen(_ o: JSONValue, _ now: Date) -> String {
        since(o["firstTimestamp"], now) ?? since(o["eventTime"], now) ?? "<unknown>"
    }

    static func eventLastSeen(_ o: JSONValue, _ now: Date) -> String {
        if case .object = o["series"] { return since(o["series"]["lastObservedTime"], now) ?? "<unknown>" }
        return since(o["lastTimestamp"], now) ?? eventFirstSeen(o, now)
    }

    /// `translateTimestampSince`: the human duration since a timestamp; nil for a missing one
    /// (Go's zero time, which is written as `null`).
    static func since(_ v: JSONValue, _ now: Date) -> String? {
        guard let s = v.stringValue, let d = RFC3339.parse(s) else { return nil }
        return humanDuration(now.timeIntervalSince(d))
    }

    static func text(_ v: JSONValue) -> String { v.stringValue ?? "" }

    static func firstNonEmpty(_ a: String, _ b: String) -> String { a.isEmpty ? b : a }
}
