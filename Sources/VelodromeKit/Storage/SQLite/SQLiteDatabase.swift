/// A SQLite file as a `SQLDatabase`: one connection on a thread of its own, one transaction at a
/// time; each cursor's snapshot on a connection of its own, so writes go on meanwhile.
package final class SQLiteDatabase: SQLDatabase {
    package let path: String
    package var dialect: SQLDialect { .sqlite }
    package var name: String { "sqlite:\(path)" }
    private let executor: SQLiteExecutor<SQLiteConnection>
    private let lock = AsyncLock()

    /// Opens (creating) the file and brings its schema up to date.
    package init(path: String, migrations: [[String]] = MirrorSchema.migrations(.sqlite)) throws(StorageError) {
        self.path = path
        let connection = try SQLiteConnection(path: path)
        try Self.migrate(connection, migrations: migrations)
        executor = SQLiteExecutor(connection, label: "mirror")
    }

    package func transaction<T: Sendable>(_ body: @Sendable (any SQLSession) async throws -> T) async throws -> T {
        try await lock.withLock {
            let session = SQLiteSession(executor: executor)
            try await session.execute("BEGIN IMMEDIATE")
            do {
                let result = try await body(session)
                try await session.execute("COMMIT")
                return result
            } catch {
                try? await session.execute("ROLLBACK")
                throw error
            }
        }
    }

    package func read<T: Sendable>(_ body: @Sendable (any SQLSession) async throws -> T) async throws -> T {
        try await lock.withLock { try await body(SQLiteSession(executor: executor)) }
    }

    package func snapshot() async throws -> any SQLSnapshot {
        let session = SQLiteSession(executor: SQLiteExecutor(try SQLiteConnection(path: path), label: "snapshot"))
        try await session.execute("BEGIN")
        return session
    }

    /// The schema version lives in `PRAGMA user_version`; `BEGIN IMMEDIATE` takes SQLite's write
    /// lock, so of several processes starting at once one migrates and the others find it done.
    private static func migrate(_ connection: SQLiteConnection, migrations: [[String]]) throws(StorageError) {
        do {
            try connection.transaction {
                let statement = try connection.prepare("PRAGMA user_version")
                let version = try statement.step() ? statement.int64(0) : 0
                statement.reset()
                for (version, statements) in try SchemaMigrations(migrations).steps(from: version, database: "sqlite:\(connection.path)") {
                    for sql in statements { try connection.execute(sql) }
                    try connection.execute("PRAGMA user_version = \(version)")
                }
            }
        } catch {
            throw error as? StorageError ?? StorageError("\(error)")
        }
    }
}

/// Statements on one SQLite connection, each run on its executor's thread.
struct SQLiteSession: SQLSnapshot {
    let executor: SQLiteExecutor<SQLiteConnection>

    func execute(_ sql: String) async throws {
        try await executor.run { try $0.execute(sql) }
    }

    func run(_ sql: String, _ binds: [SQLValue]) async throws {
        try await executor.run { try $0.prepare(sql).bind(binds).run() }
    }

    func rows(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await query(sql, binds) { $0.row }
    }

    func rows<T: Sendable>(_ sql: String, _ binds: [SQLValue], decode: @escaping @Sendable (any SQLColumns) throws -> T) async throws -> [T] {
        try await query(sql, binds, decode)
    }

    /// All statements in one hop to the executor's thread: SQLite has no round trips to save.
    func insert(_ insert: MultiRowInsert, _ rows: [[SQLValue]], counting: Bool) async throws -> Int {
        let statements = insert.valuesStatements(rows, returning: counting)
        return try await executor.run { connection in
            var returned = 0
            for (sql, binds) in statements {
                let statement = try connection.prepare(sql).bind(binds)
                while try statement.step() { returned += 1 }
            }
            return returned
        }
    }

    /// Steps through the statement's rows on the executor's thread, each read by `read`.
    private func query<T: Sendable>(_ sql: String, _ binds: [SQLValue], _ read: @escaping @Sendable (SQLiteStatement) throws -> T) async throws -> [T] {
        try await executor.run { connection in
            let statement = try connection.prepare(sql).bind(binds)
            var rows: [T] = []
            while try statement.step() { rows.append(try read(statement)) }
            return rows
        }
    }

    func close() async throws {
        try await execute("COMMIT")
    }
}

extension SQLiteStatement: SQLColumns {
    func int64(_ column: Int) throws -> Int64 { int64(Int32(column)) }
    func bool(_ column: Int) throws -> Bool { int64(Int32(column)) != 0 }
    func text(_ column: Int) throws -> String {
        guard let text = text(Int32(column)) else { throw StorageError("column \(column) is null, not text") }
        return text
    }
    func optionalText(_ column: Int) throws -> String? { text(Int32(column)) }
    func timestamp(_ column: Int) throws -> Timestamp {
        guard let time = timestamp(Int32(column)) else { throw StorageError("column \(column) holds no time") }
        return time
    }
}
