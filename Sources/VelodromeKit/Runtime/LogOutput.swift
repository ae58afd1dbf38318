import Foundation
import Logging

/// How log lines look: `text` for people at a terminal, `json` (one object per line) for containers.
package enum LogFormat: String, Sendable, CaseIterable {
    case text
    case json

    /// The words `--log-format` takes.
    package static let choices = allCases.map { (word: $0.rawValue, value: $0) }
}

/// Log levels offered on the command line: the words `--log-level` takes.
package enum LogLevels {
    package static let choices: [(word: String, value: Logger.Level)] = [
        ("debug", .debug), ("info", .info), ("warning", .warning), ("error", .error),
    ]
}

/// Writes each log record as one line on stderr, whole, even from several threads.
package struct StderrLogHandler: LogHandler {
    package var logLevel: Logger.Level
    package var metadata: Logger.Metadata = [:]
    let label: String
    let format: LogFormat

    package init(label: String, level: Logger.Level, format: LogFormat) {
        self.label = label
        self.logLevel = level
        self.format = format
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let time = LogTime.now()
        let line: String = switch format {
        case .text: LogLine.text(time: time, level: event.level, label: label, message: "\(event.message)", metadata: merged)
        case .json: LogLine.json(time: time, level: event.level, label: label, message: "\(event.message)", metadata: merged)
        }
        LogSink.write(line + "\n")
    }

    /// Installs the handler process-wide; call once, before any logger is made.
    package static func bootstrap(level: Logger.Level, format: LogFormat) {
        LoggingSystem.bootstrap { label in StderrLogHandler(label: label, level: level, format: format) }
    }
}

enum LogSink {
    private static let lock = NSLock()

    static func write(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data(line.utf8))
    }
}

enum LogTime {
    /// `2026-11-25T07:53:52.123Z`
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        let base = Timestamp(seconds: Int64(spec.tv_sec)).iso8601.dropLast()
        let millis = Int(spec.tv_nsec) / 1_000_000
        return "\(base).\(millis < 10 ? "00" : millis < 100 ? "0" : "")\(millis)Z"
    }
}

/// Renders log records; separate from the handler so tests can check exact lines.
package enum LogLine {
    package static func text(time: String, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var line = "\(time) \(level.rawValue) [\(label)] \(message)"
        for key in metadata.keys.sorted() {
            line += " \(key)=\(quoteIfNeeded(render(metadata[key]!)))"
        }
        return line
    }

    package static func json(time: String, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var fields = ["\"time\":\(JSONText.quote(time))", "\"level\":\(JSONText.quote(level.rawValue))",
                      "\"logger\":\(JSONText.quote(label))", "\"message\":\(JSONText.quote(message))"]
        for key in metadata.keys.sorted() where !["time", "level", "logger", "message"].contains(key) {
            fields.append("\(JSONText.quote(key)):\(json(metadata[key]!))")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    private static func render(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let items): "[" + items.map(render).joined(separator: ",") + "]"
        case .dictionary(let entries): "{" + entries.keys.sorted().map { "\($0)=\(render(entries[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): JSONText.quote(text)
        case .stringConvertible(let convertible):
            // Numbers stay numbers so log pipelines can aggregate them.
            if let number = convertible as? any BinaryInteger { "\(number)" } else { JSONText.quote(convertible.description) }
        case .array(let items): "[" + items.map(json).joined(separator: ",") + "]"
        case .dictionary(let entries): "{" + entries.keys.sorted().map { "\(JSONText.quote($0)):\(json(entries[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    private static func quoteIfNeeded(_ text: String) -> String {
        text.isEmpty || text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) ? JSONText.quote(text) : text
    }
}
