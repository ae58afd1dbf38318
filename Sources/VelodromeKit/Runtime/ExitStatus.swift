/// The process exit statuses every subcommand uses.
package enum ExitStatus: Int32, Sendable {
    case success = 0
    /// A runtime failure: GitHub, the database or InfluxDB failed, or some repository did not sync.
    case failure = 1
    /// Bad usage or configuration: nothing was run.
    case usage = 2
}

/// An error that says which exit status it ends the process with, so that a new command's
/// usage or configuration error cannot fall through to a runtime failure's status. Errors that
/// do not conform exit with status 1.
package protocol ExitStatusError: Error, CustomStringConvertible {
    var exitStatus: ExitStatus { get }
}

extension UsageError: ExitStatusError {
    package var exitStatus: ExitStatus { .usage }
}

extension ConfigurationError: ExitStatusError {
    package var exitStatus: ExitStatus { .usage }
}

extension ConfigurationProblem: ExitStatusError {
    package var exitStatus: ExitStatus { .usage }
}

extension ExitStatus {
    /// The status `error` ends the process with.
    package init(for error: any Error) {
        self = (error as? any ExitStatusError)?.exitStatus ?? .failure
    }
}
