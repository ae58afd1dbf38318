/// Everything the server derives from one repository: sorted indexes and encoded JSON.
///
/// Indexes are rebuilt lazily when the repository's arrays are no longer the buffers they
/// were built from (see `StorageIdentity`); per-item JSON is reused while the item is equal
/// to the cached value. So a page is a few binary searches plus a concatenation of cached
/// bytes, and a change re-encodes only the items it touched.
final class RepoCache: @unchecked Sendable {  // only used under the server lock
    let context: RepoContext
    private var users: UserCache
    private var issueIndex: IssueIndex?
    private var eventIndex: EventIndex?
    private var commentIndex: CommentIndex?
    private var reviewIndex: CommentIndex?
    private var issueBytes: [Int: Cached<FakeIssue>] = [:]
    private var eventBytes: [Int64: Cached<FakeEvent>] = [:]
    private var commentBytes: [Int64: Cached<FakeComment>] = [:]
    private var reviewBytes: [Int64: Cached<FakeComment>] = [:]

    init(api: String, repository: FakeRepository) {
        context = RepoContext(api: api, repository: repository)
        users = UserCache(api: api)
    }

    /// False when URLs in cached JSON would be wrong: the server's base or the repository's
    /// name changed (renames, `start()` after `addRepository`).
    func fits(api: String, repository: FakeRepository) -> Bool {
        context.api == api && context.owner == repository.owner && context.name == repository.name
            && context.repoID == repository.id
    }

    func issues(_ repository: FakeRepository) -> IssueIndex {
        if let index = issueIndex, StorageIdentity.same(index.source, repository.issues) { return index }
        let index = IssueIndex(repository.issues)
        issueIndex = index
        return index
    }

    func events(_ repository: FakeRepository) -> EventIndex {
        if let index = eventIndex, StorageIdentity.same(index.source, repository.events) { return index }
        let index = EventIndex(repository.events)
        eventIndex = index
        return index
    }

    func comments(_ repository: FakeRepository, review: Bool) -> CommentIndex {
        let current = review ? repository.reviewComments : repository.issueComments
        if let index = review ? reviewIndex : commentIndex, StorageIdentity.same(index.source, current) {
            return index
        }
        let index = CommentIndex(current)
        if review { reviewIndex = index } else { commentIndex = index }
        return index
    }

    func json(issue: FakeIssue) -> [UInt8] {
        if let hit = issueBytes[issue.number], hit.value == issue { return hit.bytes }
        let bytes = IssueJSON.encode(issue, context: context, users: &users)
        issueBytes[issue.number] = Cached(value: issue, bytes: bytes)
        return bytes
    }

    /// The event object without its closing brace (see `EventJSON`).
    func jsonCore(event: FakeEvent) -> [UInt8] {
        if let hit = eventBytes[event.id], hit.value == event { return hit.bytes }
        let bytes = EventJSON.encodeCore(event, context: context, users: &users)
        eventBytes[event.id] = Cached(value: event, bytes: bytes)
        return bytes
    }

    func json(comment: FakeComment, review: Bool) -> [UInt8] {
        if review {
            if let hit = reviewBytes[comment.id], hit.value == comment { return hit.bytes }
            let bytes = CommentJSON.encodeReviewComment(comment, context: context, users: &users)
            reviewBytes[comment.id] = Cached(value: comment, bytes: bytes)
            return bytes
        }
        if let hit = commentBytes[comment.id], hit.value == comment { return hit.bytes }
        let bytes = CommentJSON.encodeIssueComment(comment, context: context, users: &users)
        commentBytes[comment.id] = Cached(value: comment, bytes: bytes)
        return bytes
    }
}
