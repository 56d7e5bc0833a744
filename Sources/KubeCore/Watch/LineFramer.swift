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

    /// Feeds one chunk and returns the complete lines it finishes (empty lines are skipped).
    public mutating func push(_ chunk: some Collection<UInt8>) throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = chunk.startIndex
        var i = chunk.startIndex
        while i != chunk.endIndex {
            if chunk[i] == 0x0A {
                if pending.isEmpty {
                    if start != i { lines.append(Array(chunk[start..<i])) }
                } else {
                    pending.append(contentsOf: chunk[start..<i])
                    lines.append(pending)
                    pending = []
                }
                start = chunk.index(after: i)
            }
            i = chunk.index(after: i)
        }
        if start != chunk.endIndex {
            pending.append(contentsOf: chunk[start..<chunk.endIndex])
            if pending.count > maxLineBytes { throw LineTooLong() }
        }
        return lines.filter { !$0.allSatisfy { $0 == 0x0D || $0 == 0x20 } }
    }

    /// Whatever follows the last newline when the stream ends (a final line without newline).
    public mutating func finish() -> [UInt8]? {
        defer { pending = [] }
        let trimmed = pending.filter { $0 != 0x0D && $0 != 0x20 }
        return trimmed.isEmpty ? nil : pending
    }
}
