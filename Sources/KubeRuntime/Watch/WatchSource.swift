import KubeClient
import KubeCore

/// The two reads a ``Watcher`` needs: a LIST page and a WATCH. ``ResourceWatchSource`` serves
/// them from the API server; tests substitute a scripted fake.
public protocol WatchSource: Sendable {
    associatedtype Object: APIObject
    associatedtype Events: AsyncSequence where Events.Element == WatchEvent<Object>

    /// The resource being watched (for logs and metric labels).
    var resourceName: String { get }
    /// One page of a LIST (`limit`, `continue`, selectors in `options`).
    func listPage(options: ListOptions) async throws -> ObjectList<Object>
    /// Opens a WATCH (`resourceVersion`, `allowWatchBookmarks`, `timeoutSeconds` in `options`).
    /// Ending iteration early must close the underlying connection.
    func watch(options: ListOptions) async throws -> Events
}

/// A ``WatchSource`` backed by a ``ResourceClient``, for one namespace (nil: all namespaces).
public struct ResourceWatchSource<Object: APIObject>: WatchSource {
    public let client: ResourceClient<Object>
    public let namespace: String?

    public init(client: ResourceClient<Object>, namespace: String?) {
        self.client = client
        self.namespace = namespace
    }

    public var resourceName: String { client.descriptor.gvr.description }

    public func listPage(options: ListOptions) async throws -> ObjectList<Object> {
        try await client.listPage(namespace: namespace, options: options)
    }

    public func watch(options: ListOptions) async throws -> WatchStream<Object> {
        try await client.watch(namespace: namespace, options: options)
    }
}
