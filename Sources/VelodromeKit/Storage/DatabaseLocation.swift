import Logging
import ServiceLifecycle

/// Where the mirror lives, from `--database`: `sqlite:PATH` (or a bare path), the embedded
/// default, or `postgres://USER:PASSWORD@HOST:PORT/DATABASE` for a server many processes share.
/// Printed, a URL's password is masked.
package enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// `passwordFile` (`--database-password-file`) and `PGPASSWORD` supply a PostgreSQL
    /// password the URL leaves out.
    package init(parsing text: String, passwordFile: String? = nil, environment: [String: String] = [:]) throws(ConfigurationProblem) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(try PostgresLocation(parsing: text, passwordFile: passwordFile, environment: environment))
            return
        }
        var path = text
        if path.hasPrefix("sqlite://") {
            path = String(path.dropFirst("sqlite://".count))
        } else if path.hasPrefix("sqlite:") {
            path = String(path.dropFirst("sqlite:".count))
        } else if let colon = path.firstIndex(of: ":"), path[..<colon].allSatisfy(\.isLetter), path[..<colon].count > 1 {
            throw ConfigurationProblem("--database: unknown database kind \"\(path[..<colon])\" in \(PostgresLocation.mask(text)); use sqlite:PATH or postgres://USER@HOST/DATABASE")
        }
        guard !path.isEmpty else { throw ConfigurationProblem("--database: \(text) names no file; use sqlite:PATH") }
        if passwordFile != nil { throw ConfigurationProblem("--database-password-file goes with a postgres:// database, not \(text)") }
        self = .sqlite(path: path)
    }

    package var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let location): location.description
        }
    }

    /// Opens the store, creating or upgrading its schema; it also holds the embedded metric
    /// points. The services (PostgreSQL's connection pool) must run while the store is used:
    /// a stage runs them in its service group.
    package func open(logger: Logger) async throws -> OpenDatabase {
        switch self {
        case .sqlite(let path):
            return OpenDatabase(store: SQLMirrorStore(database: try SQLiteDatabase(path: path)), services: [])
        case .postgres(let location):
            let database = try await PostgresDatabase.open(location, logger: logger)
            return OpenDatabase(store: SQLMirrorStore(database: database), services: [database.service])
        }
    }
}

/// A store, and the services that must run for it to answer.
package struct OpenDatabase: Sendable {
    package let store: SQLMirrorStore
    package let services: [any Service]
}

extension OpenDatabase {
    /// Runs `body` with the services running, for a one-off command outside a stage's group.
    package func withServices<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services { group.addTask { try await service.run() } }
            defer { group.cancelAll() }
            return try await body()
        }
    }
}
