import Foundation
import KubeClient
import KubeCore
import Testing

/// A configuration for the local test server: no rate limit, no retries (a TLS failure is final).
private func configuration(port: Int, host: String = "127.0.0.1", tls: TLSSettings, credentials: CredentialSource = .token("tls-token")) -> ClientConfiguration {
    ClientConfiguration(server: "https://\(host):\(port)", tls: tls, credentials: credentials, rateLimit: nil, requestTimeoutSeconds: 30, maxRetries: 0)
}

/// GETs the `default` Namespace through the production transport, shutting the client down afterwards.
private func getDefaultNamespace(_ configuration: ClientConfiguration) async throws -> Namespace {
    let client = try KubernetesClient(configuration: configuration)
    do {
        let namespace = try await client.resource(Namespace.self).get("default")
        try await client.shutdown()
        return namespace
    } catch {
        try? await client.shutdown()
        throw error
    }
}

/// Whether the IPv6 loopback address is configured (not in every container).
private let ipv6LoopbackAvailable: Bool = {
    #if os(Linux)
    guard let table = FileManager.default.contents(atPath: "/proc/net/if_inet6") else { return false }
    return String(decoding: table, as: UTF8.self).contains("00000000000000000000000000000001")
    #else
    return true
    #endif
}()

@Suite struct TLSTests {
    @Test func trustedCertificateAuthority() async throws {
        let ca = try TestCA()
        let identity = try ca.issueServer()
        try await TestHTTPSServer.with(identity: identity) { server in
            let namespace = try await getDefaultNamespace(configuration(port: server.port, tls: TLSSettings(certificateAuthorityPEM: ca.certificateBytes)))
            #expect(namespace.metadata.name == "default")
            #expect(namespace.kind == "Namespace")
            #expect(
                server.log.all == [ServerRequestRecord(method: "GET", uri: "/api/v1/namespaces/default", authorization: "Bearer tls-token", clientCertificateSubject: nil)])
        }
    }

    @Test func localhostName() async throws {
        let ca = try TestCA()
        try await TestHTTPSServer.with(identity: try ca.issueServer()) { server in
            let namespace = try await getDefaultNamespace(configuration(port: server.port, host: "localhost", tls: TLSSettings(certificateAuthorityPEM: ca.certificateBytes)))
            #expect(namespace.metadata.name == "default")
        }
    }

    @Test(.enabled(if: ipv6LoopbackAvailable)) func ipv6Server() async throws {
        let ca = try TestCA()
        let identity = try ca.issueServer(dnsNames: ["kubernetes.internal"], ipAddresses: [TestCA.ipv6Loopback])
        try await TestHTTPSServer.with(identity: identity, host: "::1") { server in
            let direct = try await getDefaultNamespace(configuration(port: server.port, host: "[::1]", tls: TLSSettings(certificateAuthorityPEM: ca.certificateBytes)))
            #expect(direct.metadata.name == "default")
            // tls-server-name with a bracketed IPv6 server address.
            let named = try await getDefaultNamespace(
                configuration(port: server.port, host: "[::1]", tls: TLSSettings(certificateAuthorityPEM: ca.certificateBytes, serverName: "kubernetes.internal")))
            #expect(named.metadata.name == "default")
            #expect(server.log.all.count == 2)
        }
    }

    @Test func systemRootsDoNotTrustTheServer() async throws {
        let ca = try TestCA()
        try await TestHTTPSServer.with(identity: try ca.issueServer()) { server in
            let result = await tlsError { try await getDefaultNamespace(configuration(port: server.port, tls: TLSSettings())) }
            #expect(result.other == nil)
            #expect(result.message?.contains("CERTIFICATE_VERIFY_FAILED") == true, "\(result.message ?? "")")
            #expect(server.log.all.isEmpty)
        }
    }

    @Test func otherCertificateAuthorityIsRejected() async throws {
        let ca = try TestCA(commonName: "real-ca")
        let other = try TestCA(commonName: "other-ca")
        try await TestHTTPSServer.with(identity: try ca.issueServer()) { server in
            let result = await tlsError {
                try await getDefaultNamespace(configuration(port: server.port, tls: TLSSettings(certificateAuthorityPEM: other.certificateBytes)))
            }
            #expect(result.other == nil)
            #expect(result.message?.contains("CERTIFICATE_VERIFY_FAILED") == true, "\(result.message ?? "")")
            #expect(server.log.all.isEmpty)
        }
    }

    @Test func insecureSkipTLSVerify() async throws {
        let ca = try TestCA()
        try await TestHTTPSServer.with(identity: try ca.issueServer()) { server in
            let namespace = try await getDefaultNamespace(configuration(port: server.port, tls: TLSSettings(insecureSkipTLSVerify: true)))
            #expect(namespace.metadata.name == "default")
            #expect(server.log.all.map(\.authorization) == ["Bearer tls-token"])
        }
    }

    @Test func tlsServerName() async throws {
        let ca = try TestCA()
        let identity = try ca.issueServer(dnsNames: ["kubernetes.internal"], ipAddresses: [])
        try await TestHTTPSServer.with(identity: identity) { server in
            // The certificate does not name 127.0.0.1: verification against the URL host fails.
            let without = await tlsError {
                try await getDefaultNamespace(configuration(port: server.port, tls: TLSSettings(certificateAuthorityPEM: ca.certificateBytes)))
            }
            #expect(without.other == nil)
            #expect(without.message != nil)
            #expect(server.log.all.isEmpty)

            let config = configuration(port: server.port, tls: TLSSettings(certificateAuthorityPEM: ca.certificateBytes, serverName: "kubernetes.internal"))
            let namespace = try await getDefaultNamespace(config)
            #expect(namespace.metadata.name == "default")
            #expect(server.log.all.map(\.uri) == ["/api/v1/namespaces/default"])

            // A wrong tls-server-name fails too.
            let wrong = await tlsError {
                try await getDefaultNamespace(configuration(port: server.port, tls: TLSSettings(certificateAuthorityPEM: ca.certificateBytes, serverName: "kubernetes.external")))
            }
            #expect(wrong.other == nil)
            #expect(wrong.message != nil)
            #expect(server.log.all.count == 1)
        }
    }

    @Test func clientCertificateIsPresented() async throws {
        let ca = try TestCA()
        let client = try ca.issueClient(user: "alice")
        try await TestHTTPSServer.with(identity: try ca.issueServer(), clientCA: ca) { server in
            let tls = TLSSettings(certificateAuthorityPEM: ca.certificateBytes, clientCertificatePEM: client.certificateBytes, clientKeyPEM: client.keyBytes)
            let namespace = try await getDefaultNamespace(configuration(port: server.port, tls: tls, credentials: .none))
            #expect(namespace.metadata.name == "default")
            #expect(server.log.all == [ServerRequestRecord(method: "GET", uri: "/api/v1/namespaces/default", authorization: nil, clientCertificateSubject: "CN=alice")])
        }
    }

    @Test func missingClientCertificateIsRejected() async throws {
        let ca = try TestCA()
        try await TestHTTPSServer.with(identity: try ca.issueServer(), clientCA: ca) { server in
            let result = await tlsError {
                try await getDefaultNamespace(configuration(port: server.port, tls: TLSSettings(certificateAuthorityPEM: ca.certificateBytes)))
            }
            #expect(result.other == nil)
            #expect(result.message != nil)
            #expect(server.log.all.isEmpty)
        }
    }

    @Test func clientCertificateFromAnotherCAIsRejected() async throws {
        let ca = try TestCA()
        let stranger = try TestCA(commonName: "stranger").issueClient(user: "mallory")
        try await TestHTTPSServer.with(identity: try ca.issueServer(), clientCA: ca) { server in
            let tls = TLSSettings(certificateAuthorityPEM: ca.certificateBytes, clientCertificatePEM: stranger.certificateBytes, clientKeyPEM: stranger.keyBytes)
            let result = await tlsError { try await getDefaultNamespace(configuration(port: server.port, tls: tls)) }
            #expect(result.other == nil)
            #expect(server.log.all.isEmpty)
        }
    }

    @Test func kubeconfigEndToEnd() async throws {
        let ca = try TestCA()
        let client = try ca.issueClient(user: "bob")
        let dir = TemporaryDirectory()
        dir.write("ca.crt", ca.certificatePEM)
        dir.write("bob.crt", client.certificatePEM)
        dir.write("bob.key", client.keyPEM)
        dir.write("token", "file-token\n")
        try await TestHTTPSServer.with(identity: try ca.issueServer(), clientCA: ca) { server in
            let path = dir.write(
                "config",
                """
                current-context: local
                clusters:
                - name: local
                  cluster:
                    server: https://127.0.0.1:\(server.port)
                    certificate-authority: ca.crt
                users:
                - name: bob
                  user:
                    client-certificate: bob.crt
                    client-key: bob.key
                    tokenFile: token
                contexts:
                - name: local
                  context:
                    cluster: local
                    user: bob
                    namespace: ai
                """)
            var config = try ClientConfiguration.load(kubeconfig: path, environment: [:])
            config.rateLimit = nil
            config.maxRetries = 0
            #expect(config.namespace == "ai")
            let namespace = try await getDefaultNamespace(config)
            #expect(namespace.metadata.name == "default")
            #expect(
                server.log.all == [ServerRequestRecord(method: "GET", uri: "/api/v1/namespaces/default", authorization: "Bearer file-token", clientCertificateSubject: "CN=bob")])
        }
    }

    @Test func invalidCertificateAuthorityPEM() throws {
        #expect(
            configurationError { try KubernetesClient(configuration: configuration(port: 1, tls: TLSSettings(certificateAuthorityPEM: Array("garbage".utf8)))) }
                .hasPrefix("certificate authority is not valid PEM"))
    }
}
