import KubeCore

/// The events of one WATCH request, decoded lazily as the consumer pulls them.
///
/// Lines are framed whatever the HTTP chunking (``LineFramer``). A watchdog ends the stream with
/// ``KubeError/watchIdleTimeout`` when no bytes arrive for the idle timeout, so a silently dead
/// connection cannot stall an informer forever. Ending iteration early or cancelling the consumer
/// closes the connection.
public struct WatchStream<Object: Decodable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = WatchEvent<Object>

    let chunks: AsyncThrowingStream<[UInt8], any Error>

    /// Decodes any byte stream of watch events (a transport's body, or bytes in memory for benchmarks).
    public init(chunks upstream: AsyncThrowingStream<[UInt8], any Error>, idleTimeoutSeconds: Double) {
        self.chunks = IdleTimeout.guarded(upstream, seconds: idleTimeoutSeconds)
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(chunks: chunks.makeAsyncIterator())
    }

    public struct Iterator: AsyncIteratorProtocol {
        var chunks: AsyncThrowingStream<[UInt8], any Error>.AsyncIterator
        var framer = LineFramer()
        var pending: [[UInt8]] = []
        var pendingIndex = 0
        var finished = false

        public mutating func next() async throws -> WatchEvent<Object>? {
            while true {
                if pendingIndex < pending.count {
                    let line = pending[pendingIndex]
                    pendingIndex += 1
                    return try decode(line)
                }
                if finished { return nil }
                guard let chunk = try await chunks.next() else {
                    finished = true
                    // A connection cut mid-event leaves a truncated last line. Like client-go's
                    // StreamWatcher on an unexpected EOF, end the watch normally: the caller
                    // re-watches from the last resourceVersion it saw, so nothing is lost.
                    if let last = framer.finish(), let event = try? decode(last) { return event }
                    return nil
                }
                do {
                    pending = try framer.push(chunk)
                } catch {
                    throw KubeError.decoding("watch event larger than \(framer.maxLineBytes) bytes")
                }
                pendingIndex = 0
            }
        }

        private func decode(_ line: [UInt8]) throws -> WatchEvent<Object> {
            do {
                return try WatchEventDecoder.decode(line, as: Object.self)
            } catch {
                throw KubeError.decoding("watch event: \(error)")
            }
        }
    }
}

/// Forwards chunks from an upstream stream and fails with ``KubeError/watchIdleTimeout`` if
/// none arrives within the timeout. Terminating the result cancels the upstream.
enum IdleTimeout {
    static func guarded(_ upstream: AsyncThrowingStream<[UInt8], any Error>, seconds: Double) -> AsyncThrowingStream<[UInt8], any Error> {
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let lastActivity = Locked<ContinuousClock.Instant>(.now)
        let forward = Task {
            do {
                for try await chunk in upstream {
                    lastActivity.withLock { $0 = .now }
                    continuation.yield(chunk)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        let timeout = Duration.milliseconds(Int64(seconds * 1000))
        let watchdog = Task {
            while !Task.isCancelled {
                let deadline = lastActivity.withLock { $0 } + timeout
                if ContinuousClock.now >= deadline {
                    continuation.finish(throwing: KubeError.watchIdleTimeout)
                    forward.cancel()
                    return
                }
                try? await Task.sleep(until: deadline, clock: .continuous)
            }
        }
        continuation.onTermination = { _ in
            forward.cancel()
            watchdog.cancel()
        }
        return stream
    }
}
