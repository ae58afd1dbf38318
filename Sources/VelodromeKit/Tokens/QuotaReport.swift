import Foundation

/// What `count-tokens --once` prints: every login's quota of every resource as just read, with
/// its reset in the local time zone and in UTC; as a table for people or JSON for scripts.
package struct QuotaReport: Sendable {
    package var readings: [TokenSeries: QuotaReading]
    /// Where the tokens GitHub refused came from.
    package var refused: [String]
    package var now: Int64
    package var timeZone: TimeZone

    package init(readings: [TokenSeries: QuotaReading], refused: [String], now: Int64, timeZone: TimeZone = .current) {
        self.readings = readings
        self.refused = refused
        self.now = now
        self.timeZone = timeZone
    }

    private var rows: [(series: TokenSeries, reading: QuotaReading)] {
        readings.map { ($0.key, $0.value) }.sorted { ($0.series.login, $0.series.resource) < ($1.series.login, $1.series.resource) }
    }

    package var table: String {
        var lines = [["LOGIN", "RESOURCE", "LIMIT", "REMAINING", "USED", "RESETS IN", "RESETS AT (\(localName))", "RESETS AT (UTC)"]]
        for (series, reading) in rows {
            lines.append([series.login, series.resource, String(reading.limit), String(reading.remaining), String(reading.used),
                          DurationText.format(.seconds(max(0, reading.reset - now))), local(reading.reset), Timestamp(seconds: reading.reset).iso8601])
        }
        var text = TextTable.render(lines)
        for origin in refused { text += "refused: \(origin)\n" }
        return text
    }

    package var json: String {
        struct Quota: Encodable {
            let login, resource: String
            let limit, remaining, used: Int
            let reset: Int64
            let resetUTC, resetLocal: String
        }
        struct Report: Encodable {
            let quotas: [Quota]
            let refused: [String]
        }
        let report = Report(quotas: rows.map { series, reading in
            Quota(login: series.login, resource: series.resource, limit: reading.limit, remaining: reading.remaining, used: reading.used,
                  reset: reading.reset, resetUTC: Timestamp(seconds: reading.reset).iso8601, resetLocal: local(reading.reset, iso: true))
        }, refused: refused)
        return JSONText.line(report)
    }

    private var localName: String { timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier }

    private func local(_ seconds: Int64, iso: Bool = false) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = iso ? "yyyy-MM-dd'T'HH:mm:ssxxx" : "yyyy-MM-dd HH:mm:ss xxx"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
