/// A connection, or a transaction on one, that runs SQL with `$1, $2, ...` parameters.
package protocol SQLSession: Sendable {
    func run(_ sql: String, _ binds: [SQLValue]) async throws
    func rows(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
    /// Each row decoded straight from the backend's columns, for the hot paths (transform reads
    /// every row of a repository's history): no `SQLRow` in between.
    func rows<T: Sendable>(_ sql: String, _ binds: [SQLValue], decode: @escaping @Sendable (any SQLColumns) throws -> T) async throws -> [T]
    /// Writes rows of distinct keys the backend's fastest way; with `counting`, returns how many
    /// the statement's `RETURNING` reported.
    func insert(_ insert: MultiRowInsert, _ rows: [[SQLValue]], counting: Bool) async throws -> Int
}

/// The current row's columns, read in place by position.
package protocol SQLColumns {
    func int64(_ column: Int) throws -> Int64
    func bool(_ column: Int) throws -> Bool
    func text(_ column: Int) throws -> String
    func optionalText(_ column: Int) throws -> String?
    func timestamp(_ column: Int) throws -> Timestamp
}

/// A read transaction held open across calls: one snapshot of the database, which transform's
/// activity cursor reads in chunks while fetch goes on writing.
package protocol SQLSnapshot: SQLSession {
    /// Ends the transaction and releases its connection; the snapshot is unusable afterwards.
    func close() async throws
}

/// The SQL both backends speak, differing only where their types do.
package enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// The column type of raw bytes.
    var bytes: String {
        switch self {
        case .sqlite: "BLOB"
        case .postgres: "BYTEA"
        }
    }
}

/// A database that `SQLMirrorStore` keeps the mirror in: SQLite's file or PostgreSQL's server.
package protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }
    /// Where the database is, for messages: a path, or a URL with its password masked.
    var name: String { get }
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLSession) async throws -> T) async throws -> T
    /// Runs `body` outside a transaction: reads that need no snapshot.
    func read<T: Sendable>(_ body: @Sendable (any SQLSession) async throws -> T) async throws -> T
    func snapshot() async throws -> any SQLSnapshot
}
