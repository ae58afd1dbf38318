import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// A PostgreSQL database as a `SQLDatabase`, for many fetchers and transforms sharing one
/// mirror: statements go through PostgresNIO's pooled `PostgresClient`, which runs as a service
/// beside the stage; each cursor's snapshot is a connection of its own in a repeatable-read
/// transaction. Failures are reported with the server's address, never the password.
package final class PostgresDatabase: SQLDatabase {
    package let location: PostgresLocation
    package var dialect: SQLDialect { .postgres }
    package var name: String { location.description }
    private let client: PostgresClient
    /// Set once the pool's service runs: statements wait for it rather than lease too early.
    private let poolRunning = Mutex(false)
    private let logger: Logger
    private let snapshots = Mutex(0)

    private init(location: PostgresLocation, logger: Logger) throws {
        self.location = location
        self.logger = logger
        client = PostgresClient(configuration: try Self.clientConfiguration(location), backgroundLogger: logger)
    }

    /// Connects once to bring the schema up to date, under an advisory lock so that of several
    /// processes starting at once one migrates and the others wait and find it done.
    package static func open(_ location: PostgresLocation, logger: Logger,
                             migrations: [[String]] = MirrorSchema.migrations(.postgres)) async throws -> PostgresDatabase {
        try await withDedicatedConnection(to: location, logger: logger) { connection in
            try await Self.migrate(connection, migrations: migrations, name: location.description, logger: logger)
        }
        return try PostgresDatabase(location: location, logger: logger)
    }

    /// Serves the pool: it must run, in the stage's service group, for statements to be answered.
    package var service: any Service { PoolService(database: self) }

    private struct PoolService: Service {
        let database: PostgresDatabase

        func run() async throws {
            database.poolRunning.withLock { $0 = true }
            await database.client.run()
        }
    }

    /// Runs statements on a connection of their own, outside any transaction, and returns the
    /// last one's rows: for what a pool cannot run (`CREATE DATABASE`), and for tools and tests.
    @discardableResult
    package static func execute(_ statements: [String], at location: PostgresLocation, logger: Logger) async throws -> [SQLRow] {
        try await withDedicatedConnection(to: location, logger: logger) { connection in
            let session = PostgresSession(connection: connection, logger: logger, server: server(location))
            var rows: [SQLRow] = []
            for sql in statements { rows = try await session.rows(sql, []) }
            return rows
        }
    }

    /// Not PostgresNIO's `withTransaction`: after the server drops the connection, its ROLLBACK
    /// would wait for ever on the dead connection (a query written to a closed channel is never
    /// answered), so the session checks the connection before every statement.
    package func transaction<T: Sendable>(_ body: @Sendable (any SQLSession) async throws -> T) async throws -> T {
        try await reconnecting {
            try await client.withConnection { connection in
                let session = PostgresSession(connection: connection, logger: logger, server: server)
                try await session.run("BEGIN", [])
                do {
                    let result = try await body(session)
                    try await session.run("COMMIT", [])
                    return result
                } catch {
                    if !connection.isClosed { try? await session.run("ROLLBACK", []) }
                    throw error
                }
            }
        }
    }

    package func read<T: Sendable>(_ body: @Sendable (any SQLSession) async throws -> T) async throws -> T {
        try await reconnecting {
            try await client.withConnection { connection in
                try await body(PostgresSession(connection: connection, logger: logger, server: server))
            }
        }
    }

    package func snapshot() async throws -> any SQLSnapshot {
        try await failing {
            let id = snapshots.withLock { $0 += 1; return $0 }
            let connection = try await PostgresConnection.connect(configuration: Self.connectionConfiguration(location), id: id, logger: logger)
            let session = PostgresSession(connection: connection, logger: logger, server: server, ownsConnection: true)
            do {
                try await session.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", [])
            } catch {
                try? await connection.close()
                throw error
            }
            return session
        }
    }

    /// A connection of its own, no pool: for migrations and one-off statements.
    private static func withDedicatedConnection<T>(to location: PostgresLocation, logger: Logger,
                                                   _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await failing(server: server(location)) {
            let connection = try await PostgresConnection.connect(configuration: connectionConfiguration(location), id: 0, logger: logger)
            do {
                let result = try await body(connection)
                try await connection.close()
                return result
            } catch {
                try? await connection.close()
                throw error
            }
        }
    }

    /// Runs `body` again, with backoff, while the connection is lost: a transaction rolled back by
    /// a restart or a failover is sent whole once the server answers again (every write is an
    /// upsert, so sending it twice changes nothing). Other failures are thrown at once.
    private func reconnecting<T>(_ body: () async throws -> T) async throws -> T {
        while !poolRunning.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        return try await reconnect.run(
            sleeper: TaskSleeper(),
            onRetry: { reason, _, delay in logger.warning("\(reason); trying again in \(DurationText.format(delay))") },
            giveUp: { reason, failures in StorageError("\(reason) (gave up after \(failures) tries)") }
        ) { () async throws -> Retry.Step<T> in
            do {
                return .done(try await failing(body))
            } catch let error as StorageError where error.connectionLost {
                return .failed(error.message)
            }
        }
    }

    /// About half a minute of tries: a restart takes seconds, a managed failover tens of them.
    private let reconnect = Retry(attempts: 6, backoff: Backoff(base: .seconds(1), cap: .seconds(16)))

    /// `host:port/database`, which every failure names.
    private var server: String { Self.server(location) }

    private static func server(_ location: PostgresLocation) -> String { "\(location.host):\(location.port)/\(location.database)" }

    private func failing<T>(_ body: () async throws -> T) async throws -> T {
        try await Self.failing(server: server, body)
    }

    /// Turns PostgresNIO's errors, which say nothing by design, into one line naming the server.
    static func failing<T>(server: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            throw StorageError("PostgreSQL at \(server): \(reason(error))", connectionLost: connectionLost(error),
                               duplicateKey: error.serverInfo?[.sqlState] == "23505")
        }
    }

    /// Lost connections, and the server's own "shutting down" (SQLSTATE class 57, operator
    /// intervention) and connection errors (class 08).
    static func connectionLost(_ error: PSQLError) -> Bool {
        if let state = error.serverInfo?[.sqlState] { return state.hasPrefix("57") || state.hasPrefix("08") }
        return [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown].contains(error.code)
    }

    static func reason(_ error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] { return message }
        switch error.code {
        case .connectionError:
            let detail = error.underlying.map { String(describing: $0) } ?? ""
            if detail.contains("Connection refused") { return "cannot connect: connection refused (is the server running and listening there?)" }
            if detail.lowercased().contains("timeout") || detail.lowercased().contains("timed out") { return "cannot connect: timed out" }
            if detail.contains("dns") || detail.contains("DNS") { return "cannot connect: host not found" }
            return "cannot connect" + (detail.isEmpty ? "" : ": \(detail)")
        case .serverClosedConnection, .uncleanShutdown:
            return "the server closed the connection"
        case .sslUnsupported:
            return "the server does not offer TLS; add ?sslmode=disable to connect without it"
        case .authMechanismRequiresPassword:
            return "the server asks for a password: give it in the URL, --database-password-file or PGPASSWORD"
        default:
            return "\(error.code)"
        }
    }

    private static func migrate(_ connection: PostgresConnection, migrations: [[String]], name: String, logger: Logger) async throws {
        let lockKey = 7_245_013_301  // any constant: Velodrome's migrations, one at a time per database
        let session = PostgresSession(connection: connection, logger: logger, server: name)
        try await session.run("SELECT pg_advisory_lock(\(lockKey))", [])
        try await session.run("CREATE TABLE IF NOT EXISTS velodrome_schema (version BIGINT NOT NULL)", [])
        let current = try await session.rows("SELECT max(version) FROM velodrome_schema", []).first.flatMap { row -> Int64? in
            if case .integer(let version) = row.values[0] { return version }
            return nil
        } ?? 0
        for (version, statements) in try SchemaMigrations(migrations).steps(from: current, database: name) {
            try await session.run("BEGIN", [])
            do {
                for sql in statements { try await session.run(sql, []) }
                try await session.run("DELETE FROM velodrome_schema", [])
                try await session.run("INSERT INTO velodrome_schema (version) VALUES ($1)", [.integer(version)])
                try await session.run("COMMIT", [])
            } catch {
                try? await session.run("ROLLBACK", [])
                throw error
            }
            logger.info("database \(name) upgraded to schema version \(version)")
        }
        try await session.run("SELECT pg_advisory_unlock(\(lockKey))", [])
    }

    private static func tls(_ location: PostgresLocation) throws -> (PostgresConnection.Configuration.TLS, PostgresClient.Configuration.TLS) {
        var unchecked = TLSConfiguration.makeClientConfiguration()
        unchecked.certificateVerification = .none
        switch location.tls {
        case .disable:
            return (.disable, .disable)
        case .prefer:
            return (.prefer(try NIOSSLContext(configuration: unchecked)), .prefer(unchecked))
        case .require:
            return (.require(try NIOSSLContext(configuration: unchecked)), .require(unchecked))
        case .verifyFull:
            let checked = TLSConfiguration.makeClientConfiguration()
            return (.require(try NIOSSLContext(configuration: checked)), .require(checked))
        }
    }

    private static func clientConfiguration(_ location: PostgresLocation) throws -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(host: location.host, port: location.port, username: location.user,
                                                         password: location.password?.value, database: location.database,
                                                         tls: try tls(location).1)
        configuration.options.maximumConnections = 8
        return configuration
    }

    private static func connectionConfiguration(_ location: PostgresLocation) throws -> PostgresConnection.Configuration {
        PostgresConnection.Configuration(host: location.host, port: location.port, username: location.user,
                                         password: location.password?.value, database: location.database, tls: try tls(location).0)
    }
}

