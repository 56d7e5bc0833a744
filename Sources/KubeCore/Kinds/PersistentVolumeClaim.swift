/// `core/v1 PersistentVolumeClaim`: a user's request for a persistent volume.
public struct PersistentVolumeClaim: KubeResource, Equatable {
    public static let group = ""
    public static let version = "v1"
    public static let kind = "PersistentVolumeClaim"
    public static let plural = "persistentvolumeclaims"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String = "v1"
    public var kind: String = "PersistentVolumeClaim"
    public var metadata: ObjectMeta
    public var spec: PersistentVolumeClaimSpec?
    public var status: PersistentVolumeClaimStatus?

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: PersistentVolumeClaimSpec? = nil,
        status: PersistentVolumeClaimStatus? = nil
    ) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, spec, status
    }

    /// Items of a typed LIST response carry no `apiVersion` or `kind`; they default to this kind's.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.apiVersion
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? Self.kind
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try c.decodeIfPresent(PersistentVolumeClaimSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(PersistentVolumeClaimStatus.self, forKey: .status)
    }
}

/// `core/v1 PersistentVolumeClaimSpec`. Apart from `resources.requests` (which may grow) it is
/// immutable after creation.
public struct PersistentVolumeClaimSpec: Codable, Sendable, Equatable {
    /// `ReadWriteOnce`, `ReadOnlyMany`, `ReadWriteMany` or `ReadWriteOncePod`.
    public var accessModes: [String]?
    /// `requests.storage` is the size asked for.
    public var resources: VolumeResourceRequirements?
    /// Empty string asks for a volume without a class; omitted means the default class.
    public var storageClassName: String?
    /// Binds to this specific PersistentVolume.
    public var volumeName: String?
    /// `Filesystem` (the default) or `Block`.
    public var volumeMode: String?
    /// Populates the volume from a VolumeSnapshot or another PVC in the same namespace.
    public var dataSource: TypedLocalObjectReference?
    /// Like `dataSource` but may name any populator object, optionally in another namespace.
    public var dataSourceRef: TypedObjectReference?
    /// Restricts binding to PersistentVolumes with matching labels.
    public var selector: LabelSelector?
    public var volumeAttributesClassName: String?

    public init(
        accessModes: [String]? = nil, resources: VolumeResourceRequirements? = nil, storageClassName: String? = nil,
        volumeName: String? = nil, volumeMode: String? = nil, dataSource: TypedLocalObjectReference? = nil,
        dataSourceRef: TypedObjectReference? = nil, selector: LabelSelector? = nil,
        volumeAttributesClassName: String? = nil
    ) {
        self.accessModes = accessModes
        self.resources = resources
        self.storageClassName = storageClassName
        self.volumeName = volumeName
        self.volumeMode = volumeMode
        self.dataSource = dataSource
        self.dataSourceRef = dataSourceRef
        self.selector = selector
        self.volumeAttributesClassName = volumeAttributesClassName
    }
}

/// `core/v1 VolumeResourceRequirements`: storage sizes for a claim.
public struct VolumeResourceRequirements: Codable, Sendable, Equatable {
    public var limits: [String: Quantity]?
    public var requests: [String: Quantity]?

    public init(limits: [String: Quantity]? = nil, requests: [String: Quantity]? = nil) {
        self.limits = limits
        self.requests = requests
    }
}

/// `core/v1 TypedLocalObjectReference`: an object in the same namespace, by group, kind and name.
public struct TypedLocalObjectReference: Codable, Sendable, Equatable {
    /// The group of the kind; omitted for the core group.
    public var apiGroup: String?
    public var kind: String
    public var name: String

    public init(apiGroup: String? = nil, kind: String, name: String) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }
}

/// `core/v1 TypedObjectReference`: an object by group, kind, name and (optionally) namespace.
public struct TypedObjectReference: Codable, Sendable, Equatable {
    /// The group of the kind; omitted for the core group.
    public var apiGroup: String?
    public var kind: String
    public var name: String
    /// Another namespace (needs a ReferenceGrant); defaults to the claim's.
    public var namespace: String?

    public init(apiGroup: String? = nil, kind: String, name: String, namespace: String? = nil) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }
}

/// `core/v1 PersistentVolumeClaimStatus`.
public struct PersistentVolumeClaimStatus: Codable, Sendable, Equatable {
    /// `Pending`, `Bound` or `Lost`.
    public var phase: String?
    public var accessModes: [String]?
    /// The actual size of the bound volume.
    public var capacity: [String: Quantity]?
    /// `PersistentVolumeClaimCondition`s (resizing and so on), passed through.
    public var conditions: [JSONValue]?
    public var allocatedResources: [String: Quantity]?

    public init(
        phase: String? = nil, accessModes: [String]? = nil, capacity: [String: Quantity]? = nil,
        conditions: [JSONValue]? = nil, allocatedResources: [String: Quantity]? = nil
    ) {
        self.phase = phase
        self.accessModes = accessModes
        self.capacity = capacity
        self.conditions = conditions
        self.allocatedResources = allocatedResources
    }
}
