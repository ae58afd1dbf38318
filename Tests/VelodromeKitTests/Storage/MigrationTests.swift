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

    /// A mirror of schema version 2 (before node ids): its events and comments keep their rows, a
    /// GraphQL timeline's copy of a stored event takes its row instead of doubling it, and REST
    /// reading it again changes nothing.
    @Test(arguments: Backend.all) func aMirrorWithoutNodeIDsGetsThemWithoutDoubling(backend: Backend) async throws {
        let directory = try TemporaryDirectory()
        try await TestDatabase.with(backend, in: directory, name: "nodes") { database in
            let dialect: SQLDialect = backend == .sqlite ? .sqlite : .postgres
            try await database.store.database.transaction { session in
                for statement in ["DROP INDEX issue_events_by_node", "DROP INDEX comments_by_node",
                                  "ALTER TABLE issue_events DROP COLUMN node_id", "ALTER TABLE comments DROP COLUMN node_id",
                                  backend == .sqlite ? "PRAGMA user_version = 2" : "DELETE FROM velodrome_schema WHERE version > 2",
                                  """
                                  INSERT INTO issue_events (repository, id, label, event, event_created_at, issue_id, assignee, actor)
                                  VALUES ('acme/widgets', 12000000001, 'lgtm', 'labeled', '2023-11-14 22:13:20', 7, NULL, 'alice')
                                  """,
                                  """
                                  INSERT INTO comments (repository, id, issue_id, body, "user", comment_created_at, comment_updated_at, pull_request)
                                  VALUES ('acme/widgets', 5000000001, 7, 'hi', 'bob', '2023-11-14 22:13:20', '2023-11-14 22:13:20', false)
                                  """] {
                    try await session.run(statement, [])
                }
            }
            let store = try await Self.reopen(database, migrations: MirrorSchema.migrations(dialect))
            let time = Timestamp(seconds: 1_700_000_000)
            let stored = EventRecord(id: 12_000_000_001, issueNumber: 7, event: "labeled", label: "lgtm", assignee: nil, actor: "alice", createdAt: time)
            #expect(try await store.events(repository: "acme/widgets") == [stored])
            #expect(try await store.comments(repository: "acme/widgets").map(\.nodeID) == [nil])

            var timeline = MirrorBatch()
            timeline.timelineEvents = [("LE_1", "labeled", "lgtm"), ("UE_2", "unlabeled", "lgtm")].map { node, kind, label in
                EventRecord(id: EventRecord.surrogateID(nodeID: node), nodeID: node, issueNumber: 7, event: kind, label: label, assignee: nil,
                            actor: "alice", createdAt: time)
            }
            #expect(try await store.apply(timeline, repository: "acme/widgets") == 1)
            var adopted = stored
            adopted.nodeID = "LE_1"
            let unlabeled = timeline.timelineEvents[1]
            #expect(try await store.events(repository: "acme/widgets") == [unlabeled, adopted])

            // REST reads both again: the stored row is updated in place, the surrogate gives way.
            var rest = MirrorBatch()
            rest.events = [adopted, EventRecord(id: 12_000_000_002, nodeID: "UE_2", issueNumber: 7, event: "unlabeled", label: "lgtm", assignee: nil,
                                                actor: "alice", createdAt: time)]
            _ = try await store.apply(rest, repository: "acme/widgets")
            #expect(try await store.events(repository: "acme/widgets") == rest.events)
            // And a timeline read after REST changes nothing.
            #expect(try await store.apply(timeline, repository: "acme/widgets") == 0)
            #expect(try await store.events(repository: "acme/widgets") == rest.events)
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
