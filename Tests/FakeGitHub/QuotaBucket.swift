/// One login's (or the anonymous client's) primary rate limit window.
/// The window starts at the first request that touches it and lasts an hour of the fake
/// clock; once its reset time has passed, the next request starts a full new window.
struct QuotaBucket {
    var limit: Int
    var used = 0
    var resetAt: Int64?

    init(limit: Int, used: Int = 0, resetAt: Int64? = nil) {
        self.limit = limit
        self.used = used
        self.resetAt = resetAt
    }

    /// Refills a window whose reset time has passed, and starts one if none runs.
    mutating func roll(now: Int64) {
        if let reset = resetAt, now >= reset {
            used = 0
            resetAt = nil
        }
        if resetAt == nil { resetAt = now + 3600 }
    }

    var remaining: Int { max(0, limit - used) }

    mutating func consume() {
        used += 1
    }

    /// The numbers as of `now`, without starting or refilling a window.
    func snapshot(now: Int64) -> RateSnapshot {
        if let reset = resetAt, now < reset {
            return RateSnapshot(limit: limit, remaining: remaining, used: used, reset: reset)
        }
        if resetAt != nil {  // expired: the next request sees a full window
            return RateSnapshot(limit: limit, remaining: limit, used: 0, reset: now + 3600)
        }
        return RateSnapshot(limit: limit, remaining: remaining, used: used, reset: now + 3600)
    }
}
