import Testing
@testable import VelodromeKit

/// The windows of one login's quota of one resource, from its readings.
@Suite struct QuotaWindowsTests {
    static func reading(_ remaining: Int, reset: Int64, limit: Int = 5000, used: Int? = nil) -> QuotaReading {
        QuotaReading(limit: limit, remaining: remaining, used: used, reset: reset)
    }

    func windows(_ readings: [QuotaReading], lastRecorded: Int64? = nil) -> [QuotaWindow] {
        var windows = QuotaWindows(lastRecorded: lastRecorded)
        return readings.compactMap { windows.read($0) }
    }

    @Test func aWindowEndsWhenTheResetMovesWithItsLastUsed() {
        #expect(windows([Self.reading(4900, reset: 3600), Self.reading(4000, reset: 3600), Self.reading(3500, reset: 3600)]) == [])
        #expect(windows([Self.reading(4900, reset: 3600), Self.reading(3500, reset: 3600), Self.reading(5000, reset: 7200)])
            == [QuotaWindow(reset: 3600, used: 1500)])
    }

    @Test func severalWindowsInARow() {
        let readings = [Self.reading(4000, reset: 3600), Self.reading(4990, reset: 7200), Self.reading(4500, reset: 7200),
                        Self.reading(4999, reset: 10800), Self.reading(4000, reset: 14400)]
        #expect(windows(readings) == [QuotaWindow(reset: 3600, used: 1000), QuotaWindow(reset: 7200, used: 500), QuotaWindow(reset: 10800, used: 1)])
    }

    @Test func anUnusedQuotaWhoseResetMovesAtEveryReadingRecordsNothing() {
        let readings = [Self.reading(5000, reset: 3600), Self.reading(5000, reset: 3605), Self.reading(5000, reset: 3610),
                        Self.reading(4990, reset: 3615), Self.reading(5000, reset: 7215)]
        #expect(windows(readings) == [QuotaWindow(reset: 3615, used: 10)])
    }

    @Test func anEarlyRefillEndsTheWindowAndTheLaterMoveStartsNone() {
        let readings = [Self.reading(1000, reset: 3600), Self.reading(4990, reset: 3600), Self.reading(4800, reset: 3600),
                        Self.reading(4700, reset: 7200), Self.reading(5000, reset: 10800)]
        #expect(windows(readings) == [QuotaWindow(reset: 3600, used: 4000), QuotaWindow(reset: 7200, used: 300)])
    }

    @Test func aBiggerLimitIsNoRefill() {
        // The login's limit grows mid-window (a plan change): remaining rises, used does not fall.
        let readings = [Self.reading(4000, reset: 3600), Self.reading(14000, reset: 3600, limit: 15000), Self.reading(13000, reset: 3600, limit: 15000),
                        Self.reading(15000, reset: 7200, limit: 15000)]
        #expect(windows(readings) == [QuotaWindow(reset: 3600, used: 2000)])
    }

    @Test func usedComesFromGitHubWhenGiven() {
        #expect(windows([Self.reading(4000, reset: 3600, used: 1200), Self.reading(5000, reset: 7200)]) == [QuotaWindow(reset: 3600, used: 1200)])
        #expect(Self.reading(4000, reset: 1).used == 1000)
    }

    @Test func aRestartNeverRecordsAWindowTwice() {
        // The window ending at 3600 was recorded before the restart.
        #expect(windows([Self.reading(3000, reset: 3600), Self.reading(4000, reset: 7200), Self.reading(5000, reset: 10800)], lastRecorded: 3600)
            == [QuotaWindow(reset: 7200, used: 1000)])
    }

    @Test func aSavedStateGoesOnFromItsLastReading() {
        // Saved mid-window after a refill: the move of the reset names the refilled window.
        var windows = QuotaWindows(current: Self.reading(4800, reset: 3600), refilled: true, lastRecorded: 3600)
        #expect(windows.read(Self.reading(4700, reset: 7200)) == nil)
        #expect(windows.read(Self.reading(5000, reset: 10800)) == QuotaWindow(reset: 7200, used: 300))
        #expect(windows == QuotaWindows(current: Self.reading(5000, reset: 10800), refilled: false, lastRecorded: 7200))
    }
}
