/// `snapshot.storage.k8s.io/v1 VolumeSnapshot` (the CSI external-snapshotter CRD): a user's request
/// for a snapshot of a volume.
public struct VolumeSnapshot: KubeResource, Equatable {
    public static let group = "snapshot.storage.k8s.io"
    public static let version = "v1"
    public static let kind = "VolumeSnapshot"
    public static let plural = "volumesnapshots"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String = "snapshot.storage.k8s.io/v1"
    public var kind: String = "VolumeSnapshot"
    public var metadata: ObjectMeta
    public var spec: VolumeSnapshotSpec?
    public var status: VolumeSnapshotStatus?

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: VolumeSnapshotSpec? = nil, status: VolumeSnapshotStatus? = nil
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
        spec = try c.decodeIfPresent(VolumeSnapshotSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(VolumeSnapshotStatus.self, forKey: .status)
    }
}

/// `snapshot.storage.k8s.io/v1 VolumeSnapshotSpec`.
public struct VolumeSnapshotSpec: Codable, Sendable, Equatable {
    public var source: VolumeSnapshotSource
    /// Omitted means the default class for the volume's CSI driver.
    public var volumeSnapshotClassName: String?

    public init(source: VolumeSnapshotSource = VolumeSnapshotSource(), volumeSnapshotClassName: String? = nil) {
        self.source = source
        self.volumeSnapshotClassName = volumeSnapshotClassName
    }
}

/// `snapshot.storage.k8s.io/v1 VolumeSnapshotSource`: exactly one field; immutable.
public struct VolumeSnapshotSource: Codable, Sendable, Equatable {
    /// Takes a new snapshot of this claim (same namespace).
    public var persistentVolumeClaimName: String?
    /// Binds to a pre-existing VolumeSnapshotContent.
    public var volumeSnapshotContentName: String?

    public init(persistentVolumeClaimName: String? = nil, volumeSnapshotContentName: String? = nil) {
        self.persistentVolumeClaimName = persistentVolumeClaimName
        self.volumeSnapshotContentName = volumeSnapshotContentName
    }
}

/// `snapshot.storage.k8s.io/v1 VolumeSnapshotStatus`.
public struct VolumeSnapshotStatus: Codable, Sendable, Equatable {
    public var boundVolumeSnapshotContentName: String?
    /// When the storage system took the snapshot.
    public var creationTime: Time?
    /// Whether the snapshot can be used to restore a volume.
    public var readyToUse: Bool?
    /// The minimum size of a volume restored from the snapshot.
    public var restoreSize: Quantity?
    /// The last error while taking the snapshot, if any.
    public var error: VolumeSnapshotError?
    public var volumeGroupSnapshotName: String?

    public init(
        boundVolumeSnapshotContentName: String? = nil, creationTime: Time? = nil, readyToUse: Bool? = nil,
        restoreSize: Quantity? = nil, error: VolumeSnapshotError? = nil, volumeGroupSnapshotName: String? = nil
    ) {
        self.boundVolumeSnapshotContentName = boundVolumeSnapshotContentName
        self.creationTime = creationTime
        self.readyToUse = readyToUse
        self.restoreSize = restoreSize
        self.error = error
        self.volumeGroupSnapshotName = volumeGroupSnapshotName
    }
}

/// `snapshot.storage.k8s.io/v1 VolumeSnapshotError`.
public struct VolumeSnapshotError: Codable, Sendable, Equatable {
    public var time: Time?
    public var message: String?

    public init(time: Time? = nil, message: String? = nil) {
        self.time = time
        self.message = message
    }
}
