import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// The production transport: AsyncHTTPClient over NIOSSL, one connection pool per client.
///
/// `tls-server-name` is honoured by addressing the server by that name and mapping the name back
/// to the real host with AsyncHTTPClient's DNS override, so SNI and certificate verification both
/// use it while the connection goes to the configured address.
public final class AsyncHTTPTransport: HTTPTransport {
    /// Largest non-watch response body accepted.
    public static let maxResponseBytes = 256 * 1024 * 1024
    public static let connectTimeoutSeconds: Int64 = 10
    /// Connections per API server. Every watch holds one HTTP/1.1 connection for its whole life,
    /// so AsyncHTTPClient's default of 8 would starve an operator that watches many kinds.
    public static let maxConnectionsPerServer = 128

    let client: HTTPClient
    /// The base URL requests are sent to (the server URL with its host replaced by `tls-server-name`).
    public let baseURL: String
    private let originalBase: String

    public init(configuration: ClientConfiguration) throws {
        var dnsOverride: [String: String] = [:]
        var base = configuration.server
        if let name = configuration.tls.serverName, let url = URL(string: configuration.server), let host = url.host {
            var comps = URLComponents(url: url, resolvingAgainstBaseURL: false)!
            comps.host = name
            base = comps.string ?? base
            dnsOverride[name] = host
        }
        var config = HTTPClient.Configuration(
            tlsConfiguration: try TLSConfigurationFactory.make(configuration.tls),
            timeout: .init(connect: .seconds(Self.connectTimeoutSeconds)),
            decompression: .disabled
        )
        config.dnsOverride = dnsOverride
        config.httpVersion = .http1Only
        config.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = Self.maxConnectionsPerServer
        // Fail fast like client-go: the client's own bounded retries (reads only, with backoff)
        // decide what is retried, and a TLS verification failure is reported at once instead of
        // after the connect timeout.
        config.connectionPool.retryConnectionEstablishment = false
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        self.baseURL = base
        self.originalBase = configuration.server
    }

    private func makeRequest(_ request: TransportRequest) -> HTTPClientRequest {
        var url = request.url
        if url.hasPrefix(originalBase) { url = baseURL + url.dropFirst(originalBase.count) }
        var r = HTTPClientRequest(url: url)
        r.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for h in request.headers { r.headers.add(name: h.name, value: h.value) }
        if let body = request.body { r.body = .bytes(ByteBuffer(bytes: body)) }
        return r
    }

    private static func headers(_ h: HTTPHeaders) -> [(name: String, value: String)] {
        h.map { (name: $0.name, value: $0.value) }
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        do {
            let response = try await client.execute(makeRequest(request), timeout: .milliseconds(Int64((request.timeoutSeconds ?? 3600) * 1000)))
            let body = try await response.body.collect(upTo: Self.maxResponseBytes)
            return TransportResponse(status: Int(response.status.code), headers: Self.headers(response.headers), body: Array(buffer: body))
        } catch let e as KubeError {
            throw e
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw Self.map(error)
        }
    }

    /// TLS failures (an untrusted or mismatched certificate) are reported as `.tls`, which is
    /// never retried; everything else is a `.transport` error.
    static func map(_ error: any Error) -> KubeError {
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return .tls(String(describing: error))
        }
        return .transport(String(describing: error))
    }

    public func stream(_ request: TransportRequest) async throws -> TransportStreamResponse {
        let response: HTTPClientResponse
        do {
            response = try await client.execute(makeRequest(request), timeout: .milliseconds(Int64((request.timeoutSeconds ?? 24 * 3600) * 1000)))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw Self.map(error)
        }
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let body = response.body
        let pump = Task {
            do {
                for try await buffer in body {
                    continuation.yield(Array(buffer: buffer))
                }
                continuation.finish()
            } catch is CancellationError {
                continuation.finish()
            } catch {
                continuation.finish(throwing: KubeError.transport(String(describing: error)))
            }
        }
        // Ending iteration (or cancelling the consumer) cancels the pump, which cancels the
        // request and closes its connection.
        continuation.onTermination = { _ in pump.cancel() }
        return TransportStreamResponse(status: Int(response.status.code), headers: Self.headers(response.headers), body: stream)
    }

    public func shutdown() async throws {
        try await client.shutdown()
    }
}
