import KubeClient
import KubeCore
import Logging
import Synchronization

/// Hands out one ``Informer`` per (resource, namespace, label selector, Swift object type), so
/// that controllers watching the same kind share one watch and one cache (client-go's
/// `SharedInformerFactory`, controller-runtime's informer cache).
///
/// The object type is part of the key because a typed informer (`Informer<ConfigMap>`) and an
/// unstructured one (`Informer<JSONValue>`) of the same resource cannot share a cache.
///
/// Informers are not started when created; ``startAll()`` starts them all, and after it any new
/// informer is started as it is created (like calling the factory's `Start` again).
public final class SharedInformers: Sendable {
    /// The identity of a shared informer.
    public struct Key: Hashable, Sendable {
        public var resource: ResourceDescriptor
        public var namespace: String?
        public var labelSelector: String?
        var objectType: ObjectIdentifier
    }

    private struct State: Sendable {
        /// Each value is an `Informer<O>` for the `O` recorded in its key.
        var informers: [Key: any AnyInformer] = [:]
        var started = false
    }

    public let client: KubernetesClient
    public let configuration: WatcherConfiguration
    private let logger: Logger
    private let state = Mutex(State())

    /// `configuration` is the template for every informer; its label selector is replaced by the
    /// one each informer is asked for.
    public init(client: KubernetesClient, configuration: WatcherConfiguration = WatcherConfiguration(), logger: Logger = Logger(label: "kube-runtime.informers")) {
        self.client = client
        self.configuration = configuration
        self.logger = logger
    }

    /// The shared informer of a typed kind.
    public func informer<O: KubeResource>(for type: O.Type, namespace: String? = nil, labelSelector: String? = nil) -> Informer<O> {
        informer(O.self, descriptor: O.descriptor, namespace: namespace, labelSelector: labelSelector)
    }

    /// The shared informer of any resource, as `O` (a typed kind or `JSONValue`).
    public func informer<O: APIObject>(_ type: O.Type, descriptor: ResourceDescriptor, namespace: String? = nil, labelSelector: String? = nil) -> Informer<O> {
        let ns = descriptor.isNamespaced ? namespace : nil
        let selector = labelSelector.flatMap { $0.isEmpty ? nil : $0 }
        let key = Key(resource: descriptor, namespace: ns, labelSelector: selector, objectType: ObjectIdentifier(O.self))
        let (informer, startNow) = state.withLock { s -> (Informer<O>, Bool) in
            if let existing = s.informers[key] as? Informer<O> { return (existing, false) }
            var config = configuration
            config.labelSelector = selector
            var log = logger
            log[metadataKey: "namespace"] = "\(ns ?? "*")"
            if let selector { log[metadataKey: "labelSelector"] = "\(selector)" }
            let i = Informer(client: ResourceClient<O>(client: client, descriptor: descriptor), namespace: ns, configuration: config, logger: log)
            s.informers[key] = i
            return (i, s.started)
        }
        if startNow { informer.start() }
        return informer
    }

    /// The keys of the informers created so far.
    public var keys: [Key] { state.withLock { Array($0.informers.keys) } }

    /// Starts every informer, and any created later.
    public func startAll() {
        let all = state.withLock { s -> [any AnyInformer] in
            s.started = true
            return Array(s.informers.values)
        }
        for i in all { i.start() }
    }

    /// Stops every informer.
    public func stopAll() {
        let all = state.withLock { s -> [any AnyInformer] in
            s.started = false
            return Array(s.informers.values)
        }
        for i in all { i.stop() }
    }

    /// Whether every informer has synced.
    public var hasSynced: Bool { state.withLock { Array($0.informers.values) }.allSatisfy { $0.hasSynced } }

    /// Waits until every informer created so far has synced.
    public func waitForSync() async throws {
        for i in state.withLock({ Array($0.informers.values) }) { try await i.waitForSync() }
    }
}

/// The type-erased lifecycle of an informer.
protocol AnyInformer: Sendable {
    func start()
    func stop()
    var hasSynced: Bool { get }
    func waitForSync() async throws
}

extension Informer: AnyInformer {}
