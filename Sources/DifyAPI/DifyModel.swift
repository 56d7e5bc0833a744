import KubeCore

/// `dify.ai/v1alpha1 DifyModel`: what to serve. Where the weights come from, which engine
/// serves them, which GPUs or MIG slice they need, and where the weights are cached.
///
/// The operator turns a DifyModel into a cache PVC, a preload Job per revision and a serving
/// pod template (used by every ``DifyDeployment`` that names the model).
public struct DifyModel: KubeResource, Equatable {
    public static let group = DifyAPIGroup.name
    public static let version = DifyAPIGroup.version
    public static let kind = "DifyModel"
    public static let plural = "difymodels"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String = DifyAPIGroup.apiVersion
    public var kind: String = "DifyModel"
    public var metadata: ObjectMeta
    public var spec: DifyModelSpec
    public var status: DifyModelStatus?

    public init(metadata: ObjectMeta = ObjectMeta(), spec: DifyModelSpec, status: DifyModelStatus? = nil) {
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
        spec = try c.decodeIfPresent(DifyModelSpec.self, forKey: .spec) ?? DifyModelSpec()
        status = try c.decodeIfPresent(DifyModelStatus.self, forKey: .status)
    }
}

/// The group and version of the operator's API.
public enum DifyAPIGroup {
    public static let name = "dify.ai"
    public static let version = "v1alpha1"
    public static let apiVersion = "dify.ai/v1alpha1"
    /// The `kubectl get dify` category both kinds belong to.
    public static let category = "dify"
}
