/// Reads a repository's activity in transform's order from one snapshot of the mirror, on a
/// connection and a thread of its own, so writes on the store's connection go on meanwhile.
final class SQLiteActivityCursor: ActivityCursor {
    private let executor: SQLiteExecutor<SQLiteActivityReader>

    init(path: String, repository: String, from: Timestamp?, until: Timestamp) throws {
        executor = SQLiteExecutor(try SQLiteActivityReader(path: path, repository: repository, from: from, until: until), label: "activity")
    }

    func next(limit: Int) async throws -> [ActivityRow] {
        try await executor.run { try $0.next(limit: limit) }
    }
}

/// Three index-ordered queries (issues by creation, events, comments) merged as they are read;
/// the read transaction ends when the reader is released.
final class SQLiteActivityReader {
    /// Orders rows of one second: `opened` first, then events, then comments; then by id.
    private struct Key: Comparable {
        let time: Int64, rank: Int, id: Int64, review: Bool
        static func < (a: Key, b: Key) -> Bool { (a.time, a.rank, a.id, a.review ? 1 : 0) < (b.time, b.rank, b.id, b.review ? 1 : 0) }
    }

    private let connection: SQLiteConnection
    private var statements: [SQLiteStatement] = []
    private var heads: [(key: Key, row: ActivityRow)?] = []

    init(path: String, repository: String, from: Timestamp?, until: Timestamp) throws {
        connection = try SQLiteConnection(path: path)
        try connection.execute("BEGIN")
        let bounds: [SQLValue] = [.text(repository), .text((from ?? Timestamp.goZero).sql), .time(until)]
        for sql in [
            "SELECT id, \"user\", issue_created_at FROM issues WHERE repository = $1 AND issue_created_at >= $2 AND issue_created_at < $3 ORDER BY issue_created_at, id",
            "SELECT id, issue_id, event, label, actor, event_created_at FROM issue_events WHERE repository = $1 AND event_created_at >= $2 AND event_created_at < $3 ORDER BY event_created_at, id",
            "SELECT id, pull_request, issue_id, \"user\", body, comment_created_at FROM comments WHERE repository = $1 AND comment_created_at >= $2 AND comment_created_at < $3 ORDER BY comment_created_at, id, pull_request",
        ] {
            statements.append(try connection.prepare(sql).bind(bounds))
        }
        heads = try statements.indices.map { try read($0) }
    }

    deinit {
        statements.forEach { $0.reset() }
        try? connection.execute("COMMIT")
    }

    func next(limit: Int) throws -> [ActivityRow] {
        var rows: [ActivityRow] = []
        rows.reserveCapacity(limit)
        while rows.count < limit {
            var best: Int?
            for index in heads.indices {
                guard let head = heads[index] else { continue }
                if best == nil || head.key < heads[best!]!.key { best = index }
            }
            guard let best else { break }
            rows.append(heads[best]!.row)
            heads[best] = try read(best)
        }
        return rows
    }

    private func read(_ source: Int) throws -> (key: Key, row: ActivityRow)? {
        let statement = statements[source]
        guard try statement.step() else { return nil }
        switch source {
        case 0:
            let time = statement.timestamp(2)!
            let number = statement.int64(0)
            return (Key(time: time.seconds, rank: 0, id: number, review: false), .opened(number: number, author: statement.text(1)!, time: time))
        case 1:
            let time = statement.timestamp(5)!
            let id = statement.int64(0)
            return (Key(time: time.seconds, rank: 1, id: id, review: false),
                    .event(id: id, number: statement.int64(1), event: statement.text(2)!, label: statement.text(3), actor: statement.text(4)!, time: time))
        default:
            let time = statement.timestamp(5)!
            let id = statement.int64(0), review = statement.int64(1) != 0
            return (Key(time: time.seconds, rank: 2, id: id, review: review),
                    .comment(id: id, review: review, number: statement.int64(2), user: statement.text(3)!, body: statement.text(4)!, time: time))
        }
    }
}
