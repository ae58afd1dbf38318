/// What transform needs of an issue to filter its activity.
package struct IssueSummary: Sendable, Equatable {
    package var number: Int64
    package var author: String
    package var isPullRequest: Bool

    package init(number: Int64, author: String, isPullRequest: Bool) {
        self.number = number
        self.author = author
        self.isPullRequest = isPullRequest
    }
}

/// One row of a repository's activity, in the order transform reads it: by time; within a
/// second, `opened` (by issue number) first, then events by id, then comments by id.
package enum ActivityRow: Sendable, Equatable {
    case opened(number: Int64, author: String, time: Timestamp)
    case event(id: Int64, number: Int64, event: String, label: String?, actor: String, time: Timestamp)
    case comment(id: Int64, review: Bool, number: Int64, user: String, body: String, time: Timestamp)

    package var time: Timestamp {
        switch self {
        case .opened(_, _, let time), .event(_, _, _, _, _, let time), .comment(_, _, _, _, _, let time): time
        }
    }
}

/// What of the activity a set of metrics looks at: comments, and their bodies, are most of a
/// history's bytes, and a metric over events and states reads neither.
package struct ActivityNeeds: Sendable, Equatable {
    package var comments: Bool
    package var commentBodies: Bool

    package init(comments: Bool, commentBodies: Bool) {
        self.comments = comments
        self.commentBodies = commentBodies && comments
    }

    package static let everything = ActivityNeeds(comments: true, commentBodies: true)

    package static func + (a: ActivityNeeds, b: ActivityNeeds) -> ActivityNeeds {
        ActivityNeeds(comments: a.comments || b.comments, commentBodies: a.commentBodies || b.commentBodies)
    }
}

/// Reads activity rows in order, a chunk at a time, from one consistent snapshot of the mirror.
package protocol ActivityCursor: AnyObject {
    /// Up to `limit` rows; fewer only at the end.
    func next(limit: Int) async throws -> [ActivityRow]
    /// Ends the read transaction; call it once done, whether or not every row was read (ending a
    /// PostgreSQL transaction must await, so it cannot happen in `deinit`).
    func close() async throws
}
