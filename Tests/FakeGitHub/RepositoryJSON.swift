/// A short repository object for `GET /repos/{o}/{r}` (not in the brief; clients commonly
/// use it to learn the numeric id). Only the commonly read keys are present.
enum RepositoryJSON {
    static func encode(_ repository: FakeRepository, api: String) -> [UInt8] {
        var users = UserCache(api: api)
        var out = JSONBytes(capacity: 2000)
        let apiRepo = "\(api)/repos/\(repository.owner)/\(repository.name)"
        out.raw("{")
        out.field("id", repository.id)
        out.field("node_id", NodeID.make("Repository", repository.id))
        out.field("name", repository.name)
        out.field("full_name", repository.fullName)
        out.raw("\"private\":false,")
        out.key("owner")
        out.raw(users.json(login: repository.owner))
        out.comma()
        out.field("html_url", "https://github.com/\(repository.fullName)")
        out.raw("\"description\":null,\"fork\":false,")
        out.field("url", apiRepo)
        out.field("issue_comment_url", "\(apiRepo)/issues/comments{/number}")
        out.field("issue_events_url", "\(apiRepo)/issues/events{/number}")
        out.field("issues_url", "\(apiRepo)/issues{/number}")
        out.field("pulls_url", "\(apiRepo)/pulls{/number}")
        out.raw("\"has_issues\":true,")
        out.field("open_issues_count", Int64(repository.issues.filter { $0.state == "open" }.count))
        out.field("default_branch", "main", last: true)
        out.raw("}")
        return out.bytes
    }
}
