/// An issue comment or a pull-request review comment.
///
/// The two kinds live in separate id sequences on GitHub (and in `FakeRepository`), so the
/// same id can name one of each; the JSON names its issue only through `issue_url` or
/// `pull_request_url`, as GitHub's does.
public struct FakeComment: Sendable, Equatable {
    public var id: Int64
    public var issueNumber: Int
    public var body: String
    public var user: FakeActor
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: Int64, issueNumber: Int, body: String, user: FakeActor, createdAt: Int64,
        updatedAt: Int64? = nil
    ) {
        self.id = id
        self.issueNumber = issueNumber
        self.body = body
        self.user = user
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// Its global node id, in REST and GraphQL answers alike.
    public func nodeID(review: Bool) -> String { NodeID.make(review ? "PullRequestReviewComment" : "IssueComment", id) }
}
