/// The one retry policy for what may pass on a later try (5xx answers, dropped or stalled
/// connections, malformed bodies): up to `attempts` tries, with capped exponential backoff
/// between them. GitHub's client and the InfluxDB writers both retry through it.
package struct Retry: Sendable {
    package var attempts: Int
    package var backoff: Backoff
    package var jitter: Jitter

    package init(attempts: Int, backoff: Backoff, jitter: Jitter = .random) {
        self.attempts = attempts
        self.backoff = backoff
        self.jitter = jitter
    }

    /// What one try came to.
    package enum Step<Value> {
        case done(Value)
        /// A failure worth another try, after a backoff; the reason is logged and, on the last
        /// try, handed to `giveUp`.
        case failed(String)
        /// Try again now without counting a failure (the try waited out a rate limit itself).
        case again
    }

    /// Runs `body` until it is done, throws, or has failed `attempts` times. A stop requested
    /// during a backoff throws `StopRequested`.
    package func run<Value>(
        sleeper: any Sleeper,
        onRetry: (_ reason: String, _ failures: Int, _ delay: Duration) -> Void,
        giveUp: (_ reason: String, _ failures: Int) -> any Error,
        _ body: () async throws -> Step<Value>
    ) async throws -> Value {
        var failures = 0
        while true {
            switch try await body() {
            case .done(let value):
                return value
            case .again:
                continue
            case .failed(let reason):
                failures += 1
                guard failures < attempts else { throw giveUp(reason, failures) }
                let delay = backoff.delay(attempt: failures, random: jitter.next())
                onRetry(reason, failures, delay)
                try await sleeper.sleepOrStop(for: delay)
            }
        }
    }
}
