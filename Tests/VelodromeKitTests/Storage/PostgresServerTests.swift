import Foundation
import Testing
@testable import VelodromeKit

/// What only a real PostgreSQL server can show: refusals named clearly, migrations applied
/// once however many processes start together, databases of other versions.
@Suite struct PostgresServerTests {
    static let requires = Integration.postgres

    func server() throws -> PostgresLocation {
        try PostgresLocation(parsing: Integration.postgresOrFail(), passwordFile: nil, environment: [:])
    }

    /// The server's URL with another database, user or password.
    func url(database: String? = nil, password: String? = nil, port: Int? = nil) throws -> String {
        var components = try #require(URLComponents(string: try Integration.postgresOrFail()))
        if let database { components.path = "/\(database)" }
        if let password { components.password = password }
        if let port { components.port = port }
        return try #require(components.string)
    }

    func freshDatabase() async throws -> String {
        let name = "velodrome_fresh_\(UInt32.random(in: 0...UInt32.max))"
        try await PostgresDatabase.execute(["CREATE DATABASE \(name)"], at: try server(), logger: TestDatabase.quiet)
        return name
    }

    @Test(Self.requires) func refusalsExitOneWithOneLineAndNoPassword() async throws {
        let port = try server().port
        let cases: [(String, String)] = [
            (try url(password: "wrong-password"), "PostgreSQL at 127.0.0.1:\(port)/postgres: password authentication failed for user \"postgres\""),
            (try url(database: "velodrome_missing"), "PostgreSQL at 127.0.0.1:\(port)/velodrome_missing: database \"velodrome_missing\" does not exist"),
            ("postgres://velodrome:s3cret-pw@127.0.0.1:1/velodrome",
             "PostgreSQL at 127.0.0.1:1/velodrome: cannot connect: connection refused (is the server running and listening there?)"),
        ]
        for (database, message) in cases {
            let result = try await VelodromeProcess.run(["migrate", "--database", database])
            #expect(result.status == 1, "\(database)")
            #expect(result.stderr == "velodrome migrate: \(message)\n")
            for secret in ["wrong-password", "s3cret-pw", "velodrome-test-password"] {
                #expect(!result.stderr.contains(secret) && !result.stdout.contains(secret))
            }
        }
        let unparsable = try await VelodromeProcess.run(["migrate", "--database", "postgres://velodrome:s3cret-pw@/velodrome"])
        #expect(unparsable.status == 2)
        #expect(unparsable.stderr == "velodrome migrate: --database postgres://velodrome:***@/velodrome: names no host\n")
    }

    @Test(Self.requires) func processesStartingTogetherMigrateOnce() async throws {
        let database = try await freshDatabase()
        let target = try url(database: database)
        let processes = try (0..<4).map { _ in try VelodromeProcess.start(["migrate", "--database", target]) }
        for process in processes {
            let result = await process.finish()
            #expect(result.status == 0, "\(result.stderr)")
        }
        let location = try PostgresLocation(parsing: target, passwordFile: nil, environment: [:])
        let versions = try await PostgresDatabase.execute(["SELECT version FROM velodrome_schema"], at: location, logger: TestDatabase.quiet)
        #expect(versions.map(\.values) == [[.integer(MirrorSchema.version)]])
    }

    @Test(Self.requires) func newerDatabaseIsRefusedUntouched() async throws {
        let database = try await freshDatabase()
        let location = try PostgresLocation(parsing: try url(database: database), passwordFile: nil, environment: [:])
        try await PostgresDatabase.execute(["CREATE TABLE velodrome_schema (version BIGINT NOT NULL)", "INSERT INTO velodrome_schema VALUES (99)"],
                                           at: location, logger: TestDatabase.quiet)
        let result = try await VelodromeProcess.run(["migrate", "--database", try url(database: database)])
        #expect(result.status == 1)
        #expect(result.stderr == "velodrome migrate: database \(location) has schema version 99, newer than this velodrome knows (\(MirrorSchema.version)): run a newer velodrome\n")
        let tables = try await PostgresDatabase.execute(["SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"],
                                                        at: location, logger: TestDatabase.quiet)
        #expect(tables.map(\.values) == [[.integer(1)]])
    }
}
