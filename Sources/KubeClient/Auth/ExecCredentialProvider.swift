import Foundation
import KubeCore

/// Runs a client-go credential plugin (`user.exec`) and caches the token it returns until its
/// `expirationTimestamp` (or, without one, until the server answers 401), as GKE's
/// `gke-gcloud-auth-plugin`, `aws eks get-token` and `kubelogin` expect.
///
/// The plugin gets `KUBERNETES_EXEC_INFO` (an ExecCredential with `spec.interactive: false`, and
/// `spec.cluster` when `provideClusterInfo` is set) and prints an ExecCredential whose `status`
/// holds `token`. Client certificates returned by a plugin are not supported: the error says so.
public actor ExecCredentialProvider: CredentialProvider {
    public let config: ExecConfig
    let server: String
    let clock: any KubeClock
    private var cached: (token: String, expiresAt: Double?)?
    /// The run in progress: concurrent callers wait for it instead of starting the plugin again
    /// (client-go serialises plugin runs the same way).
    private var inFlight: Task<(token: String, expiresAt: Double?), any Error>?
    /// Number of times the plugin has run (visible for tests and diagnostics).
    public private(set) var runs = 0

    public init(config: ExecConfig, server: String, clock: any KubeClock = SystemClock()) {
        self.config = config
        self.server = server
        self.clock = clock
    }

    public func authorization() async throws -> String? {
        if let c = cached, c.expiresAt.map({ clock.now() < $0 }) ?? true {
            return "Bearer \(c.token)"
        }
        if let inFlight { return "Bearer \(try await inFlight.value.token)" }
        let task = Task { try await self.run() }
        inFlight = task
        do {
            let credential = try await task.value
            inFlight = nil
            cached = credential
            return "Bearer \(credential.token)"
        } catch {
            inFlight = nil
            throw error
        }
    }

    public func invalidate() async { cached = nil }

    private func run() async throws -> (token: String, expiresAt: Double?) {
        runs += 1
        guard config.apiVersion == "client.authentication.k8s.io/v1" || config.apiVersion == "client.authentication.k8s.io/v1beta1" else {
            throw KubeError.authentication("exec plugin apiVersion \(config.apiVersion) is not supported (use client.authentication.k8s.io/v1)")
        }
        if config.interactiveMode == "Always" {
            throw KubeError.authentication("exec plugin \(config.command) requires interactive mode, but the operator has no terminal")
        }
        var info: JSONValue = ["apiVersion": .string(config.apiVersion), "kind": "ExecCredential", "spec": ["interactive": false]]
        if config.provideClusterInfo == true {
            info["spec"]["cluster"] = ["server": .string(server)]
        }
        var env = ProcessInfo.processInfo.environment
        for e in config.env ?? [] { env[e.name] = e.value }
        env["KUBERNETES_EXEC_INFO"] = info.description

        let output = try await ExecRunner.run(command: config.command, arguments: config.args ?? [], environment: env)
        guard output.status == 0 else {
            let hint = config.installHint.map { "\n\($0)" } ?? ""
            throw KubeError.authentication("exec plugin \(config.command) exited with status \(output.status)\(hint)")
        }
        let credential: JSONValue
        do { credential = try JSONValue.parse(output.stdout) } catch {
            throw KubeError.authentication("exec plugin \(config.command) printed invalid JSON: \(error)")
        }
        guard credential["kind"].stringValue == "ExecCredential" else {
            throw KubeError.authentication("exec plugin \(config.command) did not print an ExecCredential")
        }
        if let v = credential["apiVersion"].stringValue, v != config.apiVersion {
            throw KubeError.authentication("exec plugin \(config.command) answered apiVersion \(v), expected \(config.apiVersion)")
        }
        let status = credential["status"]
        guard let token = status["token"].stringValue, !token.isEmpty else {
            if status["clientCertificateData"].stringValue != nil {
                throw KubeError.authentication("exec plugin \(config.command) returned a client certificate; only token credentials are supported")
            }
            throw KubeError.authentication("exec plugin \(config.command) returned no token")
        }
        var expiresAt: Double?
        if let ts = status["expirationTimestamp"].stringValue {
            guard let t = Time(rfc3339: ts) else {
                throw KubeError.authentication("exec plugin \(config.command) returned an invalid expirationTimestamp \(ts)")
            }
            expiresAt = t.date.timeIntervalSince1970
        }
        return (token, expiresAt)
    }
}

/// Runs a process to completion off the cooperative thread pool and captures its stdout.
/// stderr is passed through, as client-go does, so a plugin's messages reach the user.
enum ExecRunner {
    struct Output: Sendable { var status: Int32; var stdout: [UInt8] }

    static func run(command: String, arguments: [String], environment: [String: String]) async throws -> Output {
        try await withCheckedThrowingContinuation { (cont: CheckedContinuation<Output, any Error>) in
            DispatchQueue.global().async {
                let process = Process()
                if command.contains("/") {
                    process.executableURL = URL(fileURLWithPath: command)
                    process.arguments = arguments
                } else {
                    // Look the command up on PATH, as exec.LookPath does.
                    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                    process.arguments = [command] + arguments
                }
                process.environment = environment
                let out = Pipe()
                process.standardOutput = out
                process.standardInput = FileHandle.nullDevice
                do {
                    try process.run()
                } catch {
                    cont.resume(throwing: KubeError.authentication("cannot run exec plugin \(command): \(error)"))
                    return
                }
                let data = out.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                cont.resume(returning: Output(status: process.terminationStatus, stdout: Array(data)))
            }
        }
    }
}
