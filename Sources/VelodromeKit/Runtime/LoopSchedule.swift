/// When a stage runs: once (`--once`, for cron) or every `interval`, as a container's entrypoint.
package struct LoopSchedule: Sendable, Equatable {
    package var once: Bool
    package var interval: Duration
    /// After a failed iteration the next one comes sooner, backing off from this up to `interval`.
    package var retry: Duration

    package init(once: Bool, interval: Duration, retry: Duration = .seconds(30)) {
        self.once = once
        self.interval = interval
        self.retry = retry
    }

    /// The original's `--frequency`: iterations per hour.
    package static func perHour(_ frequency: Int, once: Bool) -> LoopSchedule {
        LoopSchedule(once: once, interval: .seconds(3600) / frequency)
    }

    /// The wait after `consecutiveFailures` failed iterations (0 = after a success); `random` in
    /// 0..<1 takes up to 20% off a backoff.
    package func delay(afterFailures consecutiveFailures: Int, random: Double) -> Duration {
        guard consecutiveFailures > 0 else { return interval }
        return Backoff(base: min(retry, interval), cap: interval, jitter: 0.2).delay(attempt: consecutiveFailures, random: random)
    }
}
