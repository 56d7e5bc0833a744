import Foundation
import Logging

/// Log output of the operator's commands: `--log-level` and `--log-format` (`text`, or `json`
/// for log collectors). Bootstraps swift-log once per process.
enum LogSetup {
    /// The default of `--log-level`.
    static let defaultLevel = "info"
    /// The default of `--log-format`.
    static let defaultFormat = "text"
    static let formats = ["text", "json"]

    static func bootstrap(level: String, format: String) throws {
        guard let level = Logger.Level(rawValue: level.lowercased()) else {
            throw ValidationErrorMessage("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard formats.contains(format) else { throw ValidationErrorMessage("--log-format must be text or json") }
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = format == "json" ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// A command-line validation error with a plain message.
struct ValidationErrorMessage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One JSON object per line on standard error: `ts`, `level`, `logger`, `msg`, then the
/// metadata as string fields (the shape log collectors such as Fluent Bit and Loki parse).
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: String] = [:]
        for (k, v) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) { fields[k] = "\(v)" }
        fields["ts"] = ISO8601DateFormatter().string(from: Date())
        fields["level"] = event.level.rawValue
        fields["logger"] = label
        fields["msg"] = "\(event.message)"
        guard var data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        data.append(0x0A)
        FileHandle.standardError.write(data)
    }
}
