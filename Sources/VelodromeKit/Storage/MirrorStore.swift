/// The SQL mirror of GitHub, behind one interface so that SQLite and PostgreSQL plug in alike.
///
/// Repositories are named by `RepositoryName.key` (lower-case `owner/name`).
package protocol MirrorStore: Sendable {
    // MARK: Written by fetch

    func syncState(repository: String) async throws -> RepositorySyncState

    /// Applies one page in one transaction: rows upserted (labels and assignees replaced per issue),
    /// cursors and watermark written with them. Returns how many issue, event and comment rows
    /// were new or different.
    @discardableResult
    func apply(_ batch: MirrorBatch, repository: String) async throws -> Int

    /// Issue numbers whose events must be read issue by issue, after the repository-wide events
    /// list stopped short: issues created at or before `createdBy`, updated at or after
    /// `updatedSince` (when given), with numbers above `after`, in number order.
    func issueNumbers(repository: String, createdBy: Timestamp, updatedSince: Timestamp?, after: Int64, limit: Int) async throws
        -> [(number: Int64, isPullRequest: Bool)]

    // MARK: Read by transform

    /// Every issue of the repository, in number order.
    func issueSummaries(repository: String) async throws -> [IssueSummary]

    /// The activity of the repository with `from` ≤ time < `until`, in transform's order; without
    /// comments, or with empty bodies, where `needs` says no metric looks at them.
    func activity(repository: String, from: Timestamp?, until: Timestamp, needs: ActivityNeeds) async throws -> any ActivityCursor

    /// Checkpoints of the repository's metrics in one output (`target`), by metric name.
    func checkpoints(repository: String, target: String) async throws -> [String: MetricCheckpoint]

    /// Replaces the given checkpoints in one transaction.
    func saveCheckpoints(_ checkpoints: [String: MetricCheckpoint], repository: String, target: String) async throws

    func deleteCheckpoint(repository: String, metric: String, target: String) async throws

    // MARK: Read by tests and tools

    func issues(repository: String) async throws -> [IssueRecord]
    func events(repository: String) async throws -> [EventRecord]
    func comments(repository: String) async throws -> [CommentRecord]
}
