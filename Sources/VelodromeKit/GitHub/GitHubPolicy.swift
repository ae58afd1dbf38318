/// How hard the client tries before giving up, and how long it may wait.
package struct GitHubPolicy: Sendable {
    /// Transient failures: 5xx, dropped or stalled connections, truncated or malformed bodies.
    package var transient: Retry
    /// Secondary limits without Retry-After: at least a minute, doubling, as GitHub asks.
    package var secondaryBackoff = Backoff(base: .seconds(60), cap: .seconds(960), jitter: 0)
    package var secondaryAttempts = 8
    /// The longest single wait for a rate limit (`--max-wait` with `--once`); nil waits as long as it takes.
    package var maxWait: Duration?
    /// Monotonic time, for how far GitHub's clock has moved since its last `Date` header;
    /// tests pass the fake clock that their fake GitHub follows.
    package var elapsed: @Sendable () -> Duration

    package init(maxWait: Duration? = nil, jitter: Jitter = .random, elapsed: @escaping @Sendable () -> Duration = GitHubPolicy.processUptime) {
        self.maxWait = maxWait
        self.elapsed = elapsed
        transient = Retry(attempts: 6, backoff: Backoff(base: .seconds(1), cap: .seconds(60)), jitter: jitter)
    }

    private static let started = ContinuousClock.now

    package static let processUptime: @Sendable () -> Duration = { ContinuousClock.now - started }
}
