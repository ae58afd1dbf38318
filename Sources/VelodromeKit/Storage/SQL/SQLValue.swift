/// A value bound to a SQL parameter, or read from a column, in either backend.
package enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    /// PostgreSQL's `boolean`; SQLite stores it as 0 or 1.
    case boolean(Bool)

    package static func optional(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }
    package static func optional(_ time: Timestamp?) -> SQLValue { time.map { .text($0.sql) } ?? .null }
    package static func time(_ time: Timestamp) -> SQLValue { .text(time.sql) }
}

/// The type of a column that `MultiRowInsert` writes, for backends that bind whole columns.
package enum SQLColumnType: Sendable {
    case text
    case integer
    case boolean
    case bytes
}

/// One result row. Accessors read a column by position, as the backends return it, and fail
/// with the column named when it holds something else.
package struct SQLRow: Sendable {
    package var values: [SQLValue]

    package init(_ values: [SQLValue]) { self.values = values }

    package func int64(_ column: Int) throws(StorageError) -> Int64 {
        switch values[column] {
        case .integer(let number): return number
        case .boolean(let flag): return flag ? 1 : 0
        default: throw mismatch(column, "an integer")
        }
    }

    package func optionalInt64(_ column: Int) throws(StorageError) -> Int64? {
        if case .null = values[column] { return nil }
        return try int64(column)
    }

    package func bool(_ column: Int) throws(StorageError) -> Bool {
        switch values[column] {
        case .boolean(let flag): return flag
        case .integer(let number): return number != 0
        default: throw mismatch(column, "a boolean")
        }
    }

    package func text(_ column: Int) throws(StorageError) -> String {
        guard case .text(let text) = values[column] else { throw mismatch(column, "text") }
        return text
    }

    package func optionalText(_ column: Int) throws(StorageError) -> String? {
        if case .null = values[column] { return nil }
        return try text(column)
    }

    package func timestamp(_ column: Int) throws(StorageError) -> Timestamp {
        let text = try text(column)
        guard let time = Timestamp(parsing: text) else {
            throw StorageError("column \(column) holds \"\(text)\", not a time")
        }
        return time
    }

    package func optionalTimestamp(_ column: Int) throws(StorageError) -> Timestamp? {
        if case .null = values[column] { return nil }
        return try timestamp(column)
    }

    package func blob(_ column: Int) throws(StorageError) -> [UInt8] {
        guard case .blob(let bytes) = values[column] else { throw mismatch(column, "bytes") }
        return bytes
    }

    private func mismatch(_ column: Int, _ expected: String) -> StorageError {
        StorageError("column \(column) holds \(values[column]), not \(expected)")
    }
}
