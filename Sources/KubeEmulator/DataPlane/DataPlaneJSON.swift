import Foundation
import KubeCore

/// Accessors on unstructured objects used by the simulated controllers. Prefixed `dp` so they
/// cannot collide with the rest of the emulator's helpers.
extension JSONValue {
    /// A JSON object of strings as a dictionary (labels, annotations, nodeSelector).
    var dpStringMap: [String: String] {
        (objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    /// `metadata.labels`.
    var dpLabels: [String: String] { self["metadata"]["labels"].dpStringMap }
    /// `metadata.annotations`.
    var dpAnnotations: [String: String] { self["metadata"]["annotations"].dpStringMap }

    /// The owner reference with `controller: true` (`metav1.GetControllerOf`).
    var dpControllerRef: JSONValue? {
        self["metadata"]["ownerReferences"].arrayValue?.first { $0["controller"].boolValue == true }
    }

    /// The UID of the controlling owner.
    var dpControllerUID: String? { dpControllerRef?["uid"].stringValue }

    /// `metadata.creationTimestamp` (distant past when absent).
    var dpCreated: Date { self["metadata"]["creationTimestamp"].stringValue.flatMap(RFC3339.parse) ?? .distantPast }

    /// Whether `metadata.deletionTimestamp` is set.
    var dpTerminating: Bool { !self["metadata"]["deletionTimestamp"].isNull }

    /// `metadata.generation` (0 when absent).
    var dpGeneration: Int64 { self["metadata"]["generation"].intValue ?? 0 }

    /// The element of `status.conditions` of the given type.
    func dpCondition(_ type: String) -> JSONValue? {
        self["status"]["conditions"].arrayValue?.first { $0["type"].stringValue == type }
    }

    /// Whether `status.conditions` has the type with status `True`.
    func dpConditionTrue(_ type: String) -> Bool { dpCondition(type)?["status"].stringValue == "True" }

    /// An integer at a path, nil when absent or not an integer.
    func dpInt(_ path: String...) -> Int? { self[path: path].intValue.map { Int($0) } }

    /// A Kubernetes timestamp field as a date.
    var dpDate: Date? { stringValue.flatMap(RFC3339.parse) }

    /// `namespace/name`, for logs and sorting.
    var dpKey: String { "\(namespace ?? "")/\(name ?? "")" }
}

/// Helpers for `status.conditions` lists.
enum Conditions {
    /// The list with the condition of `condition["type"]` replaced in place, or appended.
    static func replacing(_ list: [JSONValue], with condition: JSONValue) -> [JSONValue] {
        var out = list
        if let i = out.firstIndex(where: { $0["type"] == condition["type"] }) { out[i] = condition } else { out.append(condition) }
        return out
    }

    /// The list without conditions of the given type.
    static func removing(_ list: [JSONValue], type: String) -> [JSONValue] {
        list.filter { $0["type"].stringValue != type }
    }

    /// A pod condition as the kubelet and scheduler write them (`lastProbeTime: null`);
    /// `lastTransitionTime` is kept from `previous` when the status did not change.
    static func pod(_ type: String, _ status: Bool, reason: String? = nil, message: String? = nil, previous: JSONValue?, now: String) -> JSONValue {
        var c: JSONValue = ["type": .string(type), "status": status ? "True" : "False", "lastProbeTime": nil]
        let statusText = status ? "True" : "False"
        if let previous, previous["status"].stringValue == statusText, let t = previous["lastTransitionTime"].stringValue {
            c["lastTransitionTime"] = .string(t)
        } else {
            c["lastTransitionTime"] = .string(now)
        }
        if let reason { c["reason"] = .string(reason) }
        if let message { c["message"] = .string(message) }
        return c
    }
}

/// Reading `IntOrString` fields of unstructured objects.
extension IntOrString {
    /// The value of a JSON number or string; nil for anything else.
    init?(dpJSON json: JSONValue) {
        if let i = json.intValue, let v = Int32(exactly: i) { self = .int(v) } else if let s = json.stringValue { self = .string(s) } else { return nil }
    }
}

/// Go's `fmt.Sprint` of a `[]string`: `[a b c]`.
func goStringList(_ items: [String]) -> String { "[" + items.joined(separator: " ") + "]" }
