import KubeClient

/// Version facts printed by `dify-operator version`.
enum BuildInfo {
    /// The release version; bumped when a release is cut.
    static let version = "0.1.0-dev"
    /// The API group and version the operator serves.
    static let apiVersion = "dify.ai/v1alpha1"
}
