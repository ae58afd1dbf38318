/// Comments sorted by (created_at, id) and (updated_at, id); `since` filters on updated_at.
struct CommentIndex {
    let source: [FakeComment]
    let byCreated: SortedKeys
    let byUpdated: SortedKeys

    init(_ comments: [FakeComment]) {
        source = comments
        byCreated = SortedKeys.build(
            count: comments.count, primary: { comments[$0].createdAt }, tie: { comments[$0].id },
            filter: { comments[$0].updatedAt })
        byUpdated = SortedKeys.build(
            count: comments.count, primary: { comments[$0].updatedAt }, tie: { comments[$0].id },
            filter: { comments[$0].updatedAt })
    }
}
