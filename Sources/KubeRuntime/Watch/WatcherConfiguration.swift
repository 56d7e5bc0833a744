import KubeCore

/// How a ``Watcher`` lists and watches.
public struct WatcherConfiguration: Sendable {
    /// LIST page size (client-go's pager and kube-rs both default to 500).
    public static let defaultPageSize = 500
    /// Server-side WATCH duration sent as `timeoutSeconds`. We follow kube-rs, which sends a fixed
    /// 290 s (just under the 5-minute default of common proxies and load balancers), rather than
    /// client-go's random 5–10 minutes; the client adds its idle-timeout margin on top to detect
    /// dead connections.
    public static let defaultWatchTimeoutSeconds = 290

    /// `labelSelector` for LIST and WATCH.
    public var labelSelector: String?
    /// `fieldSelector` for LIST and WATCH.
    public var fieldSelector: String?
    public var pageSize: Int
    public var watchTimeoutSeconds: Int
    /// The backoff after errors.
    public var backoff: Backoff.Configuration

    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, pageSize: Int = defaultPageSize,
        watchTimeoutSeconds: Int = defaultWatchTimeoutSeconds, backoff: Backoff.Configuration = Backoff.Configuration()
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.pageSize = pageSize
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.backoff = backoff
    }

    /// Options for one LIST page. The first page is read without `resourceVersion` (a consistent,
    /// most-recent read) so a relist after 410 can never be served from a stale cache.
    func listOptions(continueToken: String?) -> ListOptions {
        ListOptions(labelSelector: labelSelector, fieldSelector: fieldSelector, limit: pageSize, continueToken: continueToken)
    }

    /// Options for a WATCH resuming after `resourceVersion` (empty: none, the server then
    /// replays the current state as ADDED events).
    func watchOptions(resourceVersion: String) -> ListOptions {
        ListOptions(
            labelSelector: labelSelector, fieldSelector: fieldSelector,
            resourceVersion: resourceVersion.isEmpty ? nil : resourceVersion,
            timeoutSeconds: watchTimeoutSeconds, allowWatchBookmarks: true)
    }
}
