/// `core/v1 Secret`: confidential data such as passwords, tokens and keys.
public struct Secret: KubeResource, Equatable {
    public static let group = ""
    public static let version = "v1"
    public static let kind = "Secret"
    public static let plural = "secrets"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String = "v1"
    public var kind: String = "Secret"
    public var metadata: ObjectMeta
    /// `Opaque` (the default), `kubernetes.io/tls`, `kubernetes.io/dockerconfigjson`,
    /// `kubernetes.io/service-account-token`, ...
    public var type: String?
    /// Values base64-encoded as on the wire (the API server returns secrets only in this form).
    public var data: [String: String]?
    /// Write-only plain-text values; the API server merges them into `data` and never returns this
    /// field.
    public var stringData: [String: String]?
    /// When true, the data can no longer be changed (only deletion is possible).
    public var immutable: Bool?

    public init(
        metadata: ObjectMeta = ObjectMeta(), type: String? = nil, data: [String: String]? = nil,
        stringData: [String: String]? = nil, immutable: Bool? = nil
    ) {
        self.metadata = metadata
        self.type = type
        self.data = data
        self.stringData = stringData
        self.immutable = immutable
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, type, data, stringData, immutable
    }

    /// Items of a typed LIST response carry no `apiVersion` or `kind`; they default to this kind's.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.apiVersion
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? Self.kind
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        type = try c.decodeIfPresent(String.self, forKey: .type)
        data = try c.decodeIfPresent([String: String].self, forKey: .data)
        stringData = try c.decodeIfPresent([String: String].self, forKey: .stringData)
        immutable = try c.decodeIfPresent(Bool.self, forKey: .immutable)
    }
}
