/// The mirror, its checkpoints and its embedded points in a SQL database: one implementation of
/// `MirrorStore` and `MetricPointStore` for both backends, so SQLite and PostgreSQL give the
/// same results from the same statements.
package final class SQLMirrorStore: MirrorStore, MetricPointStore {
    package let database: any SQLDatabase

    package init(database: any SQLDatabase) {
        self.database = database
    }

    /// The mirror in a SQLite file, created or upgraded.
    package convenience init(sqlitePath path: String) throws {
        self.init(database: try SQLiteDatabase(path: path))
    }

    // MARK: Written by fetch

    package func syncState(repository: String) async throws -> RepositorySyncState {
        try await database.read { session in
            var state = RepositorySyncState()
            for row in try await session.rows("SELECT list, cursor FROM sync_cursors WHERE repository = $1", [.text(repository)]) {
                state.cursors[try row.text(0)] = try row.text(1)
            }
            let watermark = try await session.rows("SELECT watermark FROM sync_state WHERE repository = $1", [.text(repository)])
            state.watermark = try watermark.first?.optionalTimestamp(0)
            return state
        }
    }

    package func apply(_ batch: MirrorBatch, repository: String) async throws -> Int {
        try await database.transaction { session in
            let name = SQLValue.text(repository)
            var written = 0
            if !batch.issues.isEmpty {
                written += try await MirrorSchema.upsertIssue.run(batch.issues.map { issue in
                    [name, .integer(issue.number), .text(issue.title), .text(issue.body), .text(issue.user),
                     .text(issue.state), .integer(issue.comments), .boolean(issue.isPullRequest), .optional(issue.closedAt),
                     .time(issue.createdAt), .time(issue.updatedAt), .integer(issue.githubID), .optional(issue.mergedAt)]
                }, in: session, counting: true)
                // Labels and assignees are replaced whole for every issue of the page.
                try await Self.replace("labels", MirrorSchema.insertLabel, of: batch.issues, name, in: session) { $0.labels }
                try await Self.replace("assignees", MirrorSchema.insertAssignee, of: batch.issues, name, in: session) { $0.assignees }
            }
            if !batch.events.isEmpty {
                // An event read before from a GraphQL timeline gives way to its REST row.
                try await Self.deleteSurrogates(of: batch.events.compactMap(\.nodeID), name, in: session)
                written += try await MirrorSchema.upsertEvent.run(batch.events.map { Self.row($0, name) }, in: session, counting: true)
            }
            if !batch.timelineEvents.isEmpty {
                try await Self.adoptStoredRows(of: batch.timelineEvents, name, in: session)
                written += try await MirrorSchema.insertTimelineEvent.run(batch.timelineEvents.map { Self.row($0, name) }, in: session, counting: true)
            }
            if !batch.comments.isEmpty {
                written += try await MirrorSchema.upsertComment.run(batch.comments.map { comment in
                    [name, .integer(comment.id), .integer(comment.issueNumber), .text(comment.body), .text(comment.user),
                     .time(comment.createdAt), .time(comment.updatedAt), .boolean(comment.isReviewComment), .optional(comment.nodeID)]
                }, in: session, counting: true)
            }
            try await MirrorSchema.upsertCursor.run(batch.cursors.sorted { $0.key < $1.key }.map { [name, .text($0.key), .text($0.value)] }, in: session)
            if let watermark = batch.watermark {
                try await MirrorSchema.upsertWatermark.run([[name, .time(watermark)]], in: session)
            }
            return written
        }
    }

    /// `$2, $3, ...`: the placeholders of `count` values bound after the first `after`, for `IN (...)`.
    private static func parameters(_ count: Int, after: Int) -> String {
        (0..<count).map { "$\($0 + after + 1)" }.joined(separator: ", ")
    }

    private static func row(_ event: EventRecord, _ name: SQLValue) -> [SQLValue] {
        [name, .integer(event.id), .optional(event.label), .text(event.event), .time(event.createdAt),
         .integer(event.issueNumber), .optional(event.assignee), .text(event.actor), .optional(event.nodeID)]
    }

    private static func deleteSurrogates(of nodeIDs: [String], _ name: SQLValue, in session: any SQLSession) async throws {
        for chunk in nodeIDs.chunks(of: MultiRowInsert.rowsPerStatement) {
            let list = Self.parameters(chunk.count, after: 1)
            try await session.run("DELETE FROM issue_events WHERE repository = $1 AND id < 0 AND node_id IN (\(list))", [name] + chunk.map { .text($0) })
        }
    }

    /// Rows an older Velodrome stored without node ids are the same events as a timeline's when
    /// all they hold agrees; they take the node id instead of being stored twice. A mirror made
    /// with node ids has none, and pays one query a batch.
    private static func adoptStoredRows(of events: [EventRecord], _ name: SQLValue, in session: any SQLSession) async throws {
        let issues = Array(Set(events.map(\.issueNumber))).sorted()
        var legacy = false
        for chunk in issues.chunks(of: MultiRowInsert.rowsPerStatement) where !legacy {
            let list = Self.parameters(chunk.count, after: 1)
            legacy = try await !session.rows("""
                SELECT 1 FROM issue_events WHERE repository = $1 AND node_id IS NULL AND issue_id IN (\(list)) LIMIT 1
                """, [name] + chunk.map { .integer($0) }).isEmpty
        }
        guard legacy else { return }
        for event in events {
            try await session.run("""
                UPDATE issue_events SET node_id = $2 WHERE id = (
                    SELECT id FROM issue_events WHERE repository = $1 AND node_id IS NULL AND issue_id = $3 AND event = $4
                    AND event_created_at = $5 AND actor = $6 AND label IS NOT DISTINCT FROM $7 AND assignee IS NOT DISTINCT FROM $8
                    ORDER BY id LIMIT 1) AND repository = $1
                """, [name, .optional(event.nodeID), .integer(event.issueNumber), .text(event.event), .time(event.createdAt), .text(event.actor),
                      .optional(event.label), .optional(event.assignee)])
        }
    }

    private static func replace(_ table: String, _ insert: MultiRowInsert, of issues: [IssueRecord], _ name: SQLValue,
                                in session: any SQLSession, _ values: (IssueRecord) -> [String]) async throws {
        for chunk in issues.chunks(of: MultiRowInsert.rowsPerStatement) {
            let list = Self.parameters(chunk.count, after: 1)
            try await session.run("DELETE FROM \(table) WHERE repository = $1 AND issue_id IN (\(list))", [name] + chunk.map { .integer($0.number) })
        }
        try await insert.run(issues.flatMap { issue in values(issue).map { [name, .integer(issue.number), .text($0)] } }, in: session)
    }

    package func issueNumbers(repository: String, createdBy: Timestamp, updatedSince: Timestamp?, after: Int64, limit: Int) async throws
        -> [(number: Int64, isPullRequest: Bool)] {
        try await database.read { session in
            try await session.rows("""
                SELECT id, is_pr FROM issues WHERE repository = $1 AND issue_created_at <= $2 AND issue_updated_at >= $3 AND id > $4
                ORDER BY id LIMIT $5
                """, [.text(repository), .time(createdBy), .time(updatedSince ?? Timestamp.goZero), .integer(after), .integer(Int64(limit))])
            .map { (try $0.int64(0), try $0.bool(1)) }
        }
    }

    // MARK: Read by transform

    package func issueSummaries(repository: String) async throws -> [IssueSummary] {
        try await database.read { session in
            try await session.rows("SELECT id, \"user\", is_pr FROM issues WHERE repository = $1 ORDER BY id", [.text(repository)]).map {
                IssueSummary(number: try $0.int64(0), author: try $0.text(1), isPullRequest: try $0.bool(2))
            }
        }
    }

    package func activity(repository: String, from: Timestamp?, until: Timestamp, needs: ActivityNeeds = .everything) async throws -> any ActivityCursor {
        SQLActivityCursor(snapshot: try await database.snapshot(), repository: repository, from: from ?? Timestamp.goZero, until: until, needs: needs)
    }

    package func checkpoints(repository: String, target: String) async throws -> [String: MetricCheckpoint] {
        try await database.read { session in
            var checkpoints: [String: MetricCheckpoint] = [:]
            for row in try await session.rows("""
                SELECT metric, through, definition, state FROM transform_checkpoints WHERE repository = $1 AND target = $2
                """, [.text(repository), .text(target)]) {
                checkpoints[try row.text(0)] = MetricCheckpoint(through: try row.timestamp(1), definition: try row.text(2), state: try row.blob(3))
            }
            return checkpoints
        }
    }

    package func saveCheckpoints(_ checkpoints: [String: MetricCheckpoint], repository: String, target: String) async throws {
        try await database.transaction { session in
            _ = try await MirrorSchema.upsertCheckpoint.run(checkpoints.sorted { $0.key < $1.key }.map { metric, checkpoint in
                [.text(repository), .text(metric), .text(target), .time(checkpoint.through), .text(checkpoint.definition), .blob(checkpoint.state)]
            }, in: session)
        }
    }

    package func deleteCheckpoint(repository: String, metric: String, target: String) async throws {
        try await database.transaction { session in
            try await session.run("DELETE FROM transform_checkpoints WHERE repository = $1 AND metric = $2 AND target = $3",
                                  [.text(repository), .text(metric), .text(target)])
        }
    }

    // MARK: Token windows (count-tokens)

    /// Each login's quota of each resource as count-tokens last read it.
    package func savedQuotaWindows() async throws -> [TokenSeries: QuotaWindows] {
        try await database.read { session in
            var windows: [TokenSeries: QuotaWindows] = [:]
            for row in try await session.rows("SELECT login, resource, quota_limit, remaining, used, reset, refilled, last_recorded FROM token_quotas", []) {
                let reading = QuotaReading(limit: Int(try row.int64(2)), remaining: Int(try row.int64(3)), used: Int(try row.int64(4)),
                                           reset: try row.int64(5))
                windows[TokenSeries(login: try row.text(0), resource: try row.text(1))] =
                    QuotaWindows(current: reading, refilled: try row.bool(6), lastRecorded: try row.optionalInt64(7))
            }
            return windows
        }
    }

    package func saveQuotaWindows(_ windows: [TokenSeries: QuotaWindows]) async throws {
        let rows: [[SQLValue]] = windows.sorted { ($0.key.login, $0.key.resource) < ($1.key.login, $1.key.resource) }.compactMap { series, windows in
            guard let reading = windows.current else { return nil }
            return [.text(series.login), .text(series.resource), .integer(Int64(reading.limit)), .integer(Int64(reading.remaining)),
                    .integer(Int64(reading.used)), .integer(reading.reset), .boolean(windows.refilled), windows.lastRecorded.map { .integer($0) } ?? .null]
        }
        guard !rows.isEmpty else { return }
        try await database.transaction { session in
            _ = try await MirrorSchema.upsertTokenQuota.run(rows, in: session)
        }
    }

    // MARK: Embedded metric points

    /// Inserts the points; where one is there already (a re-sent batch), writes them all again
    /// as an upsert, the new values winning.
    package func writePoints(_ points: [MetricPoint]) async throws {
        guard !points.isEmpty else { return }
        let rows: [[SQLValue]] = points.map { point in
            [.text(point.measurement), .text(point.series), .integer(point.time), .text(PointFieldsJSON.encode(point.fields))]
        }
        do {
            try await database.transaction { session in _ = try await MirrorSchema.insertPoint.run(rows, in: session) }
        } catch let error as StorageError where error.duplicateKey {
            try await database.transaction { session in _ = try await MirrorSchema.upsertPoint.run(rows, in: session) }
        }
    }

    package func deletePoints(measurement: String, repository: String) async throws {
        try await database.transaction { session in
            try await session.run("DELETE FROM metric_points WHERE measurement = $1 AND repository = $2", [.text(measurement), .text(repository)])
        }
    }

    /// The series of a measurement in the embedded store, as `points` takes them.
    package func series(measurement: String) async throws -> [String] {
        try await database.read { session in
            try await session.rows("SELECT DISTINCT repository FROM metric_points WHERE measurement = $1 ORDER BY repository", [.text(measurement)]).map { try $0.text(0) }
        }
    }

    package func points(measurement: String, repository: String) async throws -> [MetricPoint] {
        try await database.read { session in
            try await session.rows("SELECT time, fields FROM metric_points WHERE measurement = $1 AND repository = $2 ORDER BY time",
                                   [.text(measurement), .text(repository)]).map {
                MetricPoint(measurement: measurement, series: repository, time: try $0.int64(0), fields: try PointFieldsJSON.decode(try $0.text(1)))
            }
        }
    }

    // MARK: Read by tests and tools

    package func issues(repository: String) async throws -> [IssueRecord] {
        try await database.read { session in
            let labels = try await Self.names(session, table: "labels", repository: repository)
            let assignees = try await Self.names(session, table: "assignees", repository: repository)
            return try await session.rows("""
                SELECT id, github_id, title, body, "user", state, comments, is_pr, issue_closed_at, issue_created_at,
                       issue_updated_at, pr_merged_at
                FROM issues WHERE repository = $1 ORDER BY id
                """, [.text(repository)]).map { row in
                let number = try row.int64(0)
                return IssueRecord(
                    number: number, githubID: try row.int64(1), title: try row.text(2), body: try row.text(3),
                    user: try row.text(4), state: try row.text(5), comments: try row.int64(6),
                    isPullRequest: try row.bool(7), closedAt: try row.optionalTimestamp(8), createdAt: try row.timestamp(9),
                    updatedAt: try row.timestamp(10), mergedAt: try row.optionalTimestamp(11),
                    labels: labels[number] ?? [], assignees: assignees[number] ?? [])
            }
        }
    }

    private static func names(_ session: any SQLSession, table: String, repository: String) async throws -> [Int64: [String]] {
        var names: [Int64: [String]] = [:]
        for row in try await session.rows("SELECT issue_id, name FROM \(table) WHERE repository = $1 ORDER BY issue_id, name", [.text(repository)]) {
            names[try row.int64(0), default: []].append(try row.text(1))
        }
        return names
    }

    package func events(repository: String) async throws -> [EventRecord] {
        try await database.read { session in
            try await session.rows("""
                SELECT id, issue_id, event, label, assignee, actor, event_created_at, node_id FROM issue_events
                WHERE repository = $1 ORDER BY id
                """, [.text(repository)]).map { row in
                EventRecord(id: try row.int64(0), nodeID: try row.optionalText(7), issueNumber: try row.int64(1), event: try row.text(2),
                            label: try row.optionalText(3), assignee: try row.optionalText(4), actor: try row.text(5), createdAt: try row.timestamp(6))
            }
        }
    }

    package func comments(repository: String) async throws -> [CommentRecord] {
        try await database.read { session in
            try await session.rows("""
                SELECT id, issue_id, body, "user", comment_created_at, comment_updated_at, pull_request, node_id FROM comments
                WHERE repository = $1 ORDER BY pull_request, id
                """, [.text(repository)]).map { row in
                CommentRecord(id: try row.int64(0), nodeID: try row.optionalText(7), issueNumber: try row.int64(1), body: try row.text(2), user: try row.text(3),
                              createdAt: try row.timestamp(4), updatedAt: try row.timestamp(5), isReviewComment: try row.bool(6))
            }
        }
    }
}
