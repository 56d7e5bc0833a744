import KubeCore
import KubeMachinery

/// How the `scale` subresource maps onto an object (a CRD's `subresources.scale`, or the fixed
/// paths of Deployments and ReplicaSets).
public struct ScaleMapping: Sendable, Equatable {
    /// JSON path of the desired replicas, e.g. `.spec.replicas`.
    public var specReplicasPath: String
    public var statusReplicasPath: String
    /// JSON path of the selector string in status; nil when the selector is computed from
    /// `spec.selector` (built-in workloads).
    public var labelSelectorPath: String?

    public init(specReplicasPath: String, statusReplicasPath: String, labelSelectorPath: String?) {
        self.specReplicasPath = specReplicasPath
        self.statusReplicasPath = statusReplicasPath
        self.labelSelectorPath = labelSelectorPath
    }
}

/// One resource the emulator serves: its address, names for discovery, subresources, and for
/// custom resources the CRD it came from.
public struct ResourceDefinition: Sendable {
    public var descriptor: ResourceDescriptor
    public var singular: String
    public var shortNames: [String]
    public var categories: [String]
    public var verbs: [String]
    public var hasStatus: Bool
    public var scale: ScaleMapping?
    /// The CRD object this resource was defined by (nil for built-in kinds).
    public var crd: JSONValue?
    /// The structural schema of this version (custom resources only).
    public var schema: StructuralSchema?
    /// Whether DELETE answers with the deleted object (custom resources and pods) rather than a
    /// `Status` (most built-in kinds), as kube-apiserver's `ReturnDeletedObject` decides.
    public var returnsDeletedObject: Bool
    /// Set when this version is stored as another resource's objects and converted on every
    /// read and write (`events.k8s.io/v1` Events, stored as `core/v1` Events).
    public var conversion: VersionConversion?
    /// The field labels `fieldSelector` accepts, when the resource restricts them as its registry
    /// strategy does (nil: any scalar path of the object).
    public var selectableFields: SelectableFields?

    public static let standardVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    public init(descriptor: ResourceDescriptor, singular: String, shortNames: [String] = [], categories: [String] = [], verbs: [String] = ResourceDefinition.standardVerbs, hasStatus: Bool = false, scale: ScaleMapping? = nil, crd: JSONValue? = nil, schema: StructuralSchema? = nil, returnsDeletedObject: Bool = false, conversion: VersionConversion? = nil, selectableFields: SelectableFields? = nil) {
        self.schema = schema
        self.conversion = conversion
        self.selectableFields = selectableFields
        self.descriptor = descriptor
        self.singular = singular
        self.shortNames = shortNames
        self.categories = categories
        self.verbs = verbs
        self.hasStatus = hasStatus
        self.scale = scale
        self.crd = crd
        self.returnsDeletedObject = returnsDeletedObject
    }

    public var group: String { descriptor.group }
    public var version: String { descriptor.version }
    public var plural: String { descriptor.resource }
    public var kind: String { descriptor.kind }
    public var apiVersion: String { descriptor.apiVersion }
    public var isNamespaced: Bool { descriptor.isNamespaced }
    public var isCustom: Bool { crd != nil }
    /// `plural.group` (or just `plural` for the core group): how kube-apiserver names the
    /// resource in messages such as `deployments.apps "x" not found`.
    public var qualifiedName: String { group.isEmpty ? plural : "\(plural).\(group)" }
    /// The storage key shared by every version of the resource (for a converted version, the
    /// key of the resource it is stored as).
    public var storageKey: String { conversion?.storageKey ?? (group.isEmpty ? plural : "\(group)/\(plural)") }
}
