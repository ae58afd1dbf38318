/// The data of one repository the fake serves. A plain value: build it, hand it to
/// `FakeGitHub.addRepository`, and change it later through `FakeGitHub.mutate`.
///
/// The server keeps its sorted indexes and encoded JSON outside this struct and notices
/// changes itself, so tests may edit these arrays freely (including direct element edits).
public struct FakeRepository: Sendable {
    public var owner: String
    public var name: String
    /// Numeric repository id, used in `/repositories/{id}/...` URLs (Link headers, redirects).
    public var id: Int64

    public var issues: [FakeIssue] = []
    public var events: [FakeEvent] = []
    public var issueComments: [FakeComment] = []
    public var reviewComments: [FakeComment] = []

    // Next ids handed out by the builders. Settable so tests can start above 2^53 (ids a
    // Double cannot hold exactly) or make issue-comment and review-comment ids collide.
    // The defaults are above 2^31 or 2^32, as real GitHub ids are, to catch 32-bit storage.
    public var nextIssueID: Int64 = 3_000_000_001
    public var nextEventID: Int64 = 12_000_000_001
    public var nextCommentID: Int64 = 5_000_000_001
    public var nextReviewCommentID: Int64 = 2_500_000_001
    /// Issues and pull requests share one number sequence, as on GitHub.
    public var nextIssueNumber: Int = 1

    public init(owner: String, name: String, id: Int64) {
        self.owner = owner
        self.name = name
        self.id = id
    }

    /// "owner/name".
    public var fullName: String { "\(owner)/\(name)" }
}
