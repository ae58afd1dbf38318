import CSQLite

/// A prepared statement. The shared SQL numbers its parameters PostgreSQL's way (`$1`, `$2`,
/// ...); `SQLiteConnection` prepares them as SQLite's `?1`, `?2`, ..., whose numbers are the bind
/// indexes themselves (SQLite takes `$N` as a *name*, numbered in order of appearance).
final class SQLiteStatement {
    private let pointer: OpaquePointer
    private unowned let connection: SQLiteConnection
    /// Swift cannot import SQLITE_TRANSIENT: it tells SQLite to copy bound text.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ pointer: OpaquePointer, connection: SQLiteConnection) {
        self.pointer = pointer
        self.connection = connection
    }

    /// `sql` with each `$N` outside quotes as `?N`.
    static func numberedParameters(_ sql: String) -> String {
        var bytes = Array(sql.utf8)
        var quote: UInt8?
        for index in bytes.indices {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: "$"), index + 1 < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index + 1]) {
                bytes[index] = UInt8(ascii: "?")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    deinit { sqlite3_finalize(pointer) }

    func reset() {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
    }

    @discardableResult
    func bind(_ values: SQLValue...) -> SQLiteStatement { bind(values) }

    @discardableResult
    func bind(_ values: [SQLValue]) -> SQLiteStatement {
        sqlite3_reset(pointer)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .null: sqlite3_bind_null(pointer, index)
            case .integer(let number): sqlite3_bind_int64(pointer, index, number)
            case .boolean(let flag): sqlite3_bind_int64(pointer, index, flag ? 1 : 0)
            case .real(let number): sqlite3_bind_double(pointer, index, number)
            case .text(let text): sqlite3_bind_text(pointer, index, text, -1, Self.transient)
            case .blob(let bytes):
                bytes.withUnsafeBytes { _ = sqlite3_bind_blob(pointer, index, $0.baseAddress, Int32($0.count), Self.transient) }
            }
        }
        return self
    }

    /// Runs a statement that returns no rows.
    func run() throws(StorageError) {
        let status = sqlite3_step(pointer)
        guard status == SQLITE_DONE || status == SQLITE_ROW else {
            throw connection.failure
        }
        sqlite3_reset(pointer)
    }

    /// Steps to the next row; false at the end.
    func step() throws(StorageError) -> Bool {
        switch sqlite3_step(pointer) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.failure
        }
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(pointer, column) }

    /// The current row, each column as SQLite typed it.
    var row: SQLRow {
        SQLRow((0..<sqlite3_column_count(pointer)).map { column in
            switch sqlite3_column_type(pointer, column) {
            case SQLITE_INTEGER: .integer(sqlite3_column_int64(pointer, column))
            case SQLITE_FLOAT: .real(sqlite3_column_double(pointer, column))
            case SQLITE_TEXT: .text(text(column) ?? "")
            case SQLITE_BLOB: .blob(blob(column))
            default: .null
            }
        })
    }

    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(pointer, column) else { return nil }
        let count = Int(sqlite3_column_bytes(pointer, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func blob(_ column: Int32) -> [UInt8] {
        guard let bytes = sqlite3_column_blob(pointer, column) else { return [] }
        let count = Int(sqlite3_column_bytes(pointer, column))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// Reads a timestamp column written in `Timestamp.sql` form, without building a String.
    func timestamp(_ column: Int32) -> Timestamp? {
        guard let bytes = sqlite3_column_text(pointer, column) else { return nil }
        let count = Int(sqlite3_column_bytes(pointer, column))
        return Timestamp(sqlBytes: UnsafeBufferPointer(start: bytes, count: count))
    }
}
