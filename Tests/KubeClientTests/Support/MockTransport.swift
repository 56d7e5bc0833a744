import Foundation
import KubeClient
import KubeCore
import Synchronization

/// A scripted transport: each expected exchange names the method and URL it must receive
/// (and optionally checks headers and body), then answers with a canned response or a stream
/// of chunks. Requests that do not match the script fail the test through `failures`.
final class MockTransport: HTTPTransport {
    enum Answer: Sendable {
        case response(TransportResponse)
        /// A streamed body: the chunks are delivered in order; `end` says how the stream ends.
        case stream(status: Int, chunks: [[UInt8]], end: StreamEnd)
        case failure(KubeError)
    }

    enum StreamEnd: Sendable {
        /// The server closes the stream after the chunks.
        case close
        /// The stream stays open (silent) until cancelled: for idle-timeout and cancellation tests.
        case hang
        case error(KubeError)
    }

    struct Expectation: Sendable {
        var method: KubeCore.HTTPMethod
        var url: String
        var check: (@Sendable (TransportRequest) -> String?)?
        var answer: Answer
    }

    private struct State {
        var script: [Expectation] = []
        var received: [TransportRequest] = []
        var failures: [String] = []
        var streamsClosed = 0
    }
    private let state = Mutex(State())

    let base: String
    init(base: String = "https://k8s.test:6443") { self.base = base }

    /// Adds an exchange to the script.
    func expect(_ method: KubeCore.HTTPMethod, _ path: String, check: (@Sendable (TransportRequest) -> String?)? = nil, answer: Answer) {
        state.withLock { $0.script.append(Expectation(method: method, url: base + path, check: check, answer: answer)) }
    }

    /// Convenience: a JSON answer.
    func expect(_ method: KubeCore.HTTPMethod, _ path: String, status: Int = 200, json: JSONValue, headers: [(name: String, value: String)] = [], check: (@Sendable (TransportRequest) -> String?)? = nil) {
        expect(method, path, check: check, answer: .response(TransportResponse(status: status, headers: headers, body: json.serialized())))
    }

    var received: [TransportRequest] { state.withLock { $0.received } }
    var failures: [String] { state.withLock { $0.failures } }
    var remaining: Int { state.withLock { $0.script.count } }
    var streamsClosed: Int { state.withLock { $0.streamsClosed } }

    private func next(_ request: TransportRequest) -> Answer {
        state.withLock { s in
            s.received.append(request)
            guard !s.script.isEmpty else {
                s.failures.append("unexpected request \(request.method) \(request.url)")
                return .failure(.transport("unexpected request"))
            }
            let e = s.script.removeFirst()
            if e.method != request.method || e.url != request.url {
                s.failures.append("expected \(e.method) \(e.url), got \(request.method) \(request.url)")
            }
            if let problem = e.check?(request) { s.failures.append("\(request.method) \(request.url): \(problem)") }
            return e.answer
        }
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        switch next(request) {
        case .response(let r): return r
        case .failure(let e): throw e
        case .stream(let status, let chunks, _):
            return TransportResponse(status: status, body: chunks.flatMap { $0 })
        }
    }

    func stream(_ request: TransportRequest) async throws -> TransportStreamResponse {
        switch next(request) {
        case .failure(let e): throw e
        case .response(let r):
            return TransportStreamResponse(status: r.status, headers: r.headers, body: AsyncThrowingStream { c in
                c.yield(r.body)
                c.finish()
            })
        case .stream(let status, let chunks, let end):
            let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
            for c in chunks { continuation.yield(c) }
            switch end {
            case .close: continuation.finish()
            case .error(let e): continuation.finish(throwing: e)
            case .hang: break
            }
            continuation.onTermination = { [weak self] termination in
                if case .cancelled = termination { self?.state.withLock { $0.streamsClosed += 1 } }
            }
            return TransportStreamResponse(status: status, body: stream)
        }
    }

    func shutdown() async throws {}
}

/// A clock that never waits: `sleep` advances time at once and records the wait.
final class FakeClock: KubeClock {
    private let state: Mutex<(now: Double, sleeps: [Double])>
    init(now: Double = 1_700_000_000) { state = Mutex((now, [])) }
    func now() -> Double { state.withLock { $0.now } }
    func sleep(seconds: Double) async throws {
        state.withLock {
            $0.sleeps.append(seconds)
            $0.now += max(0, seconds)
        }
    }
    func advance(_ seconds: Double) { state.withLock { $0.now += seconds } }
    var sleeps: [Double] { state.withLock { $0.sleeps } }
}

/// Records every request metric.
final class RecordingObserver: RequestObserver {
    private let metrics = Mutex<[RequestMetric]>([])
    func observe(_ metric: RequestMetric) { metrics.withLock { $0.append(metric) } }
    var all: [RequestMetric] { metrics.withLock { $0 } }
}

/// A client on a mock transport with no rate limit and a fake clock.
func makeClient(_ transport: MockTransport, clock: FakeClock = FakeClock(), credentials: (any CredentialProvider)? = nil, observer: RecordingObserver? = nil, configure: (inout ClientConfiguration) -> Void = { _ in }) throws -> KubernetesClient {
    var config = ClientConfiguration(server: transport.base, namespace: "ai", rateLimit: nil)
    configure(&config)
    return try KubernetesClient(configuration: config, transport: transport, credentials: credentials, observer: observer, clock: clock)
}

/// A temporary directory removed when the value is deinitialised.
final class TemporaryDirectory: @unchecked Sendable {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "kube-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    @discardableResult
    func write(_ name: String, _ contents: String, executable: Bool = false) -> String {
        let p = path + "/" + name
        try! contents.write(toFile: p, atomically: true, encoding: .utf8)
        if executable { try! FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: p) }
        return p
    }
}
