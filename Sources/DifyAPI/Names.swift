/// Labels, annotations and names of what the operator creates (deterministic, so users and
/// scripts can find them; see the API contract's "Names of what the operator creates").
public enum DifyNames {
    public static let managedByLabel = "app.kubernetes.io/managed-by"
    public static let managedByValue = "dify-operator"
    public static let nameLabel = "app.kubernetes.io/name"
    public static let componentLabel = "app.kubernetes.io/component"
    public static let deploymentLabel = "dify.ai/deployment"
    public static let modelLabel = "dify.ai/model"
    public static let revisionLabel = "dify.ai/revision"
    /// The field manager of every write the operator makes (server-side apply).
    public static let fieldManager = "dify-operator"

    /// The longest DifyModel name: `<model>-preload-<8-hex revision>` must fit a Job name (63).
    public static let maxModelNameLength = 63 - "-preload-".count - 8
    /// The longest DifyDeployment name: a Service name (a DNS-1035 label).
    public static let maxDeploymentNameLength = 63

    /// Deployment of one revision: `<deployment>-<revision>`.
    public static func deployment(_ deployment: String, revision: String) -> String { "\(deployment)-\(revision)" }
    /// Cache PVC: `<model>-cache`.
    public static func cacheClaim(model: String) -> String { "\(model)-cache" }
    /// Preload Job: `<model>-preload-<revision>`.
    public static func preloadJob(model: String, revision: String) -> String { "\(model)-preload-\(revision)" }
}
