import Foundation
import KubeCore
import Logging

/// A client for one Kubernetes API server.
///
/// Every request passes through one pipeline: client-side rate limit, credentials, the transport,
/// metrics, error mapping, and bounded retries: a 429 is retried for any verb (the server did not
/// process it), honouring `Retry-After`; a 5xx or transport failure only for reads, where a retry
/// is always safe. A 401 makes the credential provider drop its cache and the request is tried once
/// more (exec plugins and rotated token files recover this way, as in client-go).
///
/// Use ``resource(_:)`` for typed kinds and ``dynamic(_:)`` for anything addressed by
/// group/version/resource.
public final class KubernetesClient: Sendable {
    /// Base delay of the exponential backoff between retries without `Retry-After`.
    public static let retryBaseDelaySeconds = 0.2
    /// Upper bound of any single wait between retries (including a server's `Retry-After`).
    public static let retryMaxDelaySeconds = 30.0
    /// Margin added to a watch's `timeoutSeconds` for the client-side idle timeout.
    public static let watchIdleMarginSeconds = 30.0

    public let configuration: ClientConfiguration
    let transport: any HTTPTransport
    let credentials: (any CredentialProvider)?
    let rateLimiter: RateLimiter?
    let observer: (any RequestObserver)?
    let clock: any KubeClock
    let logger: Logger

    /// A client over the given (or the production) transport.
    public init(
        configuration: ClientConfiguration, transport: (any HTTPTransport)? = nil, credentials: (any CredentialProvider)? = nil,
        observer: (any RequestObserver)? = nil, clock: any KubeClock = SystemClock(), logger: Logger = Logger(label: "kube-client")
    ) throws {
        self.configuration = configuration
        self.transport = try transport ?? AsyncHTTPTransport(configuration: configuration)
        self.credentials = credentials ?? configuration.credentials.makeProvider(clock: clock, server: configuration.server)
        self.rateLimiter = configuration.rateLimit.map { RateLimiter(qps: $0.qps, burst: $0.burst, clock: clock) }
        self.observer = observer
        self.clock = clock
        self.logger = logger
    }

    /// Closes the transport's connections.
    public func shutdown() async throws { try await transport.shutdown() }

    /// The default namespace of the configuration (the context's or the service account's).
    public var namespace: String { configuration.namespace }

    /// A client for a typed kind.
    public func resource<R: KubeResource>(_ type: R.Type) -> ResourceClient<R> {
        ResourceClient(client: self, descriptor: R.descriptor)
    }

    /// A client for any resource, reading and writing unstructured ``JSONValue`` objects so that
    /// fields no model knows survive a read-modify-write.
    public func dynamic(_ descriptor: ResourceDescriptor) -> ResourceClient<JSONValue> {
        ResourceClient(client: self, descriptor: descriptor)
    }

    // MARK: - The request pipeline

    private func transportRequest(_ request: KubeRequest, timeout: Double?) async throws -> TransportRequest {
        var headers = request.headers
        headers.append(("User-Agent", configuration.userAgent))
        if let credentials, let auth = try await credentials.authorization() {
            headers.append(("Authorization", auth))
        }
        return TransportRequest(method: request.method, url: configuration.server + request.pathAndQuery, headers: headers, body: request.body, timeoutSeconds: timeout)
    }

    /// Sends a request and returns the successful answer, or throws ``KubeError``.
    public func perform(_ request: KubeRequest) async throws -> TransportResponse {
        var attempt = 0
        var reauthenticated = false
        while true {
            if let rateLimiter { try await rateLimiter.acquire() }
            let treq = try await transportRequest(request, timeout: configuration.requestTimeoutSeconds)
            let start = clock.now()
            let response: TransportResponse
            do {
                response = try await transport.send(treq)
            } catch let error as KubeError {
                observe(request, code: nil, start: start, attempt: attempt)
                if request.verb.isRead, attempt < configuration.maxRetries, case .transport = error {
                    try await clock.sleep(seconds: backoff(attempt: attempt))
                    attempt += 1
                    continue
                }
                throw error
            }
            observe(request, code: response.status, start: start, attempt: attempt)
            if (200..<300).contains(response.status) { return response }

            if response.status == 401, !reauthenticated, let credentials {
                reauthenticated = true
                await credentials.invalidate()
                continue
            }
            if let wait = retryDelay(request, response: response, attempt: attempt) {
                logger.debug("retrying request", metadata: ["verb": "\(request.verb.rawValue)", "path": "\(request.path)", "code": "\(response.status)", "attempt": "\(attempt + 1)", "waitSeconds": "\(wait)"])
                try await clock.sleep(seconds: wait)
                attempt += 1
                continue
            }
            throw KubeError.api(Self.decodeStatus(response))
        }
    }

