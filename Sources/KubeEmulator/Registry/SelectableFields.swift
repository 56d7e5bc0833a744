import KubeCore

/// The field labels a resource may be selected by, for resources that restrict them as
/// kube-apiserver does: the registry strategy's `ToSelectableFields` gives each label's value on
/// the stored object, and the version's field label conversion maps the labels it accepts onto
/// those (any other label answers 400 `field label not supported: <label>`).
public struct SelectableFields: Sendable {
    /// The value of each accepted label, read from the object as stored (the storage version's
    /// shape, whichever version the request came through). Missing fields read as `""`.
    public var values: [String: @Sendable (JSONValue) -> String]

    public init(values: [String: @Sendable (JSONValue) -> String]) {
        self.values = values
    }

    /// The same values under other labels: `mapping` is this version's label → the storage
    /// version's label (a version's `AddFieldLabelConversionFunc` table).
    func renamed(_ mapping: [String: String]) -> SelectableFields {
        SelectableFields(values: mapping.compactMapValues { values[$0] })
    }

    /// A scalar at a path as a field selector compares it (`""` when missing).
    static func string(_ obj: JSONValue, _ path: [String]) -> String {
        Selectors.fieldString(obj[path: path])
    }
}

/// The selectable fields of Events (`pkg/registry/core/event/strategy.go` `ToSelectableFields`)
/// and the labels each version accepts (`pkg/apis/core/v1` and `pkg/apis/events/v1`
/// `AddFieldLabelConversionsForEvent`).
enum EventSelectableFields {
    /// core/v1: the stored field names. `source` is `source.component`, or
    /// `reportingComponent` when that is empty (kube-apiserver since 1.23).
    static let coreV1: SelectableFields = {
        var v: [String: @Sendable (JSONValue) -> String] = [
            "metadata.name": { SelectableFields.string($0, ["metadata", "name"]) },
            "metadata.namespace": { SelectableFields.string($0, ["metadata", "namespace"]) },
            "reason": { SelectableFields.string($0, ["reason"]) },
            "reportingComponent": { SelectableFields.string($0, ["reportingComponent"]) },
            "type": { SelectableFields.string($0, ["type"]) },
            "source": { o in
                let component = SelectableFields.string(o, ["source", "component"])
                return component.isEmpty ? SelectableFields.string(o, ["reportingComponent"]) : component
            },
        ]
        for f in EventConversion.objectReferenceFields {
            v["involvedObject." + f] = { SelectableFields.string($0, ["involvedObject", f]) }
        }
        return SelectableFields(values: v)
    }()

    /// events.k8s.io/v1: `regarding.*` and `reportingController` mapped onto the core names.
    static let eventsV1: SelectableFields = {
        var mapping = ["reason": "reason", "reportingController": "reportingComponent", "source": "source", "type": "type",
                       "metadata.name": "metadata.name", "metadata.namespace": "metadata.namespace"]
        for f in EventConversion.objectReferenceFields { mapping["regarding." + f] = "involvedObject." + f }
        return coreV1.renamed(mapping)
    }()
}
