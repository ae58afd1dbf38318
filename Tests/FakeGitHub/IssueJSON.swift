/// An issue (or pull request) object exactly as GitHub's issues list has it: the fixture's
/// keys in the fixture's order, plus `draft` and `pull_request` for pull requests.
enum IssueJSON {
    static func encode(_ issue: FakeIssue, context: RepoContext, users: inout UserCache) -> [UInt8] {
        var out = JSONBytes(capacity: 3000)
        let n = issue.number
        let apiIssue = "\(context.apiRepo)/issues/\(n)"
        out.raw("{")
        out.field("url", apiIssue)
        out.field("repository_url", context.apiRepo)
        out.field("labels_url", "\(apiIssue)/labels{/name}")
        out.field("comments_url", "\(apiIssue)/comments")
        out.field("events_url", "\(apiIssue)/events")
        out.field("html_url", "\(context.htmlRepo)/\(issue.isPullRequest ? "pull" : "issues")/\(n)")
        out.field("id", issue.id)
        out.field("node_id", NodeID.make(issue.isPullRequest ? "PullRequest" : "Issue", issue.id))
        out.field("number", Int64(n))
        out.field("title", issue.title)
        out.key("user")
        out.raw(users.json(issue.user))
        out.comma()
        out.key("labels")
        out.raw("[")
        for (i, label) in issue.labels.enumerated() {
            if i > 0 { out.comma() }
            LabelJSON.encode(label, into: &out, context: context)
        }
        out.raw("],")
        out.field("state", issue.state)
        out.raw("\"locked\":false,")
        out.key("assignee")
        if let first = issue.assignees.first { out.raw(users.json(login: first)) } else { out.null() }
        out.comma()
        out.key("assignees")
        out.raw("[")
        for (i, login) in issue.assignees.enumerated() {
            if i > 0 { out.comma() }
            out.raw(users.json(login: login))
        }
        out.raw("],")
        out.raw("\"milestone\":null,")
        out.field("comments", Int64(issue.comments))
        out.timeField("created_at", issue.createdAt)
        out.timeField("updated_at", issue.updatedAt)
        out.timeField("closed_at", issue.closedAt)
        out.field("author_association", context.association(issue.user))
        out.raw("\"active_lock_reason\":null,")
        if issue.isPullRequest {
            out.raw("\"draft\":false,")
            out.key("pull_request")
            out.raw("{")
            out.field("url", "\(context.apiRepo)/pulls/\(n)")
            out.field("html_url", "\(context.htmlRepo)/pull/\(n)")
            out.field("diff_url", "\(context.htmlRepo)/pull/\(n).diff")
            out.field("patch_url", "\(context.htmlRepo)/pull/\(n).patch")
            out.timeField("merged_at", issue.mergedAt, last: true)
            out.raw("},")
        }
        out.key("body")
        out.string(issue.body)
        out.comma()
        ReactionsJSON.encode(url: "\(apiIssue)/reactions", into: &out)
        out.comma()
        out.field("timeline_url", "\(apiIssue)/timeline")
        out.raw("\"performed_via_github_app\":null,")
        out.key("state_reason")
        if issue.state == "closed" && !issue.isPullRequest { out.string("completed") } else { out.null() }
        out.raw("}")
        return out.bytes
    }
}
