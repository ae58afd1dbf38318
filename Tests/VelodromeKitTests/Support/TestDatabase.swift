import Foundation
import Logging
import Testing
@testable import VelodromeKit

/// The backends every storage-facing suite runs on: SQLite always; PostgreSQL where the test
/// script started one (and, under scripts/test, always: a missing server fails the tests).
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static var all: [Backend] { Integration.postgresURL != nil || Integration.required ? allCases : [.sqlite] }

    var testDescription: String { rawValue }
}

/// A fresh, empty database of one backend, with its store open and its services running;
/// `close()` stops them and, for PostgreSQL, drops the database.
final class TestDatabase: Sendable {
    let backend: Backend
    /// What a `velodrome` process takes as `--database` to reach the same database.
    let url: String
    let store: SQLMirrorStore
    private let services: Task<Void, Never>?
    private let dropped: String?

    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(backend: Backend, url: String, store: SQLMirrorStore, services: Task<Void, Never>?, dropped: String?) {
        self.backend = backend
        self.url = url
        self.store = store
        self.services = services
        self.dropped = dropped
    }

    static func make(_ backend: Backend, in directory: TemporaryDirectory, name: String = "mirror") async throws -> TestDatabase {
        switch backend {
        case .sqlite:
            let url = "sqlite:\(directory.path("\(name).db"))"
            return TestDatabase(backend: backend, url: url, store: try await DatabaseLocation(parsing: url).open(logger: quiet).store,
                                services: nil, dropped: nil)
        case .postgres:
            let server = try Integration.postgresOrFail()
            let database = "velodrome_\(name.replacingOccurrences(of: "-", with: "_"))_\(UInt32.random(in: 0...UInt32.max))"
            try await PostgresDatabase.execute(["CREATE DATABASE \(database)"], at: try admin(server), logger: quiet)
            var components = try #require(URLComponents(string: server))
            components.path = "/\(database)"
            let url = try #require(components.string)
            let opened = try await existing(url)
            return TestDatabase(backend: backend, url: url, store: opened.store, services: opened.services, dropped: database)
        }
    }

    /// An existing database, by the URL a process would take; left in place on `close()`.
    static func existing(_ url: String) async throws -> TestDatabase {
        let location = try DatabaseLocation(parsing: url)
        let open = try await location.open(logger: quiet)
        let services = open.services
        let running = Task { await withTaskGroup(of: Void.self) { group in
            for service in services { group.addTask { try? await service.run() } }
        } }
        let backend: Backend = if case .postgres = location { .postgres } else { .sqlite }
        return TestDatabase(backend: backend, url: url, store: open.store, services: running, dropped: nil)
    }

    private static func admin(_ server: String) throws -> PostgresLocation {
        try PostgresLocation(parsing: server, passwordFile: nil, environment: [:])
    }

    func close() async throws {
        services?.cancel()
        await services?.value
        if let dropped {
            try await PostgresDatabase.execute(["DROP DATABASE IF EXISTS \(dropped) WITH (FORCE)"], at: try Self.admin(Integration.postgresOrFail()), logger: Self.quiet)
        }
    }

    /// Runs `body` with a fresh database, closed afterwards whether `body` throws or not.
    static func with<T>(_ backend: Backend, in directory: TemporaryDirectory, name: String = "mirror",
                        _ body: (TestDatabase) async throws -> T) async throws -> T {
        let database = try await make(backend, in: directory, name: name)
        do {
            let result = try await body(database)
            try await database.close()
            return result
        } catch {
            try? await database.close()
            throw error
        }
    }
}
