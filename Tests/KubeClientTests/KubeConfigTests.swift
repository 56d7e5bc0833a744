import Foundation
import KubeClient
import Testing

/// A kubeconfig with one cluster `c`, one user `u` and one context `ctx` (the current one).
private func kubeconfig(cluster: String, user: String = "    {}", context: String = "    cluster: c\n    user: u", currentContext: String = "ctx") -> String {
    """
    apiVersion: v1
    kind: Config
    current-context: \(currentContext)
    clusters:
    - name: c
      cluster:
    \(cluster)
    users:
    - name: u
      user:
    \(user)
    contexts:
    - name: ctx
      context:
    \(context)
    preferences: {}

    """
}

private func base64(_ s: String) -> String { Data(s.utf8).base64EncodedString() }

@Suite struct KubeConfigTests {
    // MARK: - Cluster fields

    @Test func serverAndDefaults() throws {
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://10.0.0.1:6443/")))
        #expect(config.server == "https://10.0.0.1:6443")
        #expect(config.tls == TLSSettings())
        #expect(config.tls.insecureSkipTLSVerify == false)
        #expect(config.credentials == .none)
        #expect(config.namespace == "default")
    }

    @Test func serverPathPrefixIsKept() throws {
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://rancher.example.com/k8s/clusters/c-1")))
        #expect(config.server == "https://rancher.example.com/k8s/clusters/c-1")
    }

    @Test func certificateAuthorityFileRelativeToKubeconfig() throws {
        let ca = try TestCA()
        let dir = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.path + "/kube/certs", withIntermediateDirectories: true)
        dir.write("kube/certs/ca.crt", ca.certificatePEM)
        let path = dir.write("kube/config", kubeconfig(cluster: "    server: https://h:6443\n    certificate-authority: certs/ca.crt"))

