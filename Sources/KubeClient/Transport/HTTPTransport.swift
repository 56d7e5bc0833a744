import KubeCore

/// One HTTP exchange as the transport sees it: the client has already added authentication.
public struct TransportRequest: Sendable {
    public var method: HTTPMethod
    /// The absolute URL: server base plus path and query.
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?
    /// Deadline for the whole exchange (nil for watches, which end by `timeoutSeconds` or idle timeout).
    public var timeoutSeconds: Double?

    public init(method: HTTPMethod, url: String, headers: [(name: String, value: String)], body: [UInt8]?, timeoutSeconds: Double?) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeoutSeconds = timeoutSeconds
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// A complete answer.
public struct TransportResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// An answer whose body arrives as chunks (watches). Ending iteration early, or cancelling the
/// consuming task, must close the connection.
public struct TransportStreamResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: AsyncThrowingStream<[UInt8], any Error>

    public init(status: Int, headers: [(name: String, value: String)] = [], body: AsyncThrowingStream<[UInt8], any Error>) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// The seam between the client and the network. Production uses ``AsyncHTTPTransport``;
/// tests substitute a mock that asserts requests and replays canned answers.
public protocol HTTPTransport: Sendable {
    func send(_ request: TransportRequest) async throws -> TransportResponse
    func stream(_ request: TransportRequest) async throws -> TransportStreamResponse
    func shutdown() async throws
}
