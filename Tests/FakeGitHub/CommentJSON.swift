/// Issue comment and review comment objects in the shapes of GitHub's REST docs. They name
/// their issue only through `issue_url` / `pull_request_url`, as GitHub's do.
enum CommentJSON {
    static func encodeIssueComment(_ comment: FakeComment, context: RepoContext, users: inout UserCache) -> [UInt8] {
        var out = JSONBytes(capacity: 1800)
        let url = "\(context.apiRepo)/issues/comments/\(comment.id)"
        out.raw("{")
        out.field("url", url)
        out.field("html_url", "\(context.htmlRepo)/issues/\(comment.issueNumber)#issuecomment-\(comment.id)")
        out.field("issue_url", "\(context.apiRepo)/issues/\(comment.issueNumber)")
        out.field("id", comment.id)
        out.field("node_id", comment.nodeID(review: false))
        out.key("user")
        out.raw(users.json(comment.user))
        out.comma()
        out.timeField("created_at", comment.createdAt)
        out.timeField("updated_at", comment.updatedAt)
        out.field("author_association", context.association(comment.user))
        out.field("body", comment.body)
        ReactionsJSON.encode(url: "\(url)/reactions", into: &out)
        out.raw(",\"performed_via_github_app\":null}")
        return out.bytes
    }

    static func encodeReviewComment(_ comment: FakeComment, context: RepoContext, users: inout UserCache) -> [UInt8] {
        var out = JSONBytes(capacity: 2400)
        let url = "\(context.apiRepo)/pulls/comments/\(comment.id)"
        let pullURL = "\(context.apiRepo)/pulls/\(comment.issueNumber)"
        let htmlURL = "\(context.htmlRepo)/pull/\(comment.issueNumber)#discussion_r\(comment.id)"
        out.raw("{")
        out.field("url", url)
        out.field("pull_request_review_id", 1_000_000_000 + comment.id % 1_000_000_000)
        out.field("id", comment.id)
        out.field("node_id", comment.nodeID(review: true))
        out.field("diff_hunk", "@@ -1,3 +1,4 @@\n line one\n line two\n+line three")
        out.field("path", "README.md")
        out.raw("\"position\":4,\"original_position\":4,")
        out.field("commit_id", sha("commit/\(comment.issueNumber)"))
        out.field("original_commit_id", sha("original/\(comment.issueNumber)"))
        out.key("user")
        out.raw(users.json(comment.user))
        out.comma()
        out.field("body", comment.body)
        out.timeField("created_at", comment.createdAt)
        out.timeField("updated_at", comment.updatedAt)
        out.field("html_url", htmlURL)
        out.field("pull_request_url", pullURL)
        out.field("author_association", context.association(comment.user))
        out.raw("\"_links\":{\"self\":{")
        out.field("href", url, last: true)
        out.raw("},\"html\":{")
        out.field("href", htmlURL, last: true)
        out.raw("},\"pull_request\":{")
        out.field("href", pullURL, last: true)
        out.raw("}},")
        ReactionsJSON.encode(url: "\(url)/reactions", into: &out)
        out.raw(
            ",\"start_line\":null,\"original_start_line\":null,\"start_side\":null,\"line\":4,"
                + "\"original_line\":4,\"side\":\"RIGHT\",\"subject_type\":\"line\"}")
        return out.bytes
    }

    /// A stable 40-hex-digit commit id.
    private static func sha(_ seed: String) -> String {
        let a = FNV1a.hex(Array(seed.utf8))
        let b = FNV1a.hex(Array((seed + "#").utf8))
        let c = FNV1a.hex(Array((seed + "##").utf8))
        return String((a + b + c).prefix(40))
    }
}
