import Foundation
import KubeClient
import Testing

/// A mounted service-account directory: token, ca.crt and (optionally) namespace.
private func serviceAccountDirectory(token: String? = "sa-token\n", ca: String, namespace: String? = "ai-system\n") -> TemporaryDirectory {
    let dir = TemporaryDirectory()
    if let token { dir.write("token", token) }
    dir.write("ca.crt", ca)
    if let namespace { dir.write("namespace", namespace) }
    return dir
}

/// A home directory holding `.kube/config` for one cluster.
private func homeWithKubeconfig(server: String) throws -> TemporaryDirectory {
    let home = TemporaryDirectory()
    try FileManager.default.createDirectory(atPath: home.path + "/.kube", withIntermediateDirectories: true)
    home.write(".kube/config", kubeconfigText(server: server, token: "home-token"))
    return home
}

private func kubeconfigText(server: String, token: String, namespace: String = "home-ns") -> String {
    """
    current-context: only
    clusters:
    - name: c
      cluster:
        server: \(server)
    users:
    - name: u
      user:
        token: \(token)
    contexts:
    - name: only
      context:
        cluster: c
        user: u
        namespace: \(namespace)
    """
}

@Suite struct InClusterConfigTests {
    @Test func ipv4() throws {
        let ca = try TestCA()
        let dir = serviceAccountDirectory(ca: ca.certificatePEM)
        let env = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]
        #expect(InClusterConfig.isAvailable(environment: env))
        let config = try InClusterConfig.load(environment: env, directory: dir.path)
        #expect(config.server == "https://10.96.0.1:443")
        #expect(config.tls == TLSSettings(certificateAuthorityPEM: ca.certificateBytes))
        #expect(config.tls.insecureSkipTLSVerify == false)
        #expect(config.credentials == .tokenFile(path: dir.path + "/token", fallback: nil))
        #expect(config.namespace == "ai-system")
    }

    @Test func ipv6IsBracketed() throws {
        let ca = try TestCA()
        let dir = serviceAccountDirectory(ca: ca.certificatePEM)
        let config = try InClusterConfig.load(environment: ["KUBERNETES_SERVICE_HOST": "fd00:10:96::1", "KUBERNETES_SERVICE_PORT": "6443"], directory: dir.path)
        #expect(config.server == "https://[fd00:10:96::1]:6443")
    }

    @Test func tokenIsReadThroughTheProvider() async throws {
        let ca = try TestCA()
        let dir = serviceAccountDirectory(token: "  projected-token \n", ca: ca.certificatePEM)
        let config = try InClusterConfig.load(environment: ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"], directory: dir.path)
        guard case .tokenFile(let path, let fallback) = config.credentials else {
            Issue.record("expected a token file, got \(config.credentials)")
            return
        }
        let provider = TokenFileProvider(path: path, fallback: fallback, clock: FakeClock())
        #expect(try await provider.authorization() == "Bearer projected-token")
    }

    @Test func missingNamespaceFileMeansDefault() throws {
        let ca = try TestCA()
        let env = ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"]
        let noFile = serviceAccountDirectory(ca: ca.certificatePEM, namespace: nil)
        #expect(try InClusterConfig.load(environment: env, directory: noFile.path).namespace == "default")
        let emptyFile = serviceAccountDirectory(ca: ca.certificatePEM, namespace: " \n")
        #expect(try InClusterConfig.load(environment: env, directory: emptyFile.path).namespace == "default")
    }

    @Test func missingToken() throws {
        let ca = try TestCA()
        let dir = serviceAccountDirectory(token: nil, ca: ca.certificatePEM)
        let env = ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"]
        #expect(configurationError { try InClusterConfig.load(environment: env, directory: dir.path) } == "service account token \(dir.path)/token is not readable")
    }

    @Test func missingCA() throws {
        let dir = TemporaryDirectory()
        dir.write("token", "t")
        let env = ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"]
        #expect(configurationError { try InClusterConfig.load(environment: env, directory: dir.path) } == "service account CA \(dir.path)/ca.crt is not readable")
    }

    @Test func notInCluster() {
        let message = "not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set"
        #expect(!InClusterConfig.isAvailable(environment: [:]))
        #expect(!InClusterConfig.isAvailable(environment: ["KUBERNETES_SERVICE_HOST": "10.0.0.1"]))
        #expect(!InClusterConfig.isAvailable(environment: ["KUBERNETES_SERVICE_HOST": "", "KUBERNETES_SERVICE_PORT": "443"]))
        #expect(configurationError { try InClusterConfig.load(environment: ["KUBERNETES_SERVICE_PORT": "443"], directory: "/nonexistent") } == message)
    }

    // MARK: - ClientConfiguration.load precedence

    @Test func explicitKubeconfigWinsOverEverything() throws {
        let ca = try TestCA()
        let sa = serviceAccountDirectory(ca: ca.certificatePEM)
        let home = try homeWithKubeconfig(server: "https://home:6443")
        let files = TemporaryDirectory()
        let explicit = files.write("explicit", kubeconfigText(server: "https://explicit:6443", token: "explicit-token"))
        let env = files.write("env", kubeconfigText(server: "https://env:6443", token: "env-token"))
        let environment = ["KUBECONFIG": env, "KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443", "HOME": home.path]

        let config = try ClientConfiguration.load(kubeconfig: explicit, environment: environment, inClusterDirectory: sa.path)
        #expect(config.server == "https://explicit:6443")
        #expect(config.credentials == .token("explicit-token"))
        #expect(config.namespace == "home-ns")
        #expect(try ClientConfiguration.load(kubeconfig: explicit, namespace: "x", environment: environment, inClusterDirectory: sa.path).namespace == "x")
    }

    @Test func explicitKubeconfigMissingIsAnError() throws {
        let home = try homeWithKubeconfig(server: "https://home:6443")
        let missing = home.path + "/nope"
        #expect(configurationError { try ClientConfiguration.load(kubeconfig: missing, environment: ["HOME": home.path]) } == "no kubeconfig found in \(missing)")
    }

    @Test func kubeconfigEnvironmentWinsOverInCluster() throws {
        let ca = try TestCA()
        let sa = serviceAccountDirectory(ca: ca.certificatePEM)
        let home = try homeWithKubeconfig(server: "https://home:6443")
        let files = TemporaryDirectory()
        let env = files.write("env", kubeconfigText(server: "https://env:6443", token: "env-token"))
        let environment = ["KUBECONFIG": env, "KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443", "HOME": home.path]
        let config = try ClientConfiguration.load(environment: environment, inClusterDirectory: sa.path)
        #expect(config.server == "https://env:6443")
        #expect(config.credentials == .token("env-token"))
    }

    @Test func inClusterWinsOverHome() throws {
        let ca = try TestCA()
        let sa = serviceAccountDirectory(ca: ca.certificatePEM)
        let home = try homeWithKubeconfig(server: "https://home:6443")
        let environment = ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443", "HOME": home.path]
        let config = try ClientConfiguration.load(environment: environment, inClusterDirectory: sa.path)
        #expect(config.server == "https://10.0.0.1:443")
        #expect(config.credentials == .tokenFile(path: sa.path + "/token", fallback: nil))
        #expect(config.namespace == "ai-system")
        let overridden = try ClientConfiguration.load(namespace: "other", environment: environment, inClusterDirectory: sa.path)
        #expect(overridden.namespace == "other")
    }

    @Test func homeWhenNotInCluster() throws {
        let home = try homeWithKubeconfig(server: "https://home:6443")
        let config = try ClientConfiguration.load(environment: ["HOME": home.path])
        #expect(config.server == "https://home:6443")
        #expect(config.credentials == .token("home-token"))
        #expect(config.namespace == "home-ns")
    }

    @Test func emptyKubeconfigVariableIsIgnored() throws {
        let home = try homeWithKubeconfig(server: "https://home:6443")
        let config = try ClientConfiguration.load(environment: ["KUBECONFIG": "", "HOME": home.path])
        #expect(config.server == "https://home:6443")
    }

    @Test func brokenInClusterFallsBackToHome() throws {
        // A pod with automountServiceAccountToken: false and a kubeconfig in $HOME (controller-runtime's GetConfig behaviour).
        let ca = try TestCA()
        let sa = serviceAccountDirectory(token: nil, ca: ca.certificatePEM)
        let home = try homeWithKubeconfig(server: "https://home:6443")
        let environment = ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443", "HOME": home.path]
        #expect(try ClientConfiguration.load(environment: environment, inClusterDirectory: sa.path).server == "https://home:6443")
    }

    @Test func brokenInClusterWithoutHomeReportsInClusterError() throws {
        let ca = try TestCA()
        let sa = serviceAccountDirectory(token: nil, ca: ca.certificatePEM)
        let home = TemporaryDirectory()
        let environment = ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443", "HOME": home.path]
        #expect(configurationError { try ClientConfiguration.load(environment: environment, inClusterDirectory: sa.path) } == "service account token \(sa.path)/token is not readable")
    }

    @Test func nothingFound() {
        let home = TemporaryDirectory()
        #expect(configurationError { try ClientConfiguration.load(environment: ["HOME": home.path]) } == "no kubeconfig found in \(home.path)/.kube/config")
    }
}
