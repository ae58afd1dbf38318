/// A value bound to a SQL parameter.
package enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    package static func optional(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }
    package static func optional(_ time: Timestamp?) -> SQLValue { time.map { .text($0.sql) } ?? .null }
    package static func time(_ time: Timestamp) -> SQLValue { .text(time.sql) }
    package static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }
}
