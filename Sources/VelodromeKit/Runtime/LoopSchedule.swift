/// When a stage runs: once (`--once`, for cron) or every `interval`, as a container's entrypoint.
public struct LoopSchedule: Sendable, Equatable {
    public var once: Bool
    public var interval: Duration
    /// After a failed iteration the next one comes sooner, backing off from this up to `interval`.
    public var retry: Duration

    public init(once: Bool, interval: Duration, retry: Duration = .seconds(30)) {
        self.once = once
        self.interval = interval
        self.retry = retry
    }

    /// The original's `--frequency`: iterations per hour.
    public static func perHour(_ frequency: Int, once: Bool) -> LoopSchedule {
        LoopSchedule(once: once, interval: .seconds(3600) / frequency)
    }

    /// The wait after `consecutiveFailures` failed iterations (0 = after a success).
    public func delay(afterFailures consecutiveFailures: Int, random: Double = Double.random(in: 0..<1)) -> Duration {
        guard consecutiveFailures > 0 else { return interval }
        return Backoff(base: min(retry, interval), cap: interval, jitter: 0.2).delay(attempt: consecutiveFailures, random: random)
    }
}
