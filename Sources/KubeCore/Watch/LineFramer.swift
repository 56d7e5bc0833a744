/// Splits a byte stream into newline-terminated lines, whatever the chunking: a line may span
/// many chunks and a chunk may hold many lines. A line longer than `maxLineBytes` is an error
/// rather than unbounded memory growth.
public struct LineFramer: Sendable {
    /// Default bound on one line: a single watch event can exceed 1 MiB, and kube-apiserver
    /// admits objects up to 3 MiB (its request-size limit), JSON-escaped into an event.
    public static let defaultMaxLineBytes = 16 * 1024 * 1024

    public let maxLineBytes: Int
    private var pending: [UInt8] = []

    public init(maxLineBytes: Int = LineFramer.defaultMaxLineBytes) {
        self.maxLineBytes = maxLineBytes
    }

    /// The error thrown when a line exceeds the bound.
    public struct LineTooLong: Error, Sendable {}

    /// Feeds one chunk and returns the complete lines it finishes (blank lines are skipped).
    public mutating func push(_ chunk: [UInt8]) throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        try chunk.withUnsafeBufferPointer { buf in
            var start = 0
            while start < buf.count {
                guard let nl = UnsafeBufferPointer(rebasing: buf[start...]).firstIndex(of: 0x0A) else {
                    pending.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start...]))
                    if pending.count > maxLineBytes { throw LineTooLong() }
                    return
                }
                let end = start + nl
                if pending.isEmpty {
                    if end > start { lines.append(Array(UnsafeBufferPointer(rebasing: buf[start..<end]))) }
                } else {
                    pending.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<end]))
                    if pending.count > maxLineBytes { throw LineTooLong() }
                    lines.append(pending)
                    pending = []
                }
                start = end + 1
            }
        }
        return lines.contains(where: Self.isBlank) ? lines.filter { !Self.isBlank($0) } : lines
    }

    static func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == 0x0D || $0 == 0x20 }
    }

    /// Whatever follows the last newline when the stream ends (a final line without newline).
    public mutating func finish() -> [UInt8]? {
        defer { pending = [] }
        let trimmed = pending.filter { $0 != 0x0D && $0 != 0x20 }
        return trimmed.isEmpty ? nil : pending
    }
}
