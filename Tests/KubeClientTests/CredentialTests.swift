import Foundation
import KubeClient
import KubeCore
import Testing

// MARK: - Helpers

/// A fake credential plugin and the files it writes: `runs` (one line per run) and `info` (the last
/// `KUBERNETES_EXEC_INFO`). Its first argument is the token prefix; the token of run n is
/// `<prefix>-<n>`; `EXPIRY_<n>` (if set) becomes that run's `expirationTimestamp`.
private final class FakePlugin: Sendable {
    let dir = TemporaryDirectory()
    let path: String
    var runsFile: String { dir.path + "/runs" }
    var infoFile: String { dir.path + "/info" }

    static let script = #"""
        #!/bin/sh
        echo run >> "$PLUGIN_RUNS"
        n=$(wc -l < "$PLUGIN_RUNS" | tr -d ' ')
        printf '%s' "$KUBERNETES_EXEC_INFO" > "$PLUGIN_INFO"
        case "$KUBERNETES_EXEC_INFO" in
          *'"interactive":false'*) ;;
          *) echo "KUBERNETES_EXEC_INFO does not say interactive=false: $KUBERNETES_EXEC_INFO" >&2; exit 3 ;;
        esac
        if [ -n "$EXPECT_SERVER" ]; then
          case "$KUBERNETES_EXEC_INFO" in
            *"\"server\":\"$EXPECT_SERVER\""*) ;;
            *) echo "KUBERNETES_EXEC_INFO lacks the cluster server: $KUBERNETES_EXEC_INFO" >&2; exit 4 ;;
          esac
        fi
        eval "expiry=\${EXPIRY_$n:-}"
        if [ -n "$expiry" ]; then
          printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s-%s","expirationTimestamp":"%s"}}\n' "$1" "$n" "$expiry"
        else
          printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s-%s"}}\n' "$1" "$n"
        fi
        """#

    /// A plugin with the standard script, or one whose body is `body` (after the shebang).
    init(body: String? = nil) {
        path = dir.write("plugin.sh", body.map { "#!/bin/sh\n" + $0 + "\n" } ?? Self.script, executable: true)
    }

    /// How many times the plugin ran.
    var runs: Int {
        guard let text = try? String(contentsOfFile: runsFile, encoding: .utf8) else { return 0 }
        return text.split(separator: "\n").count
    }

    /// The `KUBERNETES_EXEC_INFO` the last run received, parsed.
    func lastInfo() throws -> JSONValue {
        try JSONValue.parse(try String(contentsOfFile: infoFile, encoding: .utf8))
    }

    func config(prefix: String = "tok", env: [String: String] = [:], provideClusterInfo: Bool? = nil, installHint: String? = nil, interactiveMode: String? = "Never") -> ExecConfig {
        var vars = [ExecEnvVar(name: "PLUGIN_RUNS", value: runsFile), ExecEnvVar(name: "PLUGIN_INFO", value: infoFile)]
        vars += env.sorted { $0.key < $1.key }.map { ExecEnvVar(name: $0.key, value: $0.value) }
        return ExecConfig(command: path, args: [prefix], env: vars, installHint: installHint, provideClusterInfo: provideClusterInfo, interactiveMode: interactiveMode)
    }
}

/// RFC 3339 text for a FakeClock instant.
private func timestamp(_ seconds: Double) -> String { Time(Date(timeIntervalSince1970: seconds)).description }

private let server = "https://k8s.test:6443"

private let namespaceJSON: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "default"]]
private let unauthorizedJSON: JSONValue = ["apiVersion": "v1", "kind": "Status", "status": "Failure", "message": "Unauthorized", "reason": "Unauthorized", "code": 401]

private func expectAuthorization(_ value: String) -> @Sendable (TransportRequest) -> String? {
    { request in
        let got = request.header("Authorization")
        return got == value ? nil : "Authorization is \(got ?? "absent"), expected \(value)"
    }
}

// MARK: - Token file

@Suite struct TokenFileCredentialTests {
    @Test func rotationIsPickedUpAfterRefreshInterval() async throws {
        let clock = FakeClock()
        let dir = TemporaryDirectory()
        let path = dir.write("token", "token-A\n")
        let provider = TokenFileProvider(path: path, clock: clock)
        #expect(try await provider.authorization() == "Bearer token-A")

        dir.write("token", "token-B\n")
        clock.advance(30)
        #expect(try await provider.authorization() == "Bearer token-A")
        clock.advance(29)
        #expect(try await provider.authorization() == "Bearer token-A")
        clock.advance(1)
        #expect(try await provider.authorization() == "Bearer token-B")

        // The next re-read is due 60 s after the one that found B.
        dir.write("token", "token-C")
        clock.advance(59)
        #expect(try await provider.authorization() == "Bearer token-B")
        clock.advance(1)
        #expect(try await provider.authorization() == "Bearer token-C")
    }

    @Test func invalidateForcesReread() async throws {
        let clock = FakeClock()
        let dir = TemporaryDirectory()
        let path = dir.write("token", "token-A")
        let provider = TokenFileProvider(path: path, clock: clock)
        #expect(try await provider.authorization() == "Bearer token-A")
        dir.write("token", "token-B")
        #expect(try await provider.authorization() == "Bearer token-A")
        await provider.invalidate()
        #expect(try await provider.authorization() == "Bearer token-B")
        // After the forced re-read the normal interval applies again.
        dir.write("token", "token-C")
        clock.advance(59)
        #expect(try await provider.authorization() == "Bearer token-B")
    }

    @Test func unreadableFileKeepsLastToken() async throws {
        let clock = FakeClock()
        let dir = TemporaryDirectory()
        let path = dir.write("token", "token-A")
        let provider = TokenFileProvider(path: path, fallback: "static", clock: clock)
        #expect(try await provider.authorization() == "Bearer token-A")

        try FileManager.default.removeItem(atPath: path)
        clock.advance(61)
        #expect(try await provider.authorization() == "Bearer token-A")
        await provider.invalidate()
        #expect(try await provider.authorization() == "Bearer token-A")

        // An empty file (a kubelet mid-write) is not a token either.
        dir.write("token", "\n")
        clock.advance(61)
        #expect(try await provider.authorization() == "Bearer token-A")

        // Once readable again, the new token is used.
        dir.write("token", "token-B")
        #expect(try await provider.authorization() == "Bearer token-B")
    }

    @Test func fallbackWhenFileNeverExisted() async throws {
        let clock = FakeClock()
        let dir = TemporaryDirectory()
        let path = dir.path + "/token"
        let provider = TokenFileProvider(path: path, fallback: "static-token", clock: clock)
        #expect(try await provider.authorization() == "Bearer static-token")
        // The file wins as soon as it appears.
        dir.write("token", "file-token")
        #expect(try await provider.authorization() == "Bearer file-token")
    }

    @Test func missingFileWithoutFallbackIsAnAuthenticationError() async throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/token"
        let provider = TokenFileProvider(path: path, clock: FakeClock())
        #expect(await authenticationError { try await provider.authorization() } == "cannot read token file \(path)")
    }

    @Test func tokenFileFromKubeconfigPrefersFileOverToken() async throws {
        let dir = TemporaryDirectory()
        dir.write("token", "file-token\n")
        let kubeconfig = dir.write(
            "config",
            "current-context: c\nclusters:\n- name: c\n  cluster:\n    server: \(server)\nusers:\n- name: u\n  user:\n    token: static-token\n    tokenFile: token\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n"
        )
        let config = try KubeConfigLoader.resolve(KubeConfigLoader.load(paths: [kubeconfig]))
        let transport = MockTransport(base: server)
        transport.expect(.GET, "/api/v1/namespaces/default", json: namespaceJSON, check: expectAuthorization("Bearer file-token"))
        transport.expect(.GET, "/api/v1/namespaces/default", json: namespaceJSON, check: expectAuthorization("Bearer static-token"))
        let client = try makeClient(transport) { $0.credentials = config.credentials }
        _ = try await client.resource(Namespace.self).get("default")

        // A client that never could read the file sends the kubeconfig token.
        try FileManager.default.removeItem(atPath: dir.path + "/token")
        let other = try makeClient(transport) { $0.credentials = config.credentials }
        _ = try await other.resource(Namespace.self).get("default")
        #expect(transport.failures == [])
        #expect(transport.remaining == 0)
    }

    @Test func unauthorizedRereadsTokenFileAndRetries() async throws {
        let clock = FakeClock()
        let dir = TemporaryDirectory()
        let path = dir.write("token", "old-token")
        let transport = MockTransport(base: server)
        transport.expect(.GET, "/api/v1/namespaces/default", json: namespaceJSON, check: expectAuthorization("Bearer old-token"))
        transport.expect(.GET, "/api/v1/namespaces/default", status: 401, json: unauthorizedJSON, check: expectAuthorization("Bearer old-token"))
        transport.expect(.GET, "/api/v1/namespaces/default", json: namespaceJSON, check: expectAuthorization("Bearer new-token"))
        let client = try makeClient(transport, clock: clock) { $0.credentials = .tokenFile(path: path, fallback: nil) }
        let namespaces = client.resource(Namespace.self)
        _ = try await namespaces.get("default")

        // Rotated well within the refresh interval: only the 401 makes the client re-read the file.
        dir.write("token", "new-token")
        clock.advance(5)
        _ = try await namespaces.get("default")
        #expect(transport.received.map { $0.header("Authorization") } == ["Bearer old-token", "Bearer old-token", "Bearer new-token"])
        #expect(transport.failures == [])
        #expect(transport.remaining == 0)
    }
}

// MARK: - Exec plugin

@Suite struct ExecCredentialTests {
    @Test func tokenIsCachedUntilExpiry() async throws {
        let clock = FakeClock()
        let start = clock.now()
        let plugin = FakePlugin()
        let config = plugin.config(env: ["EXPIRY_1": timestamp(start + 600), "EXPIRY_2": timestamp(start + 1200)])
        let provider = ExecCredentialProvider(config: config, server: server, clock: clock)

        #expect(try await provider.authorization() == "Bearer tok-1")
        #expect(plugin.runs == 1)
        clock.advance(599)
        #expect(try await provider.authorization() == "Bearer tok-1")
        #expect(plugin.runs == 1)
        clock.advance(1)
        #expect(try await provider.authorization() == "Bearer tok-2")
        #expect(plugin.runs == 2)
        clock.advance(599)
        #expect(try await provider.authorization() == "Bearer tok-2")
        #expect(plugin.runs == 2)
        #expect(await provider.runs == 2)
    }

    @Test func concurrentCallersShareOneRun() async throws {
        let plugin = FakePlugin()
        let provider = ExecCredentialProvider(config: plugin.config(), server: server, clock: FakeClock())
        let headers = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<8 { group.addTask { try await provider.authorization() } }
            var all: [String?] = []
            for try await h in group { all.append(h) }
            return all
        }
        #expect(headers == Array(repeating: "Bearer tok-1", count: 8))
        #expect(plugin.runs == 1)
    }

    @Test func failedRunIsNotCached() async throws {
        // The first run fails; the next call runs the plugin again.
        let plugin = FakePlugin(body: """
            echo run >> "$PLUGIN_RUNS"
            if [ "$(wc -l < "$PLUGIN_RUNS" | tr -d ' ')" = 1 ]; then exit 1; fi
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"second"}}'
            """)
        let provider = ExecCredentialProvider(config: plugin.config(), server: server, clock: FakeClock())
        #expect(await authenticationError { try await provider.authorization() } == "exec plugin \(plugin.path) exited with status 1")
        #expect(try await provider.authorization() == "Bearer second")
        #expect(plugin.runs == 2)
    }

    @Test func execInfoWithoutClusterInfo() async throws {
        let plugin = FakePlugin()
        let provider = ExecCredentialProvider(config: plugin.config(), server: server, clock: FakeClock())
        _ = try await provider.authorization()
        let info = try plugin.lastInfo()
        #expect(info["apiVersion"] == "client.authentication.k8s.io/v1")
        #expect(info["kind"] == "ExecCredential")
        #expect(info["spec"]["interactive"] == false)
        #expect(info["spec"]["cluster"].isNull)
    }

    @Test func execInfoWithClusterInfo() async throws {
        let plugin = FakePlugin()
        let config = plugin.config(env: ["EXPECT_SERVER": server], provideClusterInfo: true)
        let provider = ExecCredentialProvider(config: config, server: server, clock: FakeClock())
        #expect(try await provider.authorization() == "Bearer tok-1")
        let info = try plugin.lastInfo()
        #expect(info["spec"]["cluster"]["server"] == .string(server))
        #expect(info["spec"]["interactive"] == false)
    }

    @Test func argsAndEnvReachThePlugin() async throws {
        let plugin = FakePlugin(body: #"printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s|%s|%s"}}' "$1" "$2" "$GREETING""#)
        var config = plugin.config(env: ["GREETING": "hello world"])
        config.args = ["first", "second arg"]
        let provider = ExecCredentialProvider(config: config, server: server, clock: FakeClock())
        #expect(try await provider.authorization() == "Bearer first|second arg|hello world")
    }

    @Test func noExpiryIsCachedUntilInvalidated() async throws {
        let clock = FakeClock()
        let plugin = FakePlugin()
        let provider = ExecCredentialProvider(config: plugin.config(), server: server, clock: clock)
        #expect(try await provider.authorization() == "Bearer tok-1")
        clock.advance(30 * 24 * 3600)
        #expect(try await provider.authorization() == "Bearer tok-1")
        #expect(plugin.runs == 1)
        await provider.invalidate()
        #expect(try await provider.authorization() == "Bearer tok-2")
        #expect(try await provider.authorization() == "Bearer tok-2")
        #expect(plugin.runs == 2)
    }

    @Test func nonZeroExitIncludesInstallHint() async throws {
        let plugin = FakePlugin(body: "echo 'login required' >&2\nexit 7")
        let hint = "Install the plugin: brew install get-token"
        let provider = ExecCredentialProvider(config: plugin.config(installHint: hint), server: server, clock: FakeClock())
        #expect(await authenticationError { try await provider.authorization() } == "exec plugin \(plugin.path) exited with status 7\n\(hint)")
    }

    @Test func missingCommandIncludesInstallHint() async throws {
        let command = "kube-test-no-such-plugin-\(UUID().uuidString)"
        let hint = "get it from https://example.com"
        let provider = ExecCredentialProvider(config: ExecConfig(command: command, installHint: hint), server: server, clock: FakeClock())
        let message = await authenticationError { try await provider.authorization() }
        #expect(message.hasPrefix("exec plugin \(command) "))
        #expect(message.hasSuffix("\n\(hint)"))
    }

    @Test func invalidJSON() async throws {
        let plugin = FakePlugin(body: "echo 'this is not json'")
        let provider = ExecCredentialProvider(config: plugin.config(), server: server, clock: FakeClock())
        let message = await authenticationError { try await provider.authorization() }
        #expect(message.hasPrefix("exec plugin \(plugin.path) printed invalid JSON: "))
    }

    @Test func wrongKind() async throws {
        let plugin = FakePlugin(body: #"echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"Secret","status":{"token":"x"}}'"#)
        let provider = ExecCredentialProvider(config: plugin.config(), server: server, clock: FakeClock())
        #expect(await authenticationError { try await provider.authorization() } == "exec plugin \(plugin.path) did not print an ExecCredential")
    }

    @Test func wrongAPIVersion() async throws {
        let plugin = FakePlugin(body: #"echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"x"}}'"#)
        let provider = ExecCredentialProvider(config: plugin.config(), server: server, clock: FakeClock())
        #expect(
            await authenticationError { try await provider.authorization() }
                == "exec plugin \(plugin.path) answered apiVersion client.authentication.k8s.io/v1beta1, expected client.authentication.k8s.io/v1")
    }

    @Test func v1beta1Plugin() async throws {
        let plugin = FakePlugin(body: #"echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"beta"}}'"#)
        var config = plugin.config()
        config.apiVersion = "client.authentication.k8s.io/v1beta1"
        let provider = ExecCredentialProvider(config: config, server: server, clock: FakeClock())
        #expect(try await provider.authorization() == "Bearer beta")
    }

    @Test func unsupportedAPIVersion() async throws {
        let plugin = FakePlugin()
        var config = plugin.config()
        config.apiVersion = "client.authentication.k8s.io/v1alpha1"
        let provider = ExecCredentialProvider(config: config, server: server, clock: FakeClock())
        #expect(
            await authenticationError { try await provider.authorization() }
                == "exec plugin apiVersion client.authentication.k8s.io/v1alpha1 is not supported (use client.authentication.k8s.io/v1)")
        #expect(plugin.runs == 0)
    }

    @Test func clientCertificateIsRejected() async throws {
        let identity = try TestCA().issueClient()
        let body = """
            cat <<'EOF'
            {"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":\(JSONValue.string(identity.certificatePEM)),"clientKeyData":\(JSONValue.string(identity.keyPEM))}}
            EOF
            """
        let plugin = FakePlugin(body: body)
        let provider = ExecCredentialProvider(config: plugin.config(), server: server, clock: FakeClock())
        #expect(
            await authenticationError { try await provider.authorization() }
                == "exec plugin \(plugin.path) returned a client certificate; only token credentials are supported")
    }

    @Test func noToken() async throws {
        let plugin = FakePlugin(body: #"echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}}'"#)
        let provider = ExecCredentialProvider(config: plugin.config(), server: server, clock: FakeClock())
        #expect(await authenticationError { try await provider.authorization() } == "exec plugin \(plugin.path) returned no token")
    }

    @Test func invalidExpirationTimestamp() async throws {
        let plugin = FakePlugin(body: #"echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"tomorrow"}}'"#)
        let provider = ExecCredentialProvider(config: plugin.config(), server: server, clock: FakeClock())
        #expect(await authenticationError { try await provider.authorization() } == "exec plugin \(plugin.path) returned an invalid expirationTimestamp tomorrow")
    }

    @Test func interactiveAlwaysIsRefused() async throws {
        let plugin = FakePlugin()
        let provider = ExecCredentialProvider(config: plugin.config(interactiveMode: "Always"), server: server, clock: FakeClock())
        #expect(
            await authenticationError { try await provider.authorization() }
                == "exec plugin \(plugin.path) requires interactive mode, but the operator has no terminal")
        #expect(plugin.runs == 0)
    }

    @Test func interactiveIfAvailableRunsNonInteractively() async throws {
        let plugin = FakePlugin()
        let provider = ExecCredentialProvider(config: plugin.config(interactiveMode: "IfAvailable"), server: server, clock: FakeClock())
        #expect(try await provider.authorization() == "Bearer tok-1")
        #expect(try plugin.lastInfo()["spec"]["interactive"] == false)
    }

    // MARK: Through the client

    @Test func unauthorizedInvalidatesAndRetriesWithFreshToken() async throws {
        let plugin = FakePlugin()
        let transport = MockTransport(base: server)
        transport.expect(.GET, "/api/v1/namespaces/default", status: 401, json: unauthorizedJSON, check: expectAuthorization("Bearer tok-1"))
        transport.expect(.GET, "/api/v1/namespaces/default", json: namespaceJSON, check: expectAuthorization("Bearer tok-2"))
        transport.expect(.GET, "/api/v1/namespaces/default", json: namespaceJSON, check: expectAuthorization("Bearer tok-2"))
        let client = try makeClient(transport) { $0.credentials = .exec(plugin.config()) }

        let namespace = try await client.resource(Namespace.self).get("default")
        #expect(namespace.metadata.name == "default")
        let headers = transport.received.map { $0.header("Authorization") }
        #expect(headers == ["Bearer tok-1", "Bearer tok-2"])
        #expect(headers[0] != headers[1])
        #expect(plugin.runs == 2)

        // The fresh token is cached: the next request does not run the plugin.
        _ = try await client.resource(Namespace.self).get("default")
        #expect(plugin.runs == 2)
        #expect(transport.failures == [])
        #expect(transport.remaining == 0)
    }

    @Test func secondUnauthorizedIsReturned() async throws {
        let plugin = FakePlugin()
        let transport = MockTransport(base: server)
        transport.expect(.GET, "/api/v1/namespaces/default", status: 401, json: unauthorizedJSON, check: expectAuthorization("Bearer tok-1"))
        transport.expect(.GET, "/api/v1/namespaces/default", status: 401, json: unauthorizedJSON, check: expectAuthorization("Bearer tok-2"))
        let client = try makeClient(transport) { $0.credentials = .exec(plugin.config()) }

        do {
            _ = try await client.resource(Namespace.self).get("default")
            Issue.record("expected a 401 error")
        } catch let error as KubeError {
            #expect(error.isUnauthorized)
            #expect(error.code == 401)
            #expect(error.status?.message == "Unauthorized")
        }
        #expect(plugin.runs == 2)
        #expect(transport.received.count == 2)
        #expect(transport.failures == [])
    }

    @Test func pluginFailureSurfacesThroughTheClient() async throws {
        let plugin = FakePlugin(body: "exit 1")
        let transport = MockTransport(base: server)
        let client = try makeClient(transport) { $0.credentials = .exec(plugin.config(installHint: "run login")) }
        let message = await authenticationError { try await client.resource(Namespace.self).get("default") }
        #expect(message == "exec plugin \(plugin.path) exited with status 1\nrun login")
        #expect(transport.received.isEmpty)
    }
}