        let raw = try KubeConfigLoader.load(paths: [path])
        #expect(raw.clusters?.first?.cluster.certificateAuthority == dir.path + "/kube/certs/ca.crt")
        let config = try KubeConfigLoader.resolve(raw)
        #expect(config.tls.certificateAuthorityPEM == ca.certificateBytes)
        #expect(config.tls.insecureSkipTLSVerify == false)
    }

    @Test func certificateAuthorityAbsolutePath() throws {
        let ca = try TestCA()
        let certs = TemporaryDirectory()
        let caPath = certs.write("ca.pem", ca.certificatePEM)
        let dir = TemporaryDirectory()
        let path = dir.write("config", kubeconfig(cluster: "    server: https://h:6443\n    certificate-authority: \(caPath)"))
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.load(paths: [path]))
        #expect(config.tls.certificateAuthorityPEM == ca.certificateBytes)
    }

    @Test func certificateAuthorityData() throws {
        let ca = try TestCA()
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://h:6443\n    certificate-authority-data: \(base64(ca.certificatePEM))")))
        #expect(config.tls.certificateAuthorityPEM == ca.certificateBytes)
        // The PEM is usable by the TLS layer.
        _ = try TLSConfigurationFactory.make(config.tls)
    }

    @Test func certificateAuthorityDataWinsOverFile() throws {
        let inline = try TestCA(commonName: "inline")
        let onDisk = try TestCA(commonName: "on-disk")
        let dir = TemporaryDirectory()
        dir.write("ca.crt", onDisk.certificatePEM)
        let path = dir.write("config", kubeconfig(cluster: "    server: https://h:6443\n    certificate-authority: ca.crt\n    certificate-authority-data: \(base64(inline.certificatePEM))"))
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.load(paths: [path]))
        #expect(config.tls.certificateAuthorityPEM == inline.certificateBytes)
    }

    @Test func insecureSkipTLSVerify() throws {
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://h:6443\n    insecure-skip-tls-verify: true")))
        #expect(config.tls.insecureSkipTLSVerify == true)
        #expect(config.tls.certificateAuthorityPEM == nil)
        let off = try KubeConfigLoader.resolve(KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://h:6443\n    insecure-skip-tls-verify: false")))
        #expect(off.tls.insecureSkipTLSVerify == false)
    }

    @Test func tlsServerName() throws {
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://10.1.2.3:6443\n    tls-server-name: kubernetes.default.svc")))
        #expect(config.tls.serverName == "kubernetes.default.svc")
        #expect(config.server == "https://10.1.2.3:6443")
        let empty = try KubeConfigLoader.resolve(KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://10.1.2.3:6443\n    tls-server-name: \"\"")))
        #expect(empty.tls.serverName == nil)
    }

    // MARK: - User fields

    @Test func token() throws {
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://h:6443", user: "    token: abc.def.ghi")))
        #expect(config.credentials == .token("abc.def.ghi"))
    }

    @Test func tokenFileRelativeToKubeconfig() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("config", kubeconfig(cluster: "    server: https://h:6443", user: "    tokenFile: secrets/token"))
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.load(paths: [path]))
        #expect(config.credentials == .tokenFile(path: dir.path + "/secrets/token", fallback: nil))
    }

    @Test func tokenAndTokenFileTogether() throws {
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://h:6443", user: "    token: static-token\n    tokenFile: /var/run/token")))
        #expect(config.credentials == .tokenFile(path: "/var/run/token", fallback: "static-token"))
    }

    @Test func clientCertificateAndKeyFiles() throws {
        let ca = try TestCA()
        let client = try ca.issueClient(user: "alice")
        let dir = TemporaryDirectory()
        dir.write("alice.crt", client.certificatePEM)
        dir.write("alice.key", client.keyPEM)
        let path = dir.write("config", kubeconfig(cluster: "    server: https://h:6443", user: "    client-certificate: alice.crt\n    client-key: ./alice.key"))
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.load(paths: [path]))
        #expect(config.tls.clientCertificatePEM == client.certificateBytes)
        #expect(config.tls.clientKeyPEM == client.keyBytes)
        #expect(config.credentials == .none)
        _ = try TLSConfigurationFactory.make(config.tls)
    }

    @Test func clientCertificateAndKeyData() throws {
        let ca = try TestCA()
        let client = try ca.issueClient(user: "bob")
        let user = "    client-certificate-data: \(base64(client.certificatePEM))\n    client-key-data: \(base64(client.keyPEM))"
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://h:6443", user: user)))
        #expect(config.tls.clientCertificatePEM == client.certificateBytes)
        #expect(config.tls.clientKeyPEM == client.keyBytes)
        _ = try TLSConfigurationFactory.make(config.tls)
    }

    @Test func execAllFields() throws {
        let dir = TemporaryDirectory()
        let user = """
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: bin/get-token
                  args:
                  - --cluster
                  - prod
                  env:
                  - name: AWS_PROFILE
                    value: ops
                  - name: EMPTY
                    value: ""
                  installHint: Install get-token from https://example.com/get-token
                  provideClusterInfo: true
                  interactiveMode: IfAvailable
            """
        let path = dir.write("config", kubeconfig(cluster: "    server: https://h:6443", user: user))
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.load(paths: [path]))
        #expect(
            config.credentials
                == .exec(
                    ExecConfig(
                        command: dir.path + "/bin/get-token", args: ["--cluster", "prod"],
                        env: [ExecEnvVar(name: "AWS_PROFILE", value: "ops"), ExecEnvVar(name: "EMPTY", value: "")],
                        apiVersion: "client.authentication.k8s.io/v1", installHint: "Install get-token from https://example.com/get-token",
                        provideClusterInfo: true, interactiveMode: "IfAvailable")))
    }

    @Test func execCommandOnPathIsNotResolved() throws {
        let dir = TemporaryDirectory()
        let user = """
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: gke-gcloud-auth-plugin
            """
        let path = dir.write("config", kubeconfig(cluster: "    server: https://h:6443", user: user))
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.load(paths: [path]))
        #expect(config.credentials == .exec(ExecConfig(command: "gke-gcloud-auth-plugin", apiVersion: "client.authentication.k8s.io/v1beta1")))
    }

    @Test func execAsWrittenByCloudTools() throws {
        // The shape `aws eks update-kubeconfig` and `gcloud container clusters get-credentials` write: nulls included.
        let user = """
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  args:
                  - --region
                  - eu-west-1
                  - eks
                  - get-token
                  - --cluster-name
                  - prod
                  - --output
                  - json
                  command: aws
                  env: null
                  installHint: |
                    Install the AWS CLI:
                    https://docs.aws.amazon.com/cli/
                  interactiveMode: IfAvailable
                  provideClusterInfo: false
            """
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://eks:443", user: user)))
        #expect(
            config.credentials
                == .exec(
                    ExecConfig(
                        command: "aws", args: ["--region", "eu-west-1", "eks", "get-token", "--cluster-name", "prod", "--output", "json"], env: nil,
                        apiVersion: "client.authentication.k8s.io/v1beta1", installHint: "Install the AWS CLI:\nhttps://docs.aws.amazon.com/cli/\n",
                        provideClusterInfo: false, interactiveMode: "IfAvailable")))
    }

    // MARK: - Contexts and namespaces

    private static let twoContexts = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: dev-cluster
          cluster:
            server: https://dev:6443
        - name: prod-cluster
          cluster:
            server: https://prod:6443
        users:
        - name: dev-user
          user:
            token: dev-token
        - name: prod-user
          user:
            token: prod-token
        contexts:
        - name: dev
          context:
            cluster: dev-cluster
            user: dev-user
            namespace: dev-ns
        - name: prod
          context:
            cluster: prod-cluster
            user: prod-user
        """

    @Test func currentContextWithNamespace() throws {
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.parse(Self.twoContexts))
        #expect(config.server == "https://dev:6443")
        #expect(config.credentials == .token("dev-token"))
        #expect(config.namespace == "dev-ns")
    }

    @Test func explicitContext() throws {
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.parse(Self.twoContexts), context: "prod")
        #expect(config.server == "https://prod:6443")
        #expect(config.credentials == .token("prod-token"))
        #expect(config.namespace == "default")
    }

    @Test func namespaceOverride() throws {
        let parsed = try KubeConfigLoader.parse(Self.twoContexts)
        #expect(try KubeConfigLoader.resolve(parsed, namespace: "override").namespace == "override")
        #expect(try KubeConfigLoader.resolve(parsed, context: "prod", namespace: "ai").namespace == "ai")
    }

    @Test func contextWithoutUser() throws {
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://h:6443", context: "    cluster: c")))
        #expect(config.credentials == .none)
    }

    // MARK: - KUBECONFIG merging

    @Test func defaultPaths() {
        #expect(KubeConfigLoader.defaultPaths(environment: ["KUBECONFIG": "/a/config::/b/config:", "HOME": "/home/x"]) == ["/a/config", "/b/config"])
        #expect(KubeConfigLoader.defaultPaths(environment: ["HOME": "/home/x"]) == ["/home/x/.kube/config"])
        #expect(KubeConfigLoader.defaultPaths(environment: ["KUBECONFIG": "", "HOME": "/home/x"]) == ["/home/x/.kube/config"])
    }

    @Test func mergeFirstDefinitionWins() throws {
        let dir = TemporaryDirectory()
        let first = dir.write(
            "first",
            """
            clusters:
            - name: shared
              cluster:
                server: https://first:6443
            users:
            - name: shared-user
              user:
                token: first-token
            contexts:
            - name: shared-ctx
              context:
                cluster: shared
                user: shared-user
                namespace: first-ns
            """)
        let second = dir.write(
            "second",
            """
            current-context: shared-ctx
            clusters:
            - name: shared
              cluster:
                server: https://second:6443
            - name: only-second
              cluster:
                server: https://only-second:6443
            users:
            - name: shared-user
              user:
                token: second-token
            contexts:
            - name: shared-ctx
              context:
                cluster: only-second
                user: shared-user
                namespace: second-ns
            - name: other
              context:
                cluster: only-second
                user: shared-user
            """)
        let third = dir.write(
            "third",
            """
            current-context: other
            """)
        let missing = dir.path + "/does-not-exist"
        let env = ["KUBECONFIG": [missing, first, second, third].joined(separator: ":"), "HOME": dir.path]

        let merged = try KubeConfigLoader.load(paths: KubeConfigLoader.defaultPaths(environment: env))
        #expect(merged.currentContext == "shared-ctx")
        #expect(merged.clusters?.map(\.name) == ["shared", "only-second"])
        #expect(merged.clusters?.first?.cluster.server == "https://first:6443")
        #expect(merged.users?.first?.user.token == "first-token")

        let config = try ClientConfiguration.load(environment: env)
        #expect(config.server == "https://first:6443")
        #expect(config.credentials == .token("first-token"))
        #expect(config.namespace == "first-ns")

        let other = try ClientConfiguration.load(context: "other", environment: env)
        #expect(other.server == "https://only-second:6443")
        #expect(other.credentials == .token("first-token"))
        #expect(other.namespace == "default")
    }

    @Test func mergeRelativePathsResolvedPerFile() throws {
        let ca1 = try TestCA(commonName: "one")
        let ca2 = try TestCA(commonName: "two")
        let dir = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.path + "/a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir.path + "/b", withIntermediateDirectories: true)
        dir.write("a/ca.crt", ca1.certificatePEM)
        dir.write("b/ca.crt", ca2.certificatePEM)
        let a = dir.write("a/config", "clusters:\n- name: one\n  cluster:\n    server: https://one\n    certificate-authority: ca.crt\n")
        let b = dir.write(
            "b/config",
            "current-context: two\nclusters:\n- name: two\n  cluster:\n    server: https://two\n    certificate-authority: ca.crt\ncontexts:\n- name: two\n  context:\n    cluster: two\n- name: one\n  context:\n    cluster: one\n")
        let merged = try KubeConfigLoader.load(paths: [a, b])
        #expect(try KubeConfigLoader.resolve(merged).tls.certificateAuthorityPEM == ca2.certificateBytes)
        #expect(try KubeConfigLoader.resolve(merged, context: "one").tls.certificateAuthorityPEM == ca1.certificateBytes)
    }

    @Test func noFileFound() {
        let dir = TemporaryDirectory()
        let paths = [dir.path + "/a", dir.path + "/b"]
        #expect(configurationError { try KubeConfigLoader.load(paths: paths) } == "no kubeconfig found in \(dir.path)/a, \(dir.path)/b")
    }

    // MARK: - Errors

    @Test func unknownContext() throws {
        let parsed = try KubeConfigLoader.parse(Self.twoContexts)
        #expect(configurationError { try KubeConfigLoader.resolve(parsed, context: "staging") } == "context \"staging\" not found in kubeconfig")
    }

    @Test func missingCluster() throws {
        let parsed = try KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://h", context: "    cluster: gone\n    user: u"))
        #expect(configurationError { try KubeConfigLoader.resolve(parsed) } == "cluster \"gone\" of context \"ctx\" not found in kubeconfig")
    }

    @Test func missingUser() throws {
        let parsed = try KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://h", context: "    cluster: c\n    user: nobody"))
        #expect(configurationError { try KubeConfigLoader.resolve(parsed) } == "user \"nobody\" of context \"ctx\" not found in kubeconfig")
    }

    @Test func missingServer() throws {
        let parsed = try KubeConfigLoader.parse(kubeconfig(cluster: "    insecure-skip-tls-verify: true"))
        #expect(configurationError { try KubeConfigLoader.resolve(parsed) } == "cluster \"c\" has no server")
    }

    @Test func certificateWithoutKey() throws {
        let client = try TestCA().issueClient()
        let certOnly = try KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://h", user: "    client-certificate-data: \(base64(client.certificatePEM))"))
        let message = "user of context \"ctx\" has a client certificate without a key, or a key without a certificate"
        #expect(configurationError { try KubeConfigLoader.resolve(certOnly) } == message)
        let keyOnly = try KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://h", user: "    client-key-data: \(base64(client.keyPEM))"))
        #expect(configurationError { try KubeConfigLoader.resolve(keyOnly) } == message)
    }

    @Test func unreadableCertificateFile() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("config", kubeconfig(cluster: "    server: https://h\n    certificate-authority: missing-ca.crt"))
        let loaded = try KubeConfigLoader.load(paths: [path])
        #expect(configurationError { try KubeConfigLoader.resolve(loaded) } == "cannot read certificate-authority file \(dir.path)/missing-ca.crt")
    }

    @Test func certificateAuthorityWithInsecure() throws {
        let ca = try TestCA()
        let parsed = try KubeConfigLoader.parse(
            kubeconfig(cluster: "    server: https://h\n    insecure-skip-tls-verify: true\n    certificate-authority-data: \(base64(ca.certificatePEM))"))
        #expect(configurationError { try KubeConfigLoader.resolve(parsed) } == "cluster \"c\" sets both a certificate authority and insecure-skip-tls-verify")
    }

    @Test func invalidBase64() throws {
        let parsed = try KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://h\n    certificate-authority-data: not*base64!"))
        #expect(configurationError { try KubeConfigLoader.resolve(parsed) } == "certificate-authority-data is not valid base64")
        let user = try KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://h", user: "    client-certificate-data: '%%%'\n    client-key-data: '%%%'"))
        #expect(configurationError { try KubeConfigLoader.resolve(user) } == "client-certificate-data is not valid base64")
    }

    @Test func noCurrentContext() throws {
        let parsed = try KubeConfigLoader.parse(kubeconfig(cluster: "    server: https://h", currentContext: "\"\""))
        #expect(configurationError { try KubeConfigLoader.resolve(parsed) } == "kubeconfig has no current-context and no context was given")
        let none = try KubeConfigLoader.parse("clusters: []\n")
        #expect(configurationError { try KubeConfigLoader.resolve(none) } == "kubeconfig has no current-context and no context was given")
    }

    @Test func invalidYAML() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("config", "clusters: [\n  - name: {\n")
        let message = configurationError { try KubeConfigLoader.load(paths: [path]) }
        #expect(message.hasPrefix("invalid kubeconfig \(path): "))
        let wrongShape = configurationError { try KubeConfigLoader.parse("clusters: 3\n") }
        #expect(wrongShape.hasPrefix("invalid kubeconfig: "))
    }
}
