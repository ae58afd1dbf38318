/// An issue or pull request as the mirror keeps it (`issues`, `labels`, `assignees` tables).
public struct IssueRecord: Sendable, Equatable {
    /// The issue or PR number (the `id` column, as in the original schema).
    public var number: Int64
    /// GitHub's own id of the issue (the extra `github_id` column).
    public var githubID: Int64
    public var title: String
    public var body: String
    /// Author's login; `ghost` for a deleted account.
    public var user: String
    public var state: String
    public var comments: Int64
    public var isPullRequest: Bool
    public var closedAt: Timestamp?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    /// When a pull request was merged (the extra `pr_merged_at` column).
    public var mergedAt: Timestamp?
    public var labels: [String]
    public var assignees: [String]

    public init(number: Int64, githubID: Int64, title: String, body: String, user: String, state: String, comments: Int64,
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
public struct EventRecord: Sendable, Equatable {
    public var id: Int64
    public var issueNumber: Int64
    public var event: String
    public var label: String?
    public var assignee: String?
    /// The actor's login; `ghost` for a deleted account.
    public var actor: String
    public var createdAt: Timestamp

    public init(id: Int64, issueNumber: Int64, event: String, label: String?, assignee: String?, actor: String, createdAt: Timestamp) {
        self.id = id
        self.issueNumber = issueNumber
        self.event = event
        self.label = label
        self.assignee = assignee
        self.actor = actor
        self.createdAt = createdAt
    }
}

/// An issue comment or a pull-request review comment (`comments` table). GitHub numbers the two
/// kinds in separate sequences, so `(isReviewComment, id)` is the key, not `id` alone.
public struct CommentRecord: Sendable, Equatable {
    public var id: Int64
    public var issueNumber: Int64
    public var body: String
    public var user: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    /// The `pull_request` column: true for review comments.
    public var isReviewComment: Bool

    public init(id: Int64, issueNumber: Int64, body: String, user: String, createdAt: Timestamp, updatedAt: Timestamp, isReviewComment: Bool) {
        self.id = id
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
public struct MirrorBatch: Sendable {
    public var issues: [IssueRecord] = []
    public var events: [EventRecord] = []
    public var comments: [CommentRecord] = []
    /// Walker state by list name (`issues`, `events`, ...), as the walker serialises it.
    public var cursors: [String: String] = [:]
    /// Set when a sync finished: the mirror is complete for everything before this time.
    public var watermark: Timestamp?

    public init() {}
}

/// What the mirror knows of a repository's syncing.
public struct RepositorySyncState: Sendable, Equatable {
    public var cursors: [String: String]
    public var watermark: Timestamp?

    public init(cursors: [String: String] = [:], watermark: Timestamp? = nil) {
        self.cursors = cursors
        self.watermark = watermark
    }
}
