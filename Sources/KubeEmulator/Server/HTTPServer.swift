import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// An HTTPS/1.1 server on SwiftNIO that hands each request to an async handler and writes the
/// answer, streaming chunked bodies for watches. A streamed answer stops as soon as the client
/// closes the connection, so a departed watcher is released at once.
final class HTTPServer: Sendable {
    /// kube-apiserver's request body limit (3 MiB); larger bodies get 413.
    static let maxBodyBytes = 3 * 1024 * 1024

    typealias Handler = @Sendable (APIRequest) async -> APIResponse

    let handler: Handler
    let sslContext: NIOSSLContext
    let logger: Logger
    /// The open client connections, closed on shutdown: as Go's `http.Server.Shutdown` (and so
    /// kube-apiserver) closes idle keep-alive connections instead of waiting for clients that
    /// never hang up (Go's own clients keep idle connections pooled).
    private let connections = LockedValue<[ObjectIdentifier: any Channel]>([:])

    init(certificates: EmulatorCertificates, logger: Logger, handler: @escaping Handler) throws {
        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(certificates.serverCertificatePEM.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(certificates.serverKeyPEM.utf8), format: .pem))
        )
        self.sslContext = try NIOSSLContext(configuration: tls)
        self.handler = handler
        self.logger = logger
    }

    /// Binds and serves until the returned channel is closed.
    func bind(host: String, port: Int) async throws -> (port: Int, serve: @Sendable () async -> Void, close: @Sendable () async -> Void) {
        let ssl = sslContext
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: ssl))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: channel)
                }
            }
        let boundPort = server.channel.localAddress?.port ?? port
        let serve: @Sendable () async -> Void = { [self] in
            do {
                try await server.executeThenClose { inbound in
                    try await withThrowingDiscardingTaskGroup { group in
                        for try await connection in inbound {
                            group.addTask { await self.serve(connection) }
                        }
                    }
                }
            } catch {
                logger.debug("server loop ended", metadata: ["error": "\(error)"])
            }
        }
        let close: @Sendable () async -> Void = { [connections] in
            try? await server.channel.close()
            for channel in connections.withLock({ Array($0.values) }) { try? await channel.close() }
        }
        return (boundPort, serve, close)
    }

    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        let channel = connection.channel
        let id = ObjectIdentifier(channel)
        connections.withLock { $0[id] = channel }
        defer { connections.withLock { _ = $0.removeValue(forKey: id) } }
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body: [UInt8] = []
                var tooLarge = false
                for try await part in inbound {
                    switch part {
                    case .head(let h):
                        head = h
                        body = []
                        tooLarge = false
                    case .body(let buffer):
                        if body.count + buffer.readableBytes > Self.maxBodyBytes {
                            tooLarge = true
                        } else {
                            body.append(contentsOf: buffer.readableBytesView)
                        }
                    case .end:
                        guard let h = head else { continue }
                        head = nil
                        let (path, query) = APIRequest.parseTarget(h.uri)
                        let request = APIRequest(method: h.method.rawValue, path: path, query: query, headers: h.headers.map { ($0.name, $0.value) }, body: body, user: nil)
                        let response = tooLarge ? APIResponse.error(.tooLarge) : await handler(request)
                        let keepAlive = h.isKeepAlive && !tooLarge
                        try await write(response, version: h.version, keepAlive: keepAlive, outbound: outbound, channel: channel)
                        if !keepAlive { return }
                    }
                }
            }
        } catch {
            logger.trace("connection ended", metadata: ["error": "\(error)"])
        }
    }

    private func write(_ response: APIResponse, version: HTTPVersion, keepAlive: Bool, outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>, channel: any Channel) async throws {
        switch response {
        case .full(let status, let headers, let body):
            var h = HTTPHeaders(headers.map { ($0.name, $0.value) })
            h.replaceOrAdd(name: "Content-Length", value: String(body.count))
            if !keepAlive { h.replaceOrAdd(name: "Connection", value: "close") }
            try await outbound.write(.head(HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: status), headers: h)))
            if !body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
            try await outbound.write(.end(nil))
        case .stream(let status, let headers, let chunks):
            var h = HTTPHeaders(headers.map { ($0.name, $0.value) })
            h.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
            try await outbound.write(.head(HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: status), headers: h)))
            // Ends the stream (and so releases the watcher) when the client goes away.
            let (closed, closedContinuation) = AsyncStream<Void>.makeStream()
            channel.closeFuture.whenComplete { _ in closedContinuation.finish() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await chunk in chunks {
                        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: chunk))))
                    }
                    try await outbound.write(.end(nil))
                }
                group.addTask { for await _ in closed {} }
                _ = try await group.next()
                group.cancelAll()
            }
        }
    }
}
