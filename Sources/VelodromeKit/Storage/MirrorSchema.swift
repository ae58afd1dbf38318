/// The mirror's tables. Names and columns follow the original Velodrome, so existing SQL
/// queries keep working; extra columns are documented in docs/schema.md. The statements use
/// types and syntax that SQLite and PostgreSQL both accept ("user" is quoted: PostgreSQL reserves it).
package enum MirrorSchema {
    /// Each schema version's statements, in order: `migrations[n - 1]` brings a database from
    /// version n - 1 to n. Append a version for a change; never edit one that has shipped.
    static func migrations(_ dialect: SQLDialect) -> [[String]] {
        [version1(dialect), version2, version3]
    }

    package static var version: Int64 { Int64(migrations(.sqlite).count) }

    private static func version1(_ dialect: SQLDialect) -> [String] { [
        """
        CREATE TABLE IF NOT EXISTS issues (
            repository TEXT NOT NULL,
            id BIGINT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            "user" TEXT NOT NULL,
            state TEXT NOT NULL,
            comments BIGINT NOT NULL,
            is_pr BOOLEAN NOT NULL,
            issue_closed_at TEXT,
            issue_created_at TEXT NOT NULL,
            issue_updated_at TEXT NOT NULL,
            github_id BIGINT NOT NULL,
            pr_merged_at TEXT,
            PRIMARY KEY (repository, id)
        )
        """,
        "CREATE INDEX IF NOT EXISTS issues_by_update ON issues (repository, issue_updated_at)",
        "CREATE INDEX IF NOT EXISTS issues_by_creation ON issues (repository, issue_created_at, id)",
        """
        CREATE TABLE IF NOT EXISTS labels (
            repository TEXT NOT NULL,
            issue_id BIGINT NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (repository, issue_id, name)
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS assignees (
            repository TEXT NOT NULL,
            issue_id BIGINT NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (repository, issue_id, name)
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS issue_events (
            repository TEXT NOT NULL,
            id BIGINT NOT NULL,
            label TEXT,
            event TEXT NOT NULL,
            event_created_at TEXT NOT NULL,
            issue_id BIGINT NOT NULL,
            assignee TEXT,
            actor TEXT NOT NULL,
            PRIMARY KEY (repository, id)
        )
        """,
        "CREATE INDEX IF NOT EXISTS issue_events_by_time ON issue_events (repository, event_created_at, id)",
        """
        CREATE TABLE IF NOT EXISTS comments (
            repository TEXT NOT NULL,
            id BIGINT NOT NULL,
            issue_id BIGINT NOT NULL,
            body TEXT NOT NULL,
            "user" TEXT NOT NULL,
            comment_created_at TEXT NOT NULL,
            comment_updated_at TEXT NOT NULL,
            pull_request BOOLEAN NOT NULL,
            PRIMARY KEY (repository, pull_request, id)
        )
        """,
        "CREATE INDEX IF NOT EXISTS comments_by_time ON comments (repository, comment_created_at, id, pull_request)",
        """
        CREATE TABLE IF NOT EXISTS sync_state (
            repository TEXT NOT NULL PRIMARY KEY,
            watermark TEXT
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS sync_cursors (
            repository TEXT NOT NULL,
            list TEXT NOT NULL,
            cursor TEXT NOT NULL,
            PRIMARY KEY (repository, list)
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS transform_checkpoints (
            repository TEXT NOT NULL,
            metric TEXT NOT NULL,
            target TEXT NOT NULL,
            through TEXT NOT NULL,
            definition TEXT NOT NULL,
            state \(dialect.bytes) NOT NULL,
            PRIMARY KEY (repository, metric, target)
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS metric_points (
            measurement TEXT NOT NULL,
            repository TEXT NOT NULL,
            time BIGINT NOT NULL,
            fields TEXT NOT NULL,
            PRIMARY KEY (measurement, repository, time)
        )
        """,
    ] }

    /// count-tokens: where each login's quota of each resource stood at its last reading, and
    /// the last window recorded, so a restart (or the next `--once`) goes on from there and never
    /// records a window twice.
    private static let version2 = [
        """
        CREATE TABLE IF NOT EXISTS token_quotas (
            login TEXT NOT NULL,
            resource TEXT NOT NULL,
            quota_limit BIGINT NOT NULL,
            remaining BIGINT NOT NULL,
            used BIGINT NOT NULL,
            reset BIGINT NOT NULL,
            refilled BOOLEAN NOT NULL,
            last_recorded BIGINT,
            PRIMARY KEY (login, resource)
        )
        """,
    ]
}

