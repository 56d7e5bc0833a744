import KubeCore

/// `events.k8s.io/v1 Event` ⇄ `core/v1 Event`, the conversion kube-apiserver applies because
/// both are versions of one stored resource (`pkg/apis/events/v1/conversion.go` with the
/// generated `autoConvert` functions, through the internal `core.Event`). The emulator stores
/// Events in the `core/v1` shape.
///
/// Field by field (events.k8s.io/v1 → core/v1): `regarding` → `involvedObject`, `note` →
/// `message`, `reportingController` → `reportingComponent`, `deprecatedSource` → `source`,
/// `deprecatedFirstTimestamp` → `firstTimestamp`, `deprecatedLastTimestamp` → `lastTimestamp`,
/// `deprecatedCount` → `count`; `eventTime`, `series {count, lastObservedTime}`, `action`,
/// `reason`, `type`, `related` and `reportingInstance` keep their names. `metadata` is shared
/// (same name, uid, resourceVersion, managedFields).
///
/// The output is what Go's JSON encoding of the converted struct gives: fields neither version
/// has are dropped; empty `omitempty` strings and zero counts are left out; the non-pointer
/// structs `involvedObject`/`regarding` and `source`/`deprecatedSource` are always present (`{}`
/// when empty); core/v1's `reportingComponent` and `reportingInstance` (not `omitempty`) are
/// always present. Null timestamps are left out rather than written as `null`.
enum EventConversion {
    /// The events.k8s.io/v1 name of each field and its core/v1 name.
    static let renamed: [(events: String, core: String)] = [
        ("regarding", "involvedObject"), ("note", "message"), ("reportingController", "reportingComponent"),
        ("deprecatedSource", "source"), ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"), ("deprecatedCount", "count"),
        ("eventTime", "eventTime"), ("series", "series"), ("action", "action"), ("reason", "reason"),
        ("type", "type"), ("related", "related"), ("reportingInstance", "reportingInstance"),
    ]

    static let objectReferenceFields = ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"]
    static let sourceFields = ["component", "host"]

    /// The conversion of the `events.k8s.io/v1` version, stored as `core/v1` Events.
    static let eventsV1 = VersionConversion(storageKey: "events", storageAPIVersion: "v1", fromStorage: { toEventsV1($0) }, toStorage: { toCoreV1($0) })

    /// A core/v1 Event as events.k8s.io/v1 serves it.
    static func toEventsV1(_ core: JSONValue) -> JSONValue {
        var out: JSONValue = ["apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": core["metadata"]]
        for (eventsName, coreName) in renamed {
            if let v = value(of: coreName, in: core) { out[eventsName] = v }
        }
        // Non-pointer structs in events/v1: Go always writes them.
        if !out.hasKey("regarding") { out["regarding"] = .emptyObject }
        if !out.hasKey("deprecatedSource") { out["deprecatedSource"] = .emptyObject }
        return out
    }

    /// An events.k8s.io/v1 Event in the core/v1 shape it is stored in.
    static func toCoreV1(_ event: JSONValue) -> JSONValue {
        var out: JSONValue = ["apiVersion": "v1", "kind": "Event", "metadata": event["metadata"]]
        for (eventsName, coreName) in renamed {
            if let v = value(of: eventsName, in: event) { out[coreName] = v }
        }
        // Non-pointer structs and non-`omitempty` strings in core/v1: Go always writes them.
        if !out.hasKey("involvedObject") { out["involvedObject"] = .emptyObject }
        if !out.hasKey("source") { out["source"] = .emptyObject }
        for f in ["reportingComponent", "reportingInstance"] where !out.hasKey(f) { out[f] = "" }
        return out
    }

    /// The value of a field as the converted object carries it, nil when it is left out.
    /// Field names are the same for the sub-objects of both versions.
    static func value(of field: String, in obj: JSONValue) -> JSONValue? {
        let v = obj[field]
        switch field {
        case "regarding", "involvedObject", "related":
            return project(v, objectReferenceFields)
        case "deprecatedSource", "source":
            return project(v, sourceFields)
        case "series":
            guard case .object = v else { return nil }
            var s: JSONValue = .emptyObject
            s["count"] = v["count"].isNull ? 0 : v["count"]
            if !v["lastObservedTime"].isNull { s["lastObservedTime"] = v["lastObservedTime"] }
            return s
        case "deprecatedCount", "count":
            guard let n = v.intValue, n != 0 else { return nil }
            return .int(n)
        default:
            if case .string(let s) = v, s.isEmpty { return nil }
            return v.isNull ? nil : v
        }
    }

    /// The named string fields of an object, without empty ones (`omitempty`); nil when the
    /// value is not an object. `related` (a pointer) stays absent when absent.
    static func project(_ v: JSONValue, _ fields: [String]) -> JSONValue? {
        guard case .object = v else { return nil }
        var out: JSONValue = .emptyObject
        for f in fields {
            let x = v[f]
            if x.isNull { continue }
            if case .string(let s) = x, s.isEmpty { continue }
            out[f] = x
        }
        return out
    }
}
