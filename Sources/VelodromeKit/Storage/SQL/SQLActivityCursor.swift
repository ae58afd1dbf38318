/// Reads a repository's activity in transform's order from one snapshot of the mirror: three
/// index-ordered queries (issues by creation, events, comments), each read in chunks that resume
/// after the last row read (keyset paging), merged as they are read.
final class SQLActivityCursor: ActivityCursor {
    /// Orders rows of one second: `opened` first, then events, then comments; then by id.
    private struct Key: Comparable, Sendable {
        let time: Int64, rank: Int, id: Int64, review: Bool
        static func < (a: Key, b: Key) -> Bool { (a.time, a.rank, a.id, a.review ? 1 : 0) < (b.time, b.rank, b.id, b.review ? 1 : 0) }
    }

    /// One of the three ordered queries, its buffered chunk and where the next chunk starts.
    private struct Source {
        let kind: Kind
        /// The query of a chunk: `$1` repository, `$2`/`$3` the time bounds, `$4` the chunk size,
        /// and the resume columns from `$5` on; `first` is the same query without resuming.
        let first: String
        let next: String
        var buffer: [(key: Key, row: ActivityRow)] = []
        var position = 0
        var resume: [SQLValue]?
        var exhausted = false
    }

    /// Rows per query: few round trips (and hops to SQLite's thread), little memory.
    static let chunk = 10_000

    private enum Kind { case issues, events, comments }

    private let snapshot: any SQLSnapshot
    private let bounds: [SQLValue]
    private var sources: [Source]
    private var closed = false

    init(snapshot: any SQLSnapshot, repository: String, from: Timestamp, until: Timestamp, needs: ActivityNeeds) {
        self.snapshot = snapshot
        bounds = [.text(repository), .time(from), .time(until), .integer(Int64(Self.chunk))]
        func source(_ kind: Kind, _ select: String, time: String, order: [String]) -> Source {
            // A resumed chunk starts from the row value alone (it lies above `from`), so the index
            // range starts there: with `time >= from` too, SQLite scans from `from` every chunk.
            let resume = "(\(order.joined(separator: ", "))) > (\(order.indices.map { "$\($0 + 5)" }.joined(separator: ", ")))"
            let tail = " AND \(time) < $3 ORDER BY \(order.joined(separator: ", ")) LIMIT $4"
            return Source(kind: kind, first: "\(select) WHERE repository = $1 AND \(time) >= $2" + tail,
                          next: "\(select) WHERE repository = $1 AND \(resume)" + tail)
        }
        sources = [
            source(.issues, "SELECT id, \"user\", issue_created_at FROM issues", time: "issue_created_at", order: ["issue_created_at", "id"]),
            source(.events, "SELECT id, issue_id, event, label, actor, event_created_at FROM issue_events", time: "event_created_at",
                   order: ["event_created_at", "id"]),
        ]
        if needs.comments {
            let body = needs.commentBodies ? "body" : "CAST('' AS TEXT)"
            sources.append(source(.comments, "SELECT id, pull_request, issue_id, \"user\", \(body), comment_created_at FROM comments",
                                  time: "comment_created_at", order: ["comment_created_at", "id", "pull_request"]))
        }
    }

    func next(limit: Int) async throws -> [ActivityRow] {
        var rows: [ActivityRow] = []
        rows.reserveCapacity(limit)
        while rows.count < limit {
            // Refill what ran dry (the only suspension), then merge without awaiting until a
            // buffer runs dry again: this loop runs once per row of the repository's history.
            for index in sources.indices where sources[index].position == sources[index].buffer.count && !sources[index].exhausted {
                try await refill(index)
            }
            guard mergeUntilDry(into: &rows, limit: limit) else { break }
        }
        return rows
    }

    /// Appends rows in order until `limit`, or until a source that may have more runs dry (true:
    /// refill and go on); false when every source is done.
    private func mergeUntilDry(into rows: inout [ActivityRow], limit: Int) -> Bool {
        while rows.count < limit {
            var best = -1
            for index in sources.indices where sources[index].position < sources[index].buffer.count {
                if best < 0 || sources[index].buffer[sources[index].position].key < sources[best].buffer[sources[best].position].key { best = index }
            }
            guard best >= 0 else { return sources.contains { !$0.exhausted } }
            rows.append(sources[best].buffer[sources[best].position].row)
            sources[best].position += 1
            if sources[best].position == sources[best].buffer.count, !sources[best].exhausted { return true }
        }
        return true
    }

    func close() async throws {
        guard !closed else { return }
        closed = true
        try await snapshot.close()
    }

    /// Reads the source's next chunk into its buffer.
    private func refill(_ index: Int) async throws {
        let source = sources[index]
        let rows = try await snapshot.rows(source.resume == nil ? source.first : source.next, bounds + (source.resume ?? [])) {
            try Self.decode($0, source: source.kind)
        }
        sources[index].buffer = rows
        sources[index].position = 0
        sources[index].exhausted = rows.count < Self.chunk
        if let last = rows.last?.key {
            // The ordering columns of the last row, as stored: the next chunk starts after them.
            let time = SQLValue.time(Timestamp(seconds: last.time))
            sources[index].resume = source.kind == .comments ? [time, .integer(last.id), .boolean(last.review)] : [time, .integer(last.id)]
        }
    }

    private static func decode(_ row: any SQLColumns, source: Kind) throws -> (key: Key, row: ActivityRow) {
        switch source {
        case .issues:
            let time = try row.timestamp(2), number = try row.int64(0)
            return (Key(time: time.seconds, rank: 0, id: number, review: false), .opened(number: number, author: try row.text(1), time: time))
        case .events:
            let time = try row.timestamp(5), id = try row.int64(0)
            return (Key(time: time.seconds, rank: 1, id: id, review: false),
                    .event(id: id, number: try row.int64(1), event: try row.text(2), label: try row.optionalText(3), actor: try row.text(4), time: time))
        case .comments:
            let time = try row.timestamp(5), id = try row.int64(0), review = try row.bool(1)
            return (Key(time: time.seconds, rank: 2, id: id, review: review),
                    .comment(id: id, review: review, number: try row.int64(2), user: try row.text(3), body: try row.text(4), time: time))
        }
    }
}
