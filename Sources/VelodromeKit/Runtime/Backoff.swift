/// Capped exponential backoff with jitter: attempt 1 waits up to `base`, attempt n up to
/// `base * 2^(n-1)`, never more than `cap`. Jitter keeps many clients from retrying in step.
package struct Backoff: Sendable {
    package let base: Duration
    package let cap: Duration
    /// Fraction of the delay that is randomised (0 = none, 1 = full jitter).
    package let jitter: Double

    package init(base: Duration, cap: Duration, jitter: Double = 0.5) {
        self.base = base
        self.cap = cap
        self.jitter = jitter
    }

    /// `random` in 0..<1 takes up to `jitter` of the full delay off.
    package func delay(attempt: Int, random: Double) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let full = min(base * (1 << exponent), cap)
        return full * (1 - jitter * random)
    }
}
