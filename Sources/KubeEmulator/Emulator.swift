import Foundation
import KubeCore
import Logging

/// An in-memory Kubernetes API server on HTTPS loopback: the cluster of `dify-operator dev` and
/// of every integration test. It follows kube-apiserver's documented semantics and knows nothing
/// about the operator.
public final class Emulator: Sendable {
    /// Settings of one emulator instance.
    public struct Configuration: Sendable {
        /// Default port of `dify-operator dev`; 0 picks a free port.
        public static let defaultPort = 6443
        public var host: String = "127.0.0.1"
        public var port: Int = 0
        /// Bearer tokens accepted, mapped to user names (kube-apiserver's `--token-auth-file`).
        /// One admin token is generated if empty; the user `admin` is in `system:masters`.
        public var tokens: [String: String] = [:]
        /// Groups of the static-token users, by user name (the token file's groups column).
        /// Every authenticated user is also in `system:authenticated`.
        public var groups: [String: [String]] = [:]
        /// `--authorization-mode`: `.alwaysAllow` (default) or `.rbac`, where requests are
        /// authorized by the stored Roles, ClusterRoles and bindings (see ``AuthorizationMode``).
        public var authorizationMode: AuthorizationMode = .alwaysAllow
        /// The emulator's clock: timestamps, token expiry, the data plane's timers. Tests may
        /// move it forward (e.g. to expire a service-account token).
        public var clock: @Sendable () -> Date = { Date() }
        public var historyLimit: Int = ObjectStore.defaultHistoryLimit
        public var bookmarkInterval: Duration = .seconds(60)
        public var continueTokenTTL: TimeInterval = ContinuePager.defaultTTL
        /// The simulated data plane (nodes, scheduler, kubelets, workload controllers); nil for none.
        public var dataPlane: DataPlane.Configuration? = DataPlane.Configuration()
        public init() {}
    }

    public let api: APIServer
    public let certificates: EmulatorCertificates
    public let configuration: Configuration
    /// The admin bearer token (also written into the kubeconfig).
    public let adminToken: String
    let server: HTTPServer
    let controllers: SystemControllers
    /// The simulated data plane (its fault methods are also served under `/emulator/`).
    public let dataPlane: DataPlane?
    let running = LockedValue<(port: Int, close: @Sendable () async -> Void, task: Task<Void, Never>)?>(nil)

    public init(configuration: Configuration = Configuration(), logger: Logger = Logger(label: "emulator")) throws {
        var config = configuration
        let token = config.tokens.first { $0.value == "admin" }?.key ?? UUID().uuidString.replacingOccurrences(of: "-", with: "")
        if config.tokens.isEmpty { config.tokens[token] = "admin" }
        self.adminToken = token
        self.configuration = config
        self.certificates = try EmulatorCertificates.generate()
        let store = ObjectStore(historyLimit: config.historyLimit)
        self.api = APIServer(store: store, registry: ResourceRegistry(), tokens: config.tokens, groups: config.groups, authorizationMode: config.authorizationMode, admission: EmulatorAdmission(), fieldTracker: ManagedFieldTracker(schemas: SchemaLookup()), faults: Faults(), logger: logger, bookmarkInterval: config.bookmarkInterval, continueTokenTTL: config.continueTokenTTL, clock: config.clock)
        let api = self.api
        self.server = try HTTPServer(certificates: certificates, logger: logger) { await api.handle($0) }
        self.controllers = SystemControllers(api: api)
        self.dataPlane = config.dataPlane.map { DataPlane(api: api, configuration: $0, logger: logger) }
        bootstrap()
    }

    /// The namespaces every cluster starts with and, in RBAC mode, the bootstrap roles and
    /// bindings (``BootstrapPolicy``).
    func bootstrap() {
        let nsDef = api.registry.lookup(group: "", version: "v1", plural: "namespaces")!
        for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            _ = try? api.create(nsDef, namespace: nil, body: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(ns)]], options: WriteContext(manager: "kube-apiserver", dryRun: false, fieldValidation: "Ignore", now: api.clock()))
        }
        if configuration.authorizationMode == .rbac { BootstrapPolicy.create(in: api) }
    }

    /// A token for an existing service account, as `kubectl create token` gets from the
    /// TokenRequest API (in-process; the HTTP API is `POST .../serviceaccounts/<name>/token`).
    /// It authenticates as `system:serviceaccount:<namespace>:<name>` until it expires or the
    /// service account is deleted. Throws the API's 404 when the service account does not exist.
    public func serviceAccountToken(namespace: String, name: String, expirationSeconds: Int64 = 3600) throws -> String {
        let request: JSONValue = ["apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": ["expirationSeconds": .int(expirationSeconds)]]
        return try api.createToken(namespace: namespace, serviceAccount: name, body: request)["status"]["token"].stringValue ?? ""
    }

    /// Starts serving; returns once the port is bound.
    @discardableResult
    public func start() async throws -> Int {
        controllers.start()
        if let dataPlane {
            dataPlane.start()
            api.dataPlane.value = dataPlane
        }
        let bound = try await server.bind(host: configuration.host, port: configuration.port)
        let task = Task { await bound.serve() }
        running.value = (bound.port, bound.close, task)
        return bound.port
    }

    public func shutdown() async {
        controllers.stop()
        dataPlane?.stop()
        api.dataPlane.value = nil
        api.store.closeAllWatches()
        if let r = running.value {
            await r.close()
            await r.task.value
        }
        running.value = nil
    }

    public var port: Int? { running.value?.port }

    /// `https://127.0.0.1:<port>`.
    public var serverURL: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "https://\(host):\(port ?? configuration.port)"
    }

    /// A kubeconfig trusting the emulator's CA, for the admin user or, given a `token` (e.g. a
    /// service account's from ``serviceAccountToken(namespace:name:expirationSeconds:)``), for
    /// whoever that token authenticates as (`user` names the kubeconfig entry only).
    public func kubeconfig(namespace: String = "default", token: String? = nil, user: String = "admin") -> String {
        let ca = Data(certificates.caPEM.utf8).base64EncodedString()
        return """
            apiVersion: v1
            kind: Config
            current-context: dify-emulator
            clusters:
            - name: dify-emulator
              cluster:
                server: \(serverURL)
                certificate-authority-data: \(ca)
            users:
            - name: \(user)
              user:
                token: \(token ?? adminToken)
            contexts:
            - name: dify-emulator
              context:
                cluster: dify-emulator
                user: \(user)
                namespace: \(namespace)
            preferences: {}

            """
    }

    public func writeKubeconfig(to path: String) throws {
        try kubeconfig().write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
}
