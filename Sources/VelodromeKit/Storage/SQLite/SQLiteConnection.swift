import CSQLite
import Foundation

/// One SQLite database connection. Not thread-safe by itself: `SQLiteMirrorStore` serialises use.
final class SQLiteConnection {
    private var handle: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]
    let path: String

    init(path: String) throws(StorageError) {
        self.path = path
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            handle = nil
            throw StorageError("cannot open SQLite database \(path): \(message)")
        }
        sqlite3_busy_timeout(handle, 10_000)
        // WAL keeps readers (transform) and the writer (fetch) out of each other's way; with WAL,
        // NORMAL synchronisation still never loses a committed transaction to a killed process.
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = NORMAL")
        try execute("PRAGMA foreign_keys = ON")
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    func execute(_ sql: String) throws(StorageError) {
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &error) == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(error)
            throw StorageError("SQLite: \(message) (in: \(sql.prefix(80)))")
        }
    }

    /// A prepared statement, cached by its text: the hot loops prepare once and bind many times.
    func prepare(_ sql: String) throws(StorageError) -> SQLiteStatement {
        if let cached = statements[sql] {
            cached.reset()
            return cached
        }
        var pointer: OpaquePointer?
        guard sqlite3_prepare_v2(handle, SQLiteStatement.numberedParameters(sql), -1, &pointer, nil) == SQLITE_OK, let pointer else {
            throw StorageError("SQLite: \(lastError) (in: \(sql.prefix(80)))")
        }
        let statement = SQLiteStatement(pointer, connection: self)
        statements[sql] = statement
        return statement
    }

    /// Runs `body` in one transaction: committed whole when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    /// The failure of the last call, as an error.
    var failure: StorageError {
        // SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE, which Swift does not import.
        let code = sqlite3_extended_errcode(handle)
        return StorageError("SQLite: \(lastError)", duplicateKey: code == 1555 || code == 2067)
    }

    var changes: Int { Int(sqlite3_changes(handle)) }
}
