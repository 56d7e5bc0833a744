import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization
import X509

/// What the test server saw of one request.
struct ServerRequestRecord: Sendable, Equatable {
    var method: String
    var uri: String
    var authorization: String?
    /// The subject of the client certificate presented in the TLS handshake (e.g. `CN=alice`), if any.
    var clientCertificateSubject: String?
}

/// Requests received by a ``TestHTTPSServer``.
final class ServerRequestLog: Sendable {
    private let records = Mutex<[ServerRequestRecord]>([])
    func append(_ r: ServerRequestRecord) { records.withLock { $0.append(r) } }
    var all: [ServerRequestRecord] { records.withLock { $0 } }
}

/// A real HTTPS server on 127.0.0.1 (or another local address; ephemeral port) that answers every request with `200` and a
/// Namespace named `default`, recording what it received. With `clientCA`, the TLS handshake
/// requires a client certificate signed by that CA.
final class TestHTTPSServer: Sendable {
    static let namespaceBody = #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"default"}}"#

    let group: MultiThreadedEventLoopGroup
    let channel: any Channel
    let port: Int
    let log: ServerRequestLog

    private init(group: MultiThreadedEventLoopGroup, channel: any Channel, port: Int, log: ServerRequestLog) {
        self.group = group
        self.channel = channel
        self.port = port
        self.log = log
    }

    static func start(identity: TestIdentity, clientCA: TestCA? = nil, host: String = "127.0.0.1") async throws -> TestHTTPSServer {
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(identity.certificateBytes).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: identity.keyBytes, format: .pem))
        )
        if let clientCA {
            tls.certificateVerification = .noHostnameVerification
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(clientCA.certificateBytes))
        }
        let sslContext = try NIOSSLContext(configuration: tls)
        let log = ServerRequestLog()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        try channel.pipeline.syncOperations.addHandler(RecordingHTTPHandler(log: log))
                    }
                }
                .bind(host: host, port: 0)
                .get()
            guard let port = channel.localAddress?.port else { throw ChannelError.unknownLocalAddress }
            return TestHTTPSServer(group: group, channel: channel, port: port, log: log)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    func shutdown() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }

    /// Runs `body` with a started server and shuts the server down afterwards, also on failure.
    static func with<T>(identity: TestIdentity, clientCA: TestCA? = nil, host: String = "127.0.0.1", _ body: (TestHTTPSServer) async throws -> T) async throws -> T {
        let server = try await start(identity: identity, clientCA: clientCA, host: host)
        do {
            let result = try await body(server)
            try await server.shutdown()
            return result
        } catch {
            try? await server.shutdown()
            throw error
        }
    }
}

/// Answers each complete request with the Namespace body and records it.
private final class RecordingHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let log: ServerRequestLog
    private var head: HTTPRequestHead?

    init(log: ServerRequestLog) { self.log = log }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
        case .body:
            break
        case .end:
            guard let head else { return }
            self.head = nil
            var subject: String?
            if let peer = try? context.pipeline.syncOperations.nioSSL_peerCertificate(),
                let certificate = try? Certificate(derEncoded: peer.toDERBytes())
            {
                subject = certificate.subject.description
            }
            log.append(
                ServerRequestRecord(method: head.method.rawValue, uri: head.uri, authorization: head.headers.first(name: "Authorization"), clientCertificateSubject: subject))

            let body = ByteBuffer(string: TestHTTPSServer.namespaceBody)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: String(body.readableBytes))
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .ok, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
