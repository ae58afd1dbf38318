import Foundation

/// A UTC instant with GitHub's precision: whole seconds since the Unix epoch.
///
/// Parsing is hand-written arithmetic over the bytes (no Foundation, no libc), because it sits
/// on the hot paths of both fetch (every item) and transform (every row); formatting, which is
/// rarer, goes through `gmtime_r`.
package struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var seconds: Int64

    package init(seconds: Int64) { self.seconds = seconds }

    package init(_ date: Date) { seconds = Int64(date.timeIntervalSince1970.rounded(.down)) }

    /// Go's zero time, 0001-01-01T00:00:00Z: where the original measured the age of `!` state parts from.
    package static let goZero = Timestamp(seconds: -62_135_596_800)

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.seconds < rhs.seconds }

    package var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    package func adding(seconds delta: Int64) -> Timestamp { Timestamp(seconds: seconds + delta) }

    /// `2024-01-02T03:04:05Z`, GitHub's form.
    package var iso8601: String { format(separator: "T", suffix: "Z") }

    /// `2024-01-02 03:04:05`, the SQL column form (sorts as text, readable by SQLite's date functions).
    package var sql: String { format(separator: " ", suffix: "") }

    package var description: String { iso8601 }

    private func format(separator: String, suffix: String) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = String(Int(parts.tm_year) + 1900)
        let yearText = String(repeating: "0", count: max(0, 4 - year.count)) + year
        return "\(yearText)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))\(separator)\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))\(suffix)"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ`, `YYYY-MM-DD HH:MM:SS`, and fractional or offset forms of them.
    package init?(parsing text: some StringProtocol) {
        // In place where the bytes are contiguous (native strings): every row read parses one.
        if let parsed = text.utf8.withContiguousStorageIfAvailable({ Timestamp(sqlBytes: $0) }) {
            guard let parsed else { return nil }
            self = parsed
            return
        }
        var copy = String(text)
        guard let parsed = copy.withUTF8({ Timestamp(sqlBytes: $0) }) else { return nil }
        self = parsed
    }

    /// Parses the same forms from UTF-8 bytes, so database rows need not become Strings first.
    package init?(sqlBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":") else { return nil }
        func number(_ from: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for index in from..<(from + count) {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var index = 19
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
        }
        var offset: Int64 = 0
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "Z"): index += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard bytes.count >= index + 6, let hours = number(index + 1, 2), let minutes = number(index + 4, 2) else { return nil }
                offset = (bytes[index] == UInt8(ascii: "+") ? 1 : -1) * (hours * 3600 + minutes * 60)
                index += 6
            default: return nil
            }
        }
        guard index == bytes.count else { return nil }
        seconds = Self.daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm):
    /// pure arithmetic, so parsing a million rows needs no calls into libc.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// Stored in cursors as whole seconds since the epoch.
extension Timestamp: Codable {
    package init(from decoder: Decoder) throws {
        seconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(seconds)
    }
}