extension MirrorSchema {
    /// GitHub's node ids of events and comments: GraphQL's timelines name events by node id
    /// only, so a history read there and increments read through REST meet on it. NULL in rows
    /// stored before; unique, so one event is never held twice (NULLs are distinct to both backends).
    fileprivate static let version3 = [
        "ALTER TABLE issue_events ADD COLUMN node_id TEXT",
        "ALTER TABLE comments ADD COLUMN node_id TEXT",
        "CREATE UNIQUE INDEX IF NOT EXISTS issue_events_by_node ON issue_events (repository, node_id)",
        "CREATE UNIQUE INDEX IF NOT EXISTS comments_by_node ON comments (repository, node_id)",
    ]
}

/// The writes, as multi-row statements: one round trip per table and page, not one per row.
extension MirrorSchema {
    static let upsertIssue = MultiRowInsert(
        """
        INSERT INTO issues (repository, id, title, body, "user", state, comments, is_pr, issue_closed_at,
        issue_created_at, issue_updated_at, github_id, pr_merged_at)
        """,
        columns: [.text, .integer, .text, .text, .text, .text, .integer, .boolean, .text, .text, .text, .integer, .text],
        key: [0, 1],
        then: """
        ON CONFLICT (repository, id) DO UPDATE SET
        title = excluded.title, body = excluded.body, "user" = excluded."user", state = excluded.state,
        comments = excluded.comments, is_pr = excluded.is_pr, issue_closed_at = excluded.issue_closed_at,
        issue_created_at = excluded.issue_created_at, issue_updated_at = excluded.issue_updated_at,
        github_id = excluded.github_id, pr_merged_at = excluded.pr_merged_at
        WHERE issues.issue_updated_at IS DISTINCT FROM excluded.issue_updated_at OR issues.title IS DISTINCT FROM excluded.title
        OR issues.body IS DISTINCT FROM excluded.body OR issues."user" IS DISTINCT FROM excluded."user" OR issues.state IS DISTINCT FROM excluded.state
        OR issues.comments IS DISTINCT FROM excluded.comments OR issues.is_pr IS DISTINCT FROM excluded.is_pr
        OR issues.issue_closed_at IS DISTINCT FROM excluded.issue_closed_at OR issues.issue_created_at IS DISTINCT FROM excluded.issue_created_at
        OR issues.github_id IS DISTINCT FROM excluded.github_id OR issues.pr_merged_at IS DISTINCT FROM excluded.pr_merged_at
        """
    )
    static let insertLabel = MultiRowInsert(
        """
        INSERT INTO labels (repository, issue_id, name)
        """,
        columns: [.text, .integer, .text],
        key: nil,
        then: """
        ON CONFLICT DO NOTHING
        """
    )
    static let insertAssignee = MultiRowInsert(
        """
        INSERT INTO assignees (repository, issue_id, name)
        """,
        columns: [.text, .integer, .text],
        key: nil,
        then: """
        ON CONFLICT DO NOTHING
        """
    )
    static let upsertEvent = MultiRowInsert(
        """
        INSERT INTO issue_events (repository, id, label, event, event_created_at, issue_id, assignee, actor, node_id)
        """,
        columns: [.text, .integer, .text, .text, .text, .integer, .text, .text, .text],
        key: [0, 1],
        then: """
        ON CONFLICT (repository, id) DO UPDATE SET
        label = excluded.label, event = excluded.event, event_created_at = excluded.event_created_at,
        issue_id = excluded.issue_id, assignee = excluded.assignee, actor = excluded.actor, node_id = excluded.node_id
        WHERE issue_events.label IS DISTINCT FROM excluded.label OR issue_events.event IS DISTINCT FROM excluded.event
        OR issue_events.event_created_at IS DISTINCT FROM excluded.event_created_at OR issue_events.issue_id IS DISTINCT FROM excluded.issue_id
        OR issue_events.assignee IS DISTINCT FROM excluded.assignee OR issue_events.actor IS DISTINCT FROM excluded.actor
        OR issue_events.node_id IS DISTINCT FROM excluded.node_id
        """
    )
    /// An event from a GraphQL timeline: stored unless its node is.
    static let insertTimelineEvent = MultiRowInsert(
        """
        INSERT INTO issue_events (repository, id, label, event, event_created_at, issue_id, assignee, actor, node_id)
        """,
        columns: [.text, .integer, .text, .text, .text, .integer, .text, .text, .text],
        key: nil,
        then: """
        ON CONFLICT (repository, node_id) DO NOTHING
        """
    )
    static let upsertComment = MultiRowInsert(
        """
        INSERT INTO comments (repository, id, issue_id, body, "user", comment_created_at, comment_updated_at, pull_request, node_id)
        """,
        columns: [.text, .integer, .integer, .text, .text, .text, .text, .boolean, .text],
        key: [0, 7, 1],
        then: """
        ON CONFLICT (repository, pull_request, id) DO UPDATE SET
        issue_id = excluded.issue_id, body = excluded.body, "user" = excluded."user",
        comment_created_at = excluded.comment_created_at, comment_updated_at = excluded.comment_updated_at, node_id = excluded.node_id
        WHERE comments.issue_id IS DISTINCT FROM excluded.issue_id OR comments.body IS DISTINCT FROM excluded.body
        OR comments."user" IS DISTINCT FROM excluded."user" OR comments.comment_created_at IS DISTINCT FROM excluded.comment_created_at
        OR comments.comment_updated_at IS DISTINCT FROM excluded.comment_updated_at OR comments.node_id IS DISTINCT FROM excluded.node_id
        """
    )
    static let upsertCursor = MultiRowInsert(
        """
        INSERT INTO sync_cursors (repository, list, cursor)
        """,
        columns: [.text, .text, .text],
        key: [0, 1],
        then: """
        ON CONFLICT (repository, list) DO UPDATE SET cursor = excluded.cursor
        """
    )
    static let upsertWatermark = MultiRowInsert(
        """
        INSERT INTO sync_state (repository, watermark)
        """,
        columns: [.text, .text],
        key: [0],
        then: """
        ON CONFLICT (repository) DO UPDATE SET watermark = excluded.watermark
        """
    )
    static let upsertCheckpoint = MultiRowInsert(
        """
        INSERT INTO transform_checkpoints (repository, metric, target, through, definition, state)
        """,
        columns: [.text, .text, .text, .text, .text, .bytes],
        key: [0, 1, 2],
        then: """
        ON CONFLICT (repository, metric, target) DO UPDATE SET
        through = excluded.through, definition = excluded.definition, state = excluded.state
        """
    )
    static let upsertPoint = MultiRowInsert(
        insertPoint.head, columns: insertPoint.columns, key: insertPoint.key,
        then: """
        ON CONFLICT (measurement, repository, time) DO UPDATE SET fields = excluded.fields
        """
    )
    /// Points are new but for those re-sent after a failed write: a plain INSERT spares
    /// PostgreSQL the upsert's speculative insertion, half its cost, while none is there.
    static let insertPoint = MultiRowInsert(
        """
        INSERT INTO metric_points (measurement, repository, time, fields)
        """,
        columns: [.text, .text, .integer, .text],
        key: [0, 1, 2],
        then: ""
    )
    static let upsertTokenQuota = MultiRowInsert(
        """
        INSERT INTO token_quotas (login, resource, quota_limit, remaining, used, reset, refilled, last_recorded)
        """,
        columns: [.text, .text, .integer, .integer, .integer, .integer, .boolean, .integer],
        key: [0, 1],
        then: """
        ON CONFLICT (login, resource) DO UPDATE SET quota_limit = excluded.quota_limit, remaining = excluded.remaining,
            used = excluded.used, reset = excluded.reset, refilled = excluded.refilled, last_recorded = excluded.last_recorded
        """
    )
}