    /// Opens a streaming request (a watch). Errors before the body starts are thrown like ``perform(_:)``'s.
    func performStream(_ request: KubeRequest, timeout: Double?) async throws -> TransportStreamResponse {
        var attempt = 0
        var reauthenticated = false
        while true {
            if let rateLimiter { try await rateLimiter.acquire() }
            let treq = try await transportRequest(request, timeout: timeout)
            let start = clock.now()
            let response: TransportStreamResponse
            do {
                response = try await transport.stream(treq)
            } catch let error as KubeError {
                observe(request, code: nil, start: start, attempt: attempt)
                throw error
            }
            observe(request, code: response.status, start: start, attempt: attempt)
            if (200..<300).contains(response.status) { return response }
            var body: [UInt8] = []
            for try await chunk in response.body {
                body += chunk
                if body.count > 1 << 20 { break }
            }
            let full = TransportResponse(status: response.status, headers: response.headers, body: body)
            if response.status == 401, !reauthenticated, let credentials {
                reauthenticated = true
                await credentials.invalidate()
                continue
            }
            if let wait = retryDelay(request, response: full, attempt: attempt) {
                try await clock.sleep(seconds: wait)
                attempt += 1
                continue
            }
            throw KubeError.api(Self.decodeStatus(full))
        }
    }

    /// How long to wait before retrying, or nil when the answer is final.
    func retryDelay(_ request: KubeRequest, response: TransportResponse, attempt: Int) -> Double? {
        guard attempt < configuration.maxRetries else { return nil }
        let retryable = response.status == 429 || (response.status >= 500 && request.verb.isRead)
        guard retryable else { return nil }
        if let ra = response.header("Retry-After"), let seconds = Double(ra.trimmingCharacters(in: .whitespaces)), seconds >= 0 {
            return min(seconds, Self.retryMaxDelaySeconds)
        }
        return backoff(attempt: attempt)
    }

    /// Exponential backoff with up to 10% jitter: 0.2 s, 0.4 s, 0.8 s ... capped at 30 s.
    func backoff(attempt: Int) -> Double {
        let base = min(Self.retryBaseDelaySeconds * pow(2, Double(attempt)), Self.retryMaxDelaySeconds)
        return base * (1 + Double.random(in: 0..<0.1))
    }

    private func observe(_ request: KubeRequest, code: Int?, start: Double, attempt: Int) {
        observer?.observe(RequestMetric(verb: request.verb, resource: request.resource, subresource: request.subresource, code: code, latencySeconds: clock.now() - start, attempt: attempt))
    }

    /// The Status in an error answer, or one synthesised from the HTTP code.
    static func decodeStatus(_ response: TransportResponse) -> Status {
        if var s = try? JSONCoding.decode(Status.self, from: response.body), s.kind == "Status" || s.reason != nil {
            if s.code == nil { s.code = response.status }
            if s.details?.retryAfterSeconds == nil, let ra = response.header("Retry-After").flatMap({ Int($0) }) {
                var d = s.details ?? StatusDetails()
                d.retryAfterSeconds = ra
                s.details = d
            }
            return s
        }
        return KubeError.statusFor(code: response.status, body: response.body)
    }

    /// Decodes a successful answer's body.
    static func decode<T: Decodable>(_ type: T.Type, _ response: TransportResponse) throws -> T {
        do {
            return try JSONCoding.decode(T.self, from: response.body)
        } catch {
            throw KubeError.decoding("\(T.self): \(error)")
        }
    }
}
