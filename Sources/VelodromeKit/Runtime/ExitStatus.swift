/// The process exit statuses every subcommand uses.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// A runtime failure: GitHub, the database or InfluxDB failed, or some repository did not sync.
    case failure = 1
    /// Bad usage or configuration: nothing was run.
    case usage = 2
}
