/// What GitHub said of one login's quota of one resource at one moment (`GET /rate_limit`).
package struct QuotaReading: Sendable, Equatable {
    package var limit: Int
    package var remaining: Int
    /// GitHub's `used`; older servers leave it out, and then it is `limit - remaining`.
    package var used: Int
    /// When the window ends, in seconds since the epoch.
    package var reset: Int64

    package init(limit: Int, remaining: Int, used: Int? = nil, reset: Int64) {
        self.limit = limit
        self.remaining = remaining
        self.used = used ?? max(0, limit - remaining)
        self.reset = reset
    }
}

/// One login's quota of one resource: a series of `github_token_count`.
package struct TokenSeries: Sendable, Hashable {
    package var login: String
    package var resource: String

    package init(login: String, resource: String) {
        self.login = login
        self.resource = resource
    }
}

/// A finished window: how much of the quota was used in it, recorded at its reset time.
package struct QuotaWindow: Sendable, Equatable {
    package var reset: Int64
    package var used: Int
}

/// Follows one login's quota of one resource from reading to reading and says when a window
/// ended. A window ends when the reset time moves, or when `remaining` goes up (GitHub sometimes
/// refills before it moves the reset); its value is `used` as last seen before it ended.
/// After such a refill the window that follows keeps the old reset until GitHub moves it, and
/// that move starts no new window: it names the window the refill began.
/// A window that ends with nothing used is not recorded: GitHub starts a window at the first
/// request, and reports an unused quota with a reset that moves at every reading.
/// The state is saved in the database after each reading, so a restart (or the next `--once` of
/// a cron job) goes on from the last reading.
package struct QuotaWindows: Sendable, Equatable {
    /// The last reading.
    package private(set) var current: QuotaReading?
    /// The window in progress began with a refill, before GitHub moved the reset.
    package private(set) var refilled: Bool
    /// The reset of the last window recorded: never recorded again.
    package private(set) var lastRecorded: Int64?

    package init(current: QuotaReading? = nil, refilled: Bool = false, lastRecorded: Int64? = nil) {
        self.current = current
        self.refilled = refilled
        self.lastRecorded = lastRecorded
    }

    /// Takes a reading; returns the window it ended, if any.
    package mutating func read(_ reading: QuotaReading) -> QuotaWindow? {
        guard let previous = current else {
            current = reading
            return nil
        }
        current = reading
        if reading.reset != previous.reset {
            if refilled {
                // GitHub now names the window the refill began: nothing ended here.
                refilled = false
                return nil
            }
            return record(QuotaWindow(reset: previous.reset, used: previous.used))
        }
        // A refill gives back what was used; a bigger limit alone is none.
        if reading.remaining > previous.remaining, reading.used < previous.used {
            refilled = true
            return record(QuotaWindow(reset: previous.reset, used: previous.used))
        }
        return nil
    }

    private mutating func record(_ window: QuotaWindow) -> QuotaWindow? {
        guard window.used > 0 else { return nil }
        if let last = lastRecorded, window.reset <= last { return nil }
        lastRecorded = window.reset
        return window
    }
}