/// The rows of one answer, gathered on the connection's event loop.
private final class Rows<T: Sendable>: Sendable {
    let values = Mutex<[T]>([])
}

/// Statements on one PostgreSQL connection: the pool's, lent for one call, or a snapshot's own.
struct PostgresSession: SQLSnapshot {
    let connection: PostgresConnection
    let logger: Logger
    /// `host:port/database`, for messages.
    let server: String
    var ownsConnection = false

    func run(_ sql: String, _ binds: [SQLValue]) async throws {
        _ = try await rows(sql, binds)
    }

    func rows(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await query(sql, binds, SQLRow.init)
    }

    func rows<T: Sendable>(_ sql: String, _ binds: [SQLValue], decode: @escaping @Sendable (any SQLColumns) throws -> T) async throws -> [T] {
        try await query(sql, binds) { try decode(PostgresColumns(row: $0.makeRandomAccess())) }
    }

    /// Each column one array: a statement per 10,000 rows that PostgreSQL parses and plans at
    /// once, where VALUES rows would cost it a parameter each.
    func insert(_ insert: MultiRowInsert, _ rows: [[SQLValue]], counting: Bool) async throws -> Int {
        let sql = insert.arraySQL(insert.columns.map(\.postgresName), returning: counting)
        var returned = 0
        for chunk in rows.chunks(of: MultiRowInsert.rowsPerArrayStatement) {
            var bindings = PostgresBindings(capacity: insert.columns.count)
            for (column, type) in insert.columns.enumerated() {
                try bindings.append(PostgresColumnArray(rows: chunk, column: column, type: type))
            }
            returned += try await query(PostgresQuery(unsafeSQL: sql, binds: bindings)) { _ in () }.count
        }
        return returned
    }

