import Foundation
import KubeCore
import Yams

/// Loads, merges and resolves kubeconfig files the way client-go's `clientcmd` does.
///
/// Merging (`KUBECONFIG=a:b:c`): for clusters, users and contexts the first file that defines a
/// name wins; `current-context` comes from the first file that sets it. Relative file paths are
/// resolved against the directory of the file that holds them.
public enum KubeConfigLoader {
    /// The files to read: `$KUBECONFIG` (split on `:`, empty entries skipped), else `~/.kube/config`.
    public static func defaultPaths(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            return list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return ["\(home)/.kube/config"]
    }

    /// Reads and merges the files. Missing files in a KUBECONFIG list are skipped, as client-go does;
    /// it is an error only if none can be read.
    public static func load(paths: [String]) throws -> KubeConfig {
        var merged = KubeConfig(clusters: [], users: [], contexts: [])
        var readAny = false
        for path in paths {
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw KubeError.configuration("cannot read kubeconfig \(path): \(error)")
            }
            let file = try parse(text, path: path)
            readAny = true
            merge(file, into: &merged)
        }
        guard readAny else { throw KubeError.configuration("no kubeconfig found in \(paths.joined(separator: ", "))") }
        return merged
    }

    /// Parses one file's text and makes its relative paths absolute against the file's directory.
    public static func parse(_ text: String, path: String? = nil) throws -> KubeConfig {
        var config: KubeConfig
        do {
            config = try YAMLDecoder().decode(KubeConfig.self, from: text)
        } catch {
            throw KubeError.configuration("invalid kubeconfig\(path.map { " \($0)" } ?? ""): \(error)")
        }
        if let path {
            let dir = (path as NSString).deletingLastPathComponent
            func abs(_ p: String?) -> String? {
                guard let p, !p.isEmpty, !p.hasPrefix("/") else { return p }
                return (dir as NSString).appendingPathComponent(p)
            }
            config.clusters = config.clusters?.map { c in
                var c = c
                c.cluster.certificateAuthority = abs(c.cluster.certificateAuthority)
                return c
            }
            config.users = config.users?.map { u in
                var u = u
                u.user.clientCertificate = abs(u.user.clientCertificate)
                u.user.clientKey = abs(u.user.clientKey)
                u.user.tokenFile = abs(u.user.tokenFile)
                // client-go resolves an exec command relative to the file only when it names a path.
                if let cmd = u.user.exec?.command, cmd.contains("/") { u.user.exec?.command = abs(cmd)! }
                return u
            }
        }
        return config
    }

    static func merge(_ file: KubeConfig, into merged: inout KubeConfig) {
        if (merged.currentContext ?? "").isEmpty, let cc = file.currentContext, !cc.isEmpty { merged.currentContext = cc }
        for c in file.clusters ?? [] where !(merged.clusters ?? []).contains(where: { $0.name == c.name }) { merged.clusters!.append(c) }
        for u in file.users ?? [] where !(merged.users ?? []).contains(where: { $0.name == u.name }) { merged.users!.append(u) }
        for c in file.contexts ?? [] where !(merged.contexts ?? []).contains(where: { $0.name == c.name }) { merged.contexts!.append(c) }
    }

    /// Turns a context of the merged config into a client configuration.
    /// - Parameters:
    ///   - context: the context to use; nil means `current-context`.
    ///   - namespace: overrides the context's namespace.
    public static func resolve(_ config: KubeConfig, context: String? = nil, namespace: String? = nil) throws -> ClientConfiguration {
        guard let contextName = context ?? config.currentContext, !contextName.isEmpty else {
            throw KubeError.configuration("kubeconfig has no current-context and no context was given")
        }
        guard let ctx = config.contexts?.first(where: { $0.name == contextName })?.context else {
            throw KubeError.configuration("context \"\(contextName)\" not found in kubeconfig")
        }
        guard let cluster = config.clusters?.first(where: { $0.name == ctx.cluster })?.cluster else {
            throw KubeError.configuration("cluster \"\(ctx.cluster)\" of context \"\(contextName)\" not found in kubeconfig")
        }
        guard let server = cluster.server, !server.isEmpty else {
            throw KubeError.configuration("cluster \"\(ctx.cluster)\" has no server")
        }
        var user = KubeConfig.User()
        if let userName = ctx.user, !userName.isEmpty {
            guard let u = config.users?.first(where: { $0.name == userName })?.user else {
                throw KubeError.configuration("user \"\(userName)\" of context \"\(contextName)\" not found in kubeconfig")
            }
            user = u
        }

        var tls = TLSSettings()
        tls.insecureSkipTLSVerify = cluster.insecureSkipTLSVerify ?? false
        tls.serverName = cluster.tlsServerName.flatMap { $0.isEmpty ? nil : $0 }
        // As in client-go, inline data takes precedence over a file path.
        tls.certificateAuthorityPEM = try material(data: cluster.certificateAuthorityData, file: cluster.certificateAuthority, what: "certificate-authority")
        tls.clientCertificatePEM = try material(data: user.clientCertificateData, file: user.clientCertificate, what: "client-certificate")
        tls.clientKeyPEM = try material(data: user.clientKeyData, file: user.clientKey, what: "client-key")
        if (tls.clientCertificatePEM == nil) != (tls.clientKeyPEM == nil) {
            throw KubeError.configuration("user of context \"\(contextName)\" has a client certificate without a key, or a key without a certificate")
        }
        if tls.insecureSkipTLSVerify && tls.certificateAuthorityPEM != nil {
            // client-go refuses this combination: "specifying a root certificates file with the insecure flag is not allowed".
            throw KubeError.configuration("cluster \"\(ctx.cluster)\" sets both a certificate authority and insecure-skip-tls-verify")
        }

        let credentials: CredentialSource
        if let exec = user.exec {
            credentials = .exec(exec)
        } else if let file = user.tokenFile, !file.isEmpty {
            credentials = .tokenFile(path: file, fallback: user.token.flatMap { $0.isEmpty ? nil : $0 })
        } else if let token = user.token, !token.isEmpty {
            credentials = .token(token)
        } else {
            credentials = .none
        }
        let ns = namespace ?? ctx.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        return ClientConfiguration(server: server, tls: tls, credentials: credentials, namespace: ns)
    }

    private static func material(data: String?, file: String?, what: String) throws -> [UInt8]? {
        if let data, !data.isEmpty {
            guard let decoded = Data(base64Encoded: data.filter { !$0.isWhitespace }) else {
                throw KubeError.configuration("\(what)-data is not valid base64")
            }
            return Array(decoded)
        }
        if let file, !file.isEmpty {
            guard let d = FileManager.default.contents(atPath: file) else {
                throw KubeError.configuration("cannot read \(what) file \(file)")
            }
            return Array(d)
        }
        return nil
    }
}
