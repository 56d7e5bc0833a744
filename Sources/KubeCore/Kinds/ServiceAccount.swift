/// `core/v1 ServiceAccount`: an identity for processes in pods.
public struct ServiceAccount: KubeResource, Equatable {
    public static let group = ""
    public static let version = "v1"
    public static let kind = "ServiceAccount"
    public static let plural = "serviceaccounts"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String = "v1"
    public var kind: String = "ServiceAccount"
    public var metadata: ObjectMeta
    /// Secrets pods of this account may use (legacy token secrets).
    public var secrets: [ObjectReference]?
    /// Added to pods that run as this account.
    public var imagePullSecrets: [LocalObjectReference]?
    public var automountServiceAccountToken: Bool?

    public init(
        metadata: ObjectMeta = ObjectMeta(), secrets: [ObjectReference]? = nil,
        imagePullSecrets: [LocalObjectReference]? = nil, automountServiceAccountToken: Bool? = nil
    ) {
        self.metadata = metadata
        self.secrets = secrets
        self.imagePullSecrets = imagePullSecrets
        self.automountServiceAccountToken = automountServiceAccountToken
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, secrets, imagePullSecrets, automountServiceAccountToken
    }

    /// Items of a typed LIST response carry no `apiVersion` or `kind`; they default to this kind's.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.apiVersion
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? Self.kind
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        secrets = try c.decodeIfPresent([ObjectReference].self, forKey: .secrets)
        imagePullSecrets = try c.decodeIfPresent([LocalObjectReference].self, forKey: .imagePullSecrets)
        automountServiceAccountToken = try c.decodeIfPresent(Bool.self, forKey: .automountServiceAccountToken)
    }
}
