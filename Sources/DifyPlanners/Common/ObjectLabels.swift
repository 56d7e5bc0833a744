import DifyAPI

/// The labels every object the operator creates carries (the API contract's naming rules).
public enum ObjectLabels {
    /// `app.kubernetes.io/name` of serving pods and their Deployments, Services and HPAs.
    public static let servingName = "dify-model-server"
    /// `app.kubernetes.io/name` of cache PVCs and preload Jobs.
    public static let cacheName = "dify-model-cache"

    /// Labels of the objects of a DifyModel (cache PVC, preload Job).
    public static func model(_ model: String, revision: String? = nil) -> [String: String] {
        var labels = [
            DifyNames.managedByLabel: DifyNames.managedByValue,
            DifyNames.nameLabel: cacheName,
            DifyNames.modelLabel: model,
        ]
        if let revision { labels[DifyNames.revisionLabel] = revision }
        return labels
    }

    /// Labels of the objects of a DifyDeployment. Serving pods get `revision` too.
    public static func deployment(_ deployment: String, model: String, revision: String? = nil) -> [String: String] {
        var labels = [
            DifyNames.managedByLabel: DifyNames.managedByValue,
            DifyNames.nameLabel: servingName,
            DifyNames.deploymentLabel: deployment,
            DifyNames.modelLabel: model,
        ]
        if let revision { labels[DifyNames.revisionLabel] = revision }
        return labels
    }

    /// The selector of all serving pods of a DifyDeployment, over every revision (the Service's
    /// selector and `/scale` `status.selector`).
    public static func servingSelector(_ deployment: String) -> [String: String] {
        [DifyNames.deploymentLabel: deployment]
    }
}
