/// `core/v1 Probe`: a health check the kubelet runs against a container (exactly one handler).
public struct Probe: Codable, Sendable, Equatable {
    public var exec: ExecAction?
    public var httpGet: HTTPGetAction?
    public var tcpSocket: TCPSocketAction?
    public var grpc: GRPCAction?
    public var initialDelaySeconds: Int32?
    /// Defaults to 10.
    public var periodSeconds: Int32?
    /// Defaults to 1.
    public var timeoutSeconds: Int32?
    /// Consecutive successes to count as passing after a failure; must be 1 for liveness and
    /// startup.
    public var successThreshold: Int32?
    /// Consecutive failures to count as failing; defaults to 3.
    public var failureThreshold: Int32?
    /// Overrides the pod's grace period when a liveness or startup failure kills the container.
    public var terminationGracePeriodSeconds: Int64?

    public init(
        exec: ExecAction? = nil, httpGet: HTTPGetAction? = nil, tcpSocket: TCPSocketAction? = nil,
        grpc: GRPCAction? = nil, initialDelaySeconds: Int32? = nil, periodSeconds: Int32? = nil,
        timeoutSeconds: Int32? = nil, successThreshold: Int32? = nil, failureThreshold: Int32? = nil,
        terminationGracePeriodSeconds: Int64? = nil
    ) {
        self.exec = exec
        self.httpGet = httpGet
        self.tcpSocket = tcpSocket
        self.grpc = grpc
        self.initialDelaySeconds = initialDelaySeconds
        self.periodSeconds = periodSeconds
        self.timeoutSeconds = timeoutSeconds
        self.successThreshold = successThreshold
        self.failureThreshold = failureThreshold
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
    }
}

/// `core/v1 ExecAction`: runs a command in the container; exit status 0 is success.
public struct ExecAction: Codable, Sendable, Equatable {
    /// Run directly, not in a shell.
    public var command: [String]?

    public init(command: [String]? = nil) {
        self.command = command
    }
}

/// `core/v1 HTTPGetAction`: an HTTP GET; any status from 200 to 399 is success.
public struct HTTPGetAction: Codable, Sendable, Equatable {
    public var path: String?
    /// A port number or a named container port.
    public var port: IntOrString
    /// Defaults to the pod IP.
    public var host: String?
    /// `HTTP` (the default) or `HTTPS`.
    public var scheme: String?
    public var httpHeaders: [HTTPHeader]?

    public init(
        path: String? = nil, port: IntOrString, host: String? = nil, scheme: String? = nil,
        httpHeaders: [HTTPHeader]? = nil
    ) {
        self.path = path
        self.port = port
        self.host = host
        self.scheme = scheme
        self.httpHeaders = httpHeaders
    }
}

/// `core/v1 HTTPHeader`: a custom header of an HTTP probe.
public struct HTTPHeader: Codable, Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// `core/v1 TCPSocketAction`: succeeds when a TCP connection opens.
public struct TCPSocketAction: Codable, Sendable, Equatable {
    /// A port number or a named container port.
    public var port: IntOrString
    public var host: String?

    public init(port: IntOrString, host: String? = nil) {
        self.port = port
        self.host = host
    }
}

/// `core/v1 GRPCAction`: a gRPC health check (`grpc.health.v1.Health/Check`).
public struct GRPCAction: Codable, Sendable, Equatable {
    public var port: Int32
    /// The service name sent in the request; empty checks the server as a whole.
    public var service: String?

    public init(port: Int32, service: String? = nil) {
        self.port = port
        self.service = service
    }
}
