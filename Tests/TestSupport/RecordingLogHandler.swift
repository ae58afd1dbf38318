import Logging
import Synchronization

/// Keeps every message logged through it, so tests can assert what an operator reads.
package final class LogRecorder: Sendable {
    private let lines = Mutex<[String]>([])

    package init() {}

    /// A logger whose messages land here, as `level message`.
    package var logger: Logger {
        Logger(label: "test") { _ in RecordingLogHandler(recorder: self) }
    }

    package var messages: [String] { lines.withLock { $0 } }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }
}

private struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        recorder.append("\(event.level) \(event.message)")
    }
}
