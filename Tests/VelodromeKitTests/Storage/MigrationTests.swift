import Foundation
import Testing
@testable import VelodromeKit

/// A database made by an older Velodrome is upgraded in place, its rows intact.
@Suite struct MigrationTests {
    /// Today's schema, then a later version that adds a column, as a future release would.
    static let today = MirrorSchema.migrations(.sqlite).count
    static func upgraded(_ dialect: SQLDialect) -> [[String]] {
        MirrorSchema.migrations(dialect) + [["ALTER TABLE issues ADD COLUMN milestone TEXT", "CREATE INDEX issues_by_milestone ON issues (repository, milestone)"]]
    }

    static func batch() -> MirrorBatch {
        var batch = MirrorBatch()
        batch.issues = [IssueRecord(number: 7, githubID: 1 << 40, title: "kept", body: "", user: "alice", state: "open", comments: 0,
                                    isPullRequest: true, closedAt: nil, createdAt: Timestamp(seconds: 1_700_000_000),
                                    updatedAt: Timestamp(seconds: 1_700_000_100), mergedAt: nil, labels: ["lgtm"], assignees: [])]
        batch.cursors = ["issues": "{}"]
        batch.watermark = Timestamp(seconds: 1_700_000_200)
        return batch
    }

    @Test(arguments: Backend.all) func olderDatabaseIsUpgradedInPlace(backend: Backend) async throws {
        let directory = try TemporaryDirectory()
        try await TestDatabase.with(backend, in: directory, name: "upgrade") { database in
            // The database as today's release leaves it, with rows in it.
            try await database.store.apply(Self.batch(), repository: "acme/widgets")
            let dialect: SQLDialect = backend == .sqlite ? .sqlite : .postgres
            let upgraded = try await Self.reopen(database, migrations: Self.upgraded(dialect))
            #expect(try await upgraded.issues(repository: "acme/widgets") == Self.batch().issues)
            #expect(try await upgraded.syncState(repository: "acme/widgets") == RepositorySyncState(cursors: ["issues": "{}"], watermark: Timestamp(seconds: 1_700_000_200)))
            let milestones = try await upgraded.database.read { try await $0.rows("SELECT milestone FROM issues", []) }
            #expect(milestones.map(\.values) == [[.null]])
            let version = try await upgraded.database.read { session in
                try await session.rows(backend == .sqlite ? "PRAGMA user_version" : "SELECT max(version) FROM velodrome_schema", [])
            }
            #expect(version.map(\.values) == [[.integer(Int64(Self.today + 1))]])
            // Today's binary refuses the upgraded database rather than damage it.
            await #expect(throws: StorageError.self) { _ = try await Self.reopen(database, migrations: MirrorSchema.migrations(dialect)) }
        }
    }

    /// The same database opened again with another list of migrations.
    static func reopen(_ database: TestDatabase, migrations: [[String]]) async throws -> SQLMirrorStore {
        switch try DatabaseLocation(parsing: database.url) {
        case .sqlite(let path):
            return SQLMirrorStore(database: try SQLiteDatabase(path: path, migrations: migrations))
        case .postgres(let location):
            let opened = try await PostgresDatabase.open(location, logger: TestDatabase.quiet, migrations: migrations)
            // Its pool must run for the reads that follow; the test's process ends it.
            Task { try await opened.service.run() }
            return SQLMirrorStore(database: opened)
        }
    }
}
