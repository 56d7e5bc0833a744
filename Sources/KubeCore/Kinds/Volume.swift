/// `core/v1 Volume`: a named volume of a pod, with one source (the common sources are typed).
public struct Volume: Codable, Sendable, Equatable {
    /// A DNS label, unique within the pod; volume mounts refer to it.
    public var name: String
    public var persistentVolumeClaim: PersistentVolumeClaimVolumeSource?
    public var emptyDir: EmptyDirVolumeSource?
    public var secret: SecretVolumeSource?
    public var configMap: ConfigMapVolumeSource?
    public var hostPath: HostPathVolumeSource?
    /// `ProjectedVolumeSource`, passed through.
    public var projected: JSONValue?
    /// `DownwardAPIVolumeSource`, passed through.
    public var downwardAPI: JSONValue?
    /// `CSIVolumeSource` (an inline CSI volume), passed through.
    public var csi: JSONValue?

    public init(
        name: String, persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil,
        emptyDir: EmptyDirVolumeSource? = nil, secret: SecretVolumeSource? = nil,
        configMap: ConfigMapVolumeSource? = nil, hostPath: HostPathVolumeSource? = nil, projected: JSONValue? = nil,
        downwardAPI: JSONValue? = nil, csi: JSONValue? = nil
    ) {
        self.name = name
        self.persistentVolumeClaim = persistentVolumeClaim
        self.emptyDir = emptyDir
        self.secret = secret
        self.configMap = configMap
        self.hostPath = hostPath
        self.projected = projected
        self.downwardAPI = downwardAPI
        self.csi = csi
    }
}

/// `core/v1 PersistentVolumeClaimVolumeSource`: mounts a claim in the pod's namespace.
public struct PersistentVolumeClaimVolumeSource: Codable, Sendable, Equatable {
    public var claimName: String
    public var readOnly: Bool?

    public init(claimName: String, readOnly: Bool? = nil) {
        self.claimName = claimName
        self.readOnly = readOnly
    }
}

/// `core/v1 EmptyDirVolumeSource`: a scratch directory that lives as long as the pod. `{}` selects
/// the defaults.
public struct EmptyDirVolumeSource: Codable, Sendable, Equatable {
    /// Empty for node storage, `Memory` for tmpfs.
    public var medium: String?
    public var sizeLimit: Quantity?

    public init(medium: String? = nil, sizeLimit: Quantity? = nil) {
        self.medium = medium
        self.sizeLimit = sizeLimit
    }
}

/// `core/v1 SecretVolumeSource`: a Secret's keys as files.
public struct SecretVolumeSource: Codable, Sendable, Equatable {
    public var secretName: String?
    /// Selects keys and their file names; all keys when omitted.
    public var items: [KeyToPath]?
    /// File mode bits (decimal in JSON, e.g. 420 for 0644).
    public var defaultMode: Int32?
    public var optional: Bool?

    public init(
        secretName: String? = nil, items: [KeyToPath]? = nil, defaultMode: Int32? = nil, optional: Bool? = nil
    ) {
        self.secretName = secretName
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}

/// `core/v1 ConfigMapVolumeSource`: a ConfigMap's keys as files.
public struct ConfigMapVolumeSource: Codable, Sendable, Equatable {
    public var name: String?
    /// Selects keys and their file names; all keys when omitted.
    public var items: [KeyToPath]?
    /// File mode bits (decimal in JSON, e.g. 420 for 0644).
    public var defaultMode: Int32?
    public var optional: Bool?

    public init(name: String? = nil, items: [KeyToPath]? = nil, defaultMode: Int32? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}

/// `core/v1 KeyToPath`: one key projected to a relative file path.
public struct KeyToPath: Codable, Sendable, Equatable {
    public var key: String
    public var path: String
    public var mode: Int32?

    public init(key: String, path: String, mode: Int32? = nil) {
        self.key = key
        self.path = path
        self.mode = mode
    }
}

/// `core/v1 HostPathVolumeSource`: a file or directory of the node.
public struct HostPathVolumeSource: Codable, Sendable, Equatable {
    public var path: String
    /// `""`, `DirectoryOrCreate`, `Directory`, `FileOrCreate`, `File`, `Socket`, `CharDevice` or
    /// `BlockDevice`.
    public var type: String?

    public init(path: String, type: String? = nil) {
        self.path = path
        self.type = type
    }
}
