/// An issue or pull request as the mirror keeps it (`issues`, `labels`, `assignees` tables).
package struct IssueRecord: Sendable, Equatable {
    /// The issue or PR number (the `id` column, as in the original schema).
    package var number: Int64
    /// GitHub's own id of the issue (the extra `github_id` column).
    package var githubID: Int64
    package var title: String
    package var body: String
    /// Author's login; `ghost` for a deleted account.
    package var user: String
    package var state: String
    package var comments: Int64
    package var isPullRequest: Bool
    package var closedAt: Timestamp?
    package var createdAt: Timestamp
    package var updatedAt: Timestamp
    /// When a pull request was merged (the extra `pr_merged_at` column).
    package var mergedAt: Timestamp?
    package var labels: [String]
    package var assignees: [String]

    package init(number: Int64, githubID: Int64, title: String, body: String, user: String, state: String, comments: Int64,
                isPullRequest: Bool, closedAt: Timestamp?, createdAt: Timestamp, updatedAt: Timestamp, mergedAt: Timestamp?,
                labels: [String], assignees: [String]) {
        self.number = number
        self.githubID = githubID
        self.title = title
        self.body = body
        self.user = user
        self.state = state
        self.comments = comments
        self.isPullRequest = isPullRequest
        self.closedAt = closedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.mergedAt = mergedAt
        self.labels = labels
        self.assignees = assignees
    }
}

/// An issue event (`issue_events` table): labeled, closed, merged, ... Unknown kinds are kept.
package struct EventRecord: Sendable, Equatable {
    /// REST's id; for an event read from a GraphQL timeline, which carries none, a negative
    /// number made from its node id (`surrogateID`).
    package var id: Int64
    /// GitHub's global node id, the same in REST and GraphQL answers: how one event read from
    /// either API is recognised. Nil in rows an older Velodrome stored.
    package var nodeID: String?
    package var issueNumber: Int64
    package var event: String
    package var label: String?
    package var assignee: String?
    /// The actor's login; `ghost` for a deleted account.
    package var actor: String
    package var createdAt: Timestamp

    package init(id: Int64, nodeID: String? = nil, issueNumber: Int64, event: String, label: String?, assignee: String?, actor: String,
                 createdAt: Timestamp) {
        self.id = id
        self.nodeID = nodeID
        self.issueNumber = issueNumber
        self.event = event
        self.label = label
        self.assignee = assignee
        self.actor = actor
        self.createdAt = createdAt
    }

    /// The id of an event known by its node id only: negative, so it never meets a REST id, and
    /// the same for the same node, so reading it again changes nothing.
    package static func surrogateID(nodeID: String) -> Int64 {
        -1 - Int64(bitPattern: FNV1a.hash(nodeID) & 0x7FFF_FFFF_FFFF_FFFF)
    }
}

/// An issue comment or a pull-request review comment (`comments` table). GitHub numbers the two
/// kinds in separate sequences, so `(isReviewComment, id)` is the key, not `id` alone.
package struct CommentRecord: Sendable, Equatable {
    package var id: Int64
    /// GitHub's global node id (nil in rows an older Velodrome stored).
    package var nodeID: String?
    package var issueNumber: Int64
    package var body: String
    package var user: String
    package var createdAt: Timestamp
    package var updatedAt: Timestamp
    /// The `pull_request` column: true for review comments.
    package var isReviewComment: Bool

    package init(id: Int64, nodeID: String? = nil, issueNumber: Int64, body: String, user: String, createdAt: Timestamp, updatedAt: Timestamp,
                 isReviewComment: Bool) {
        self.id = id
        self.nodeID = nodeID
        self.issueNumber = issueNumber
        self.body = body
        self.user = user
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.isReviewComment = isReviewComment
    }
}

/// Everything one page of a sync writes, applied in one transaction with the cursor it advances,
/// so a killed process leaves the mirror as it was before the page or after it, never between.
package struct MirrorBatch: Sendable {
    package var issues: [IssueRecord] = []
    package var events: [EventRecord] = []
    /// Events read from GraphQL timelines, with surrogate ids: one already stored under its node
    /// id (read through REST, or before) is left as it is.
    package var timelineEvents: [EventRecord] = []
    package var comments: [CommentRecord] = []
    /// Walker state by list name (`issues`, `events`, ...), as the walker serialises it.
    package var cursors: [String: String] = [:]
    /// Set when a sync finished: the mirror is complete for everything before this time.
    package var watermark: Timestamp?

    package init() {}
}

/// What the mirror knows of a repository's syncing.
package struct RepositorySyncState: Sendable, Equatable {
    package var cursors: [String: String]
    package var watermark: Timestamp?

    package init(cursors: [String: String] = [:], watermark: Timestamp? = nil) {
        self.cursors = cursors
        self.watermark = watermark
    }
}
