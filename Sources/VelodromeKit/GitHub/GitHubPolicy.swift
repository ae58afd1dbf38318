/// How hard the client tries before giving up, and how long it may wait.
public struct GitHubPolicy: Sendable {
    /// Attempts for transient failures: 5xx, dropped or stalled connections, truncated or malformed bodies.
    public var attempts = 6
    public var transientBackoff = Backoff(base: .seconds(1), cap: .seconds(60))
    /// Secondary limits without Retry-After: at least a minute, doubling, as GitHub asks.
    public var secondaryBackoff = Backoff(base: .seconds(60), cap: .seconds(960), jitter: 0)
    public var secondaryAttempts = 8
    /// The longest single wait for a rate limit (`--max-wait` with `--once`); nil waits as long as it takes.
    public var maxWait: Duration?

    public init(maxWait: Duration? = nil) {
        self.maxWait = maxWait
    }
}
