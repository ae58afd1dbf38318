import Foundation

/// A token or password. It prints as `<redacted>` wherever it is interpolated,
/// so a secret cannot reach a log line or an error message by accident.
package struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret itself: only request builders read it.
    package let value: String
    /// Where it came from ("token file /etc/github/token", "GITHUB_TOKEN"): safe to print.
    package let origin: String

    package init(_ value: String, origin: String) {
        self.value = value
        self.origin = origin
    }

    package var description: String { "<redacted>" }
    package var debugDescription: String { "<redacted>" }

    /// Reads a secret from a file, trimming the trailing newline editors and `echo` add.
    package static func read(file path: String, origin: String? = nil) throws(ConfigurationProblem) -> Secret {
        let text = try TextFile.read(path, what: "secret file")
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw ConfigurationProblem("secret file \(path) is empty") }
        return Secret(value, origin: origin ?? "file \(path)")
    }
}
