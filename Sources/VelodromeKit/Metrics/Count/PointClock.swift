/// Gives every point of one series a distinct, deterministic nanosecond timestamp: the event's
/// second plus the point's position among that second's points. The original wrote seconds, so
/// two points of a series in one second overwrote each other in InfluxDB.
struct PointClock {
    private var second: Int64 = .min
    private var offset: Int64 = 0

    mutating func time(forSecond next: Int64) -> Int64 {
        if next == second {
            offset += 1
        } else {
            second = next
            offset = 0
        }
        return next * 1_000_000_000 + offset
    }
}
