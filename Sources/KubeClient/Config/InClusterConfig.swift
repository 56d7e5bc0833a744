import Foundation

/// The configuration of a pod's service account, as client-go's `rest.InClusterConfig` builds it:
/// server from `KUBERNETES_SERVICE_HOST`/`_PORT`, CA and namespace from the mounted files, and the
/// token file re-read periodically because bound service-account tokens rotate (about hourly).
public enum InClusterConfig {
    public static let defaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// Whether the process looks like it runs in a pod.
    public static func isAvailable(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        !(environment["KUBERNETES_SERVICE_HOST"] ?? "").isEmpty && !(environment["KUBERNETES_SERVICE_PORT"] ?? "").isEmpty
    }

    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment, directory: String = defaultDirectory) throws -> ClientConfiguration {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw KubeError.configuration("not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set")
        }
        let tokenPath = directory + "/token"
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw KubeError.configuration("service account token \(tokenPath) is not readable")
        }
        guard let ca = FileManager.default.contents(atPath: directory + "/ca.crt") else {
            throw KubeError.configuration("service account CA \(directory)/ca.crt is not readable")
        }
        let namespace = (try? String(contentsOfFile: directory + "/namespace", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // An IPv6 address must be bracketed in a URL.
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return ClientConfiguration(
            server: "https://\(hostPart):\(port)",
            tls: TLSSettings(certificateAuthorityPEM: Array(ca)),
            credentials: .tokenFile(path: tokenPath, fallback: nil),
            namespace: (namespace?.isEmpty ?? true) ? "default" : namespace!
        )
    }
}

extension ClientConfiguration {
    /// The configuration controller-runtime's `GetConfig` would pick: an explicit kubeconfig path,
    /// else `$KUBECONFIG`, else in-cluster, else `~/.kube/config`. As there, an in-cluster
    /// configuration that cannot be loaded (no token mounted) falls back to `~/.kube/config`
    /// when that file exists; otherwise the in-cluster error is thrown.
    /// - Parameter inClusterDirectory: where the service account files are mounted.
    public static func load(
        kubeconfig: String? = nil, context: String? = nil, namespace: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        inClusterDirectory: String = InClusterConfig.defaultDirectory
    ) throws -> ClientConfiguration {
        if let kubeconfig {
            return try KubeConfigLoader.resolve(KubeConfigLoader.load(paths: [kubeconfig]), context: context, namespace: namespace)
        }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            return try KubeConfigLoader.resolve(KubeConfigLoader.load(paths: KubeConfigLoader.defaultPaths(environment: environment)), context: context, namespace: namespace)
        }
        let homePaths = KubeConfigLoader.defaultPaths(environment: environment)
        if InClusterConfig.isAvailable(environment: environment) {
            do {
                var c = try InClusterConfig.load(environment: environment, directory: inClusterDirectory)
                if let namespace { c.namespace = namespace }
                return c
            } catch {
                guard homePaths.contains(where: { FileManager.default.fileExists(atPath: $0) }) else { throw error }
            }
        }
        return try KubeConfigLoader.resolve(KubeConfigLoader.load(paths: homePaths), context: context, namespace: namespace)
    }
}