    private func query<T: Sendable>(_ sql: String, _ binds: [SQLValue], _ read: @escaping @Sendable (PostgresRow) throws -> T) async throws -> [T] {
        try await query(PostgresQuery(sql, binds), read)
    }

    private func query<T: Sendable>(_ query: PostgresQuery, _ read: @escaping @Sendable (PostgresRow) throws -> T) async throws -> [T] {
        // A query written to a closed connection is never answered: fail it here instead.
        guard !connection.isClosed else { throw StorageError("PostgreSQL at \(server): the server closed the connection", connectionLost: true) }
        return try await answered {
            try await PostgresDatabase.failing(server: server) {
                // Rows are read as they arrive, on the connection's event loop: the async row
                // sequence would cost a suspension point per row, and transform reads millions.
                let rows = Rows<T>()
                _ = try await connection.query(query, logger: logger) { row in
                    let value = try read(row)
                    rows.values.withLock { $0.append(value) }
                }.get()
                return rows.values.withLock { $0 }
            }
        }
    }

    /// No statement of Velodrome's takes near this long; one that does was written as the
    /// connection died and will never be answered.
    static let deadline: Duration = .seconds(60)

    /// The answer to `query`, or, past the deadline, a lost connection: the connection is closed
    /// (so the pool drops it) and the stuck query is left behind.
    private func answered<T: Sendable>(_ query: @escaping @Sendable () async throws -> T) async throws -> T {
        let connection = connection, server = server
        return try await withCheckedThrowingContinuation { continuation in
            let resumed = Mutex(false)
            let finish: @Sendable (Result<T, any Error>) -> Bool = { result in
                guard resumed.withLock({ let first = !$0; $0 = true; return first }) else { return false }
                continuation.resume(with: result)
                return true
            }
            let timer = Task {
                try await Task.sleep(for: Self.deadline)
                if finish(.failure(StorageError("PostgreSQL at \(server): no answer in \(DurationText.format(Self.deadline))", connectionLost: true))) {
                    try? await connection.close()
                }
            }
            Task {
                do { _ = finish(.success(try await query())) } catch { _ = finish(.failure(error)) }
                timer.cancel()
            }
        }
    }

    func close() async throws {
        do {
            try await run("COMMIT", [])
        } catch {
            if ownsConnection { try? await connection.close() }
            throw error
        }
        if ownsConnection { try await connection.close() }
    }
}
