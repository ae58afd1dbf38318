import Foundation

/// The mirror in a SQLite file, through the system libsqlite3.
///
/// One connection, on a thread of its own (`SQLiteExecutor`): SQLite serialises writers anyway,
/// and the stages of one process work one page or batch at a time.
package final class SQLiteMirrorStore: MirrorStore, MetricPointStore {
    private let executor: SQLiteExecutor<SQLiteConnection>
    private let path: String

    package init(path: String) throws(StorageError) {
        self.path = path
        let connection = try SQLiteConnection(path: path)
        try Self.migrate(connection)
        executor = SQLiteExecutor(connection, label: "mirror")
    }

    func locked<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await executor.run { try body($0) }
    }

    private static func migrate(_ connection: SQLiteConnection) throws(StorageError) {
        let statement = try connection.prepare("PRAGMA user_version")
        let version = try statement.step() ? statement.int64(0) : 0
        statement.reset()
        guard version < MirrorSchema.version else {
            if version > MirrorSchema.version {
                throw StorageError("database \(connection.path) has schema version \(version), newer than this velodrome knows (\(MirrorSchema.version))")
            }
            return
        }
        do {
            try connection.transaction {
                for sql in MirrorSchema.tables { try connection.execute(sql) }
                try connection.execute("PRAGMA user_version = \(MirrorSchema.version)")
            }
        } catch {
            throw error as? StorageError ?? StorageError("\(error)")
        }
    }

    package func syncState(repository: String) async throws -> RepositorySyncState {
        try await locked { connection in
            var state = RepositorySyncState()
            let cursors = try connection.prepare("SELECT list, cursor FROM sync_cursors WHERE repository = $1").bind(.text(repository))
            while try cursors.step() { state.cursors[cursors.text(0)!] = cursors.text(1)! }
            let watermark = try connection.prepare("SELECT watermark FROM sync_state WHERE repository = $1").bind(.text(repository))
            if try watermark.step() { state.watermark = watermark.timestamp(0) }
            watermark.reset()
            return state
        }
    }

    package func apply(_ batch: MirrorBatch, repository: String) async throws -> Int {
        try await locked { connection in
            try connection.transaction {
                var written = 0
                let name = SQLValue.text(repository)
                for issue in batch.issues {
                    try connection.prepare(MirrorSchema.upsertIssue).bind(
                        name, .integer(issue.number), .text(issue.title), .text(issue.body), .text(issue.user),
                        .text(issue.state), .integer(issue.comments), .bool(issue.isPullRequest), .optional(issue.closedAt),
                        .time(issue.createdAt), .time(issue.updatedAt), .integer(issue.githubID), .optional(issue.mergedAt)
                    ).run()
                    written += connection.changes
                    try connection.prepare(MirrorSchema.deleteLabels).bind(name, .integer(issue.number)).run()
                    for label in issue.labels {
                        try connection.prepare(MirrorSchema.insertLabel).bind(name, .integer(issue.number), .text(label)).run()
                    }
                    try connection.prepare(MirrorSchema.deleteAssignees).bind(name, .integer(issue.number)).run()
                    for assignee in issue.assignees {
                        try connection.prepare(MirrorSchema.insertAssignee).bind(name, .integer(issue.number), .text(assignee)).run()
                    }
                }
                for event in batch.events {
                    try connection.prepare(MirrorSchema.upsertEvent).bind(
                        name, .integer(event.id), .optional(event.label), .text(event.event), .time(event.createdAt),
                        .integer(event.issueNumber), .optional(event.assignee), .text(event.actor)
                    ).run()
                    written += connection.changes
                }
                for comment in batch.comments {
                    try connection.prepare(MirrorSchema.upsertComment).bind(
                        name, .integer(comment.id), .integer(comment.issueNumber), .text(comment.body), .text(comment.user),
                        .time(comment.createdAt), .time(comment.updatedAt), .bool(comment.isReviewComment)
                    ).run()
                    written += connection.changes
                }
                for (list, cursor) in batch.cursors.sorted(by: { $0.key < $1.key }) {
                    try connection.prepare(MirrorSchema.upsertCursor).bind(name, .text(list), .text(cursor)).run()
                }
                if let watermark = batch.watermark {
                    try connection.prepare(MirrorSchema.upsertWatermark).bind(name, .time(watermark)).run()
                }
                return written
            }
        }
    }

    package func issueNumbers(repository: String, createdBy: Timestamp, updatedSince: Timestamp?, after: Int64, limit: Int) async throws -> [Int64] {
        try await locked { connection in
            let statement = try connection.prepare("""
                SELECT id FROM issues WHERE repository = $1 AND issue_created_at <= $2 AND issue_updated_at >= $3 AND id > $4
                ORDER BY id LIMIT $5
                """).bind(.text(repository), .time(createdBy), .text((updatedSince ?? Timestamp.goZero).sql), .integer(after), .integer(Int64(limit)))
            var numbers: [Int64] = []
            while try statement.step() { numbers.append(statement.int64(0)) }
            return numbers
        }
    }

    package func issues(repository: String) async throws -> [IssueRecord] {
        try await locked { connection in
            let labels = try Self.names(connection, table: "labels", repository: repository)
            let assignees = try Self.names(connection, table: "assignees", repository: repository)
            let statement = try connection.prepare("""
                SELECT id, github_id, title, body, "user", state, comments, is_pr, issue_closed_at, issue_created_at,
                       issue_updated_at, pr_merged_at
                FROM issues WHERE repository = $1 ORDER BY id
                """).bind(.text(repository))
            var issues: [IssueRecord] = []
            while try statement.step() {
                let number = statement.int64(0)
                issues.append(IssueRecord(
                    number: number, githubID: statement.int64(1), title: statement.text(2)!, body: statement.text(3)!,
                    user: statement.text(4)!, state: statement.text(5)!, comments: statement.int64(6),
                    isPullRequest: statement.int64(7) != 0, closedAt: statement.timestamp(8), createdAt: statement.timestamp(9)!,
                    updatedAt: statement.timestamp(10)!, mergedAt: statement.timestamp(11),
                    labels: labels[number] ?? [], assignees: assignees[number] ?? []
                ))
            }
            return issues
        }
    }

    private static func names(_ connection: SQLiteConnection, table: String, repository: String) throws -> [Int64: [String]] {
        let statement = try connection.prepare("SELECT issue_id, name FROM \(table) WHERE repository = $1 ORDER BY issue_id, name").bind(.text(repository))
        var names: [Int64: [String]] = [:]
        while try statement.step() { names[statement.int64(0), default: []].append(statement.text(1)!) }
        return names
    }

    package func events(repository: String) async throws -> [EventRecord] {
        try await locked { connection in
            let statement = try connection.prepare("""
                SELECT id, issue_id, event, label, assignee, actor, event_created_at FROM issue_events
                WHERE repository = $1 ORDER BY id
                """).bind(.text(repository))
            var events: [EventRecord] = []
            while try statement.step() {
                events.append(EventRecord(id: statement.int64(0), issueNumber: statement.int64(1), event: statement.text(2)!,
                                          label: statement.text(3), assignee: statement.text(4), actor: statement.text(5)!,
                                          createdAt: statement.timestamp(6)!))
            }
            return events
        }
    }

    package func comments(repository: String) async throws -> [CommentRecord] {
        try await locked { connection in
            let statement = try connection.prepare("""
                SELECT id, issue_id, body, "user", comment_created_at, comment_updated_at, pull_request FROM comments
                WHERE repository = $1 ORDER BY pull_request, id
                """).bind(.text(repository))
            var comments: [CommentRecord] = []
            while try statement.step() {
                comments.append(CommentRecord(id: statement.int64(0), issueNumber: statement.int64(1), body: statement.text(2)!,
                                              user: statement.text(3)!, createdAt: statement.timestamp(4)!,
                                              updatedAt: statement.timestamp(5)!, isReviewComment: statement.int64(6) != 0))
            }
            return comments
        }
    }

    // MARK: Transform

    package func issueSummaries(repository: String) async throws -> [IssueSummary] {
        try await locked { connection in
            let statement = try connection.prepare("SELECT id, \"user\", is_pr FROM issues WHERE repository = $1 ORDER BY id").bind(.text(repository))
            var summaries: [IssueSummary] = []
            while try statement.step() {
                summaries.append(IssueSummary(number: statement.int64(0), author: statement.text(1)!, isPullRequest: statement.int64(2) != 0))
            }
            return summaries
        }
    }

    package func activity(repository: String, from: Timestamp?, until: Timestamp) async throws -> any ActivityCursor {
        try SQLiteActivityCursor(path: path, repository: repository, from: from, until: until)
    }

    package func checkpoints(repository: String, target: String) async throws -> [String: MetricCheckpoint] {
        try await locked { connection in
            let statement = try connection.prepare("""
                SELECT metric, through, definition, state FROM transform_checkpoints WHERE repository = $1 AND target = $2
                """).bind(.text(repository), .text(target))
            var checkpoints: [String: MetricCheckpoint] = [:]
            while try statement.step() {
                checkpoints[statement.text(0)!] = MetricCheckpoint(through: statement.timestamp(1)!, definition: statement.text(2)!, state: statement.blob(3))
            }
            return checkpoints
        }
    }

    package func saveCheckpoints(_ checkpoints: [String: MetricCheckpoint], repository: String, target: String) async throws {
        try await locked { connection in
            try connection.transaction {
                for (metric, checkpoint) in checkpoints.sorted(by: { $0.key < $1.key }) {
                    try connection.prepare(MirrorSchema.upsertCheckpoint).bind(
                        .text(repository), .text(metric), .text(target), .time(checkpoint.through), .text(checkpoint.definition), .blob(checkpoint.state)
                    ).run()
                }
            }
        }
    }

    package func deleteCheckpoint(repository: String, metric: String, target: String) async throws {
        try await locked { connection in
            try connection.prepare("DELETE FROM transform_checkpoints WHERE repository = $1 AND metric = $2 AND target = $3")
                .bind(.text(repository), .text(metric), .text(target)).run()
        }
    }

    // MARK: Embedded metric points

    package func writePoints(_ points: [MetricPoint]) async throws {
        try await locked { connection in
            try connection.transaction {
                for point in points {
                    try connection.prepare(MirrorSchema.upsertPoint).bind(
                        .text(point.measurement), .text(point.repository), .integer(point.time), .text(PointFieldsJSON.encode(point.fields))
                    ).run()
                }
            }
        }
    }

    package func deletePoints(measurement: String, repository: String) async throws {
        try await locked { connection in
            try connection.prepare("DELETE FROM metric_points WHERE measurement = $1 AND repository = $2")
                .bind(.text(measurement), .text(repository)).run()
        }
    }

    package func points(measurement: String, repository: String) async throws -> [MetricPoint] {
        try await locked { connection in
            let statement = try connection.prepare("""
                SELECT time, fields FROM metric_points WHERE measurement = $1 AND repository = $2 ORDER BY time
                """).bind(.text(measurement), .text(repository))
            var points: [MetricPoint] = []
            while try statement.step() {
                points.append(MetricPoint(measurement: measurement, repository: repository, time: statement.int64(0),
                                          fields: try PointFieldsJSON.decode(statement.text(1)!)))
            }
            return points
        }
    }
}
