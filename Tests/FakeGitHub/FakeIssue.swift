/// An issue or pull request as listed by `GET /repos/{o}/{r}/issues`.
///
/// Times are Unix seconds (UTC); GitHub only shows second precision, so nothing finer is kept.
/// `Equatable` lets the server reuse an issue's encoded JSON until the issue really changes.
public struct FakeIssue: Sendable, Equatable {
    public var number: Int
    public var id: Int64
    public var title: String
    public var body: String?
    public var user: FakeActor
    /// "open" or "closed".
    public var state: String
    /// Pull requests appear in the issues list with a `pull_request` object.
    public var isPullRequest: Bool
    /// Label names; each is rendered as a full label object.
    public var labels: [String]
    /// Assignee logins; the first one is also rendered as `assignee`.
    public var assignees: [String]
    /// Number of issue comments (review comments are not counted, as on GitHub).
    public var comments: Int
    public var createdAt: Int64
    public var updatedAt: Int64
    public var closedAt: Int64?
    /// When a pull request was merged (set by a `merged` event).
    public var mergedAt: Int64?

    public init(
        number: Int, id: Int64, title: String, body: String? = nil, user: FakeActor,
        state: String = "open", isPullRequest: Bool = false, labels: [String] = [],
        assignees: [String] = [], comments: Int = 0, createdAt: Int64, updatedAt: Int64? = nil,
        closedAt: Int64? = nil, mergedAt: Int64? = nil
    ) {
        self.number = number
        self.id = id
        self.title = title
        self.body = body
        self.user = user
        self.state = state
        self.isPullRequest = isPullRequest
        self.labels = labels
        self.assignees = assignees
        self.comments = comments
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.closedAt = closedAt
        self.mergedAt = mergedAt
    }
}
