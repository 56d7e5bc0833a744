import KubeCore

/// Everything needed to talk to one API server: where it is, how to trust it, who we are.
/// Built from a kubeconfig (``KubeConfigLoader``), from the in-cluster environment
/// (``InClusterConfig``), or by hand.
public struct ClientConfiguration: Sendable {
    /// Default client-side request deadline for non-watch requests.
    public static let defaultRequestTimeoutSeconds: Double = 60
    /// Default number of retries for 429 answers and for reads that fail with 5xx or transport errors.
    public static let defaultMaxRetries = 5
    /// Page size for transparent LIST pagination (client-go's pager default).
    public static let defaultPageSize = 500
    public static let defaultUserAgent = "dify-operator"

    /// Base URL, e.g. `https://10.0.0.1:6443` (a path prefix is kept).
    public var server: String
    public var tls: TLSSettings
    public var credentials: CredentialSource
    /// The namespace of the current context (or the service account's), `default` otherwise.
    public var namespace: String
    /// Client-side rate limit; nil turns it off.
    public var rateLimit: RateLimit?
    public var requestTimeoutSeconds: Double
    public var maxRetries: Int
    public var pageSize: Int
    public var userAgent: String

    public init(
        server: String, tls: TLSSettings = TLSSettings(), credentials: CredentialSource = .none, namespace: String = "default",
        rateLimit: RateLimit? = RateLimit(), requestTimeoutSeconds: Double = ClientConfiguration.defaultRequestTimeoutSeconds,
        maxRetries: Int = ClientConfiguration.defaultMaxRetries, pageSize: Int = ClientConfiguration.defaultPageSize,
        userAgent: String = ClientConfiguration.defaultUserAgent
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.tls = tls
        self.credentials = credentials
        self.namespace = namespace
        self.rateLimit = rateLimit
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.maxRetries = maxRetries
        self.pageSize = pageSize
        self.userAgent = userAgent
    }
}

/// Client-side throttling (QPS and burst).
public struct RateLimit: Sendable, Equatable {
    public var qps: Double
    public var burst: Int
    public init(qps: Double = RateLimiter.defaultQPS, burst: Int = RateLimiter.defaultBurst) {
        self.qps = qps
        self.burst = burst
    }
}

/// How the server's certificate is verified and which client certificate is presented.
/// Verification is on unless `insecureSkipTLSVerify` is set explicitly.
public struct TLSSettings: Sendable, Equatable {
    /// PEM bundle of the CAs to trust instead of the system roots.
    public var certificateAuthorityPEM: [UInt8]?
    public var insecureSkipTLSVerify: Bool
    /// The name to verify the server certificate against (and send as SNI) instead of the URL host.
    public var serverName: String?
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?

    public init(certificateAuthorityPEM: [UInt8]? = nil, insecureSkipTLSVerify: Bool = false, serverName: String? = nil, clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil) {
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.serverName = serverName
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
    }
}

/// Where bearer credentials come from.
public enum CredentialSource: Sendable, Equatable {
    case none
    /// A fixed bearer token.
    case token(String)
    /// A file holding the token, re-read periodically because bound service-account tokens rotate.
    /// `fallback` is a kubeconfig `token` used if the file cannot be read.
    case tokenFile(path: String, fallback: String?)
    /// A client-go credential plugin (client.authentication.k8s.io ExecCredential).
    case exec(ExecConfig)
}

/// A kubeconfig `user.exec` stanza.
public struct ExecConfig: Sendable, Equatable, Codable {
    public var command: String
    public var args: [String]?
    public var env: [ExecEnvVar]?
    /// `client.authentication.k8s.io/v1` or `v1beta1`.
    public var apiVersion: String
    public var installHint: String?
    public var provideClusterInfo: Bool?
    /// Never | IfAvailable | Always; the operator never has a terminal, so only Never and
    /// IfAvailable can work.
    public var interactiveMode: String?

    public init(command: String, args: [String]? = nil, env: [ExecEnvVar]? = nil, apiVersion: String = "client.authentication.k8s.io/v1", installHint: String? = nil, provideClusterInfo: Bool? = nil, interactiveMode: String? = nil) {
        self.command = command
        self.args = args
        self.env = env
        self.apiVersion = apiVersion
        self.installHint = installHint
        self.provideClusterInfo = provideClusterInfo
        self.interactiveMode = interactiveMode
    }
}

/// One environment variable given to an exec plugin.
public struct ExecEnvVar: Sendable, Equatable, Codable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
