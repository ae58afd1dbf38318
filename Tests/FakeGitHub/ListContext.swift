/// The list endpoints of one repository, for one request.
struct ListContext {
    let repository: FakeRepository
    let cache: RepoCache
    let paginator: Paginator

    private var query: QueryString { paginator.query }

    /// `since` as Unix seconds; `.failure` when present but not a time GitHub would accept.
    private func since(resource: String) -> Result<Int64?, RouteFailure> {
        guard let text = query["since"] else { return .success(nil) }
        guard let value = TimeFormat.parseISO8601(text) else {
            return .failure(RouteFailure(RouteResult(status: 422, message: .invalid(resource: resource, field: "since"))))
        }
        return .success(value)
    }

    /// `GET /repos/{o}/{r}/issues`: state (default open), sort created|updated (default
    /// created), direction (default desc), since (updated_at >= since, inclusive).
    func issues() -> RouteResult {
        let since: Int64?
        switch self.since(resource: "Issue") {
        case .failure(let failure): return failure.result
        case .success(let value): since = value
        }
        let sortUpdated = query["sort"] == "updated"
        let index = cache.issues(repository)
        let view = ListView(
            index.keys(state: IssueIndex.StateFilter(query["state"]), byUpdated: sortUpdated),
            descending: query["direction"] != "asc", since: since, sinceIsPrimary: sortUpdated)
        return paginator.page(view, kind: sortUpdated ? "issues-updated" : "issues-created") { positions in
            joined(positions.map { cache.json(issue: index.source[Int($0)]) })
        }
    }

    /// `GET /repos/{o}/{r}/issues/{number}` (an extra: one issue, pull requests included).
    func issue(_ number: Int) -> RouteResult {
        let index = cache.issues(repository)
        guard let position = index.positionByNumber[number] else {
            return RouteResult(status: 404, message: .notFound)
        }
        return RouteResult(status: 200, body: cache.json(issue: index.source[Int(position)]))
    }

    /// `GET /repos/{o}/{r}/issues/comments` and `/pulls/comments`. Without `sort` the order is
    /// ascending creation (GitHub ignores `direction` then); with `sort`, direction defaults to
    /// desc. Ties are broken by id.
    func comments(review: Bool) -> RouteResult {
        let since: Int64?
        switch self.since(resource: review ? "PullRequestReviewComment" : "IssueComment") {
        case .failure(let failure): return failure.result
        case .success(let value): since = value
        }
        let sort = query["sort"]
        let sortUpdated = sort == "updated"
        let descending = sort != nil && query["direction"] != "asc"
        let index = cache.comments(repository, review: review)
        let view = ListView(
            sortUpdated ? index.byUpdated : index.byCreated, descending: descending, since: since,
            sinceIsPrimary: sortUpdated)
        let kind = "\(review ? "review-comments" : "comments")-\(sortUpdated ? "updated" : "created")"
        return paginator.page(view, kind: kind, limit: .items(paginator.knobs.commentListLimit)) { positions in
            joined(positions.map { cache.json(comment: index.source[Int($0)], review: review) })
        }
    }

    /// `GET /repos/{o}/{r}/issues/events`: newest first, each event with its issue's JSON.
    func repositoryEvents() -> RouteResult {
        let events = cache.events(repository)
        let issues = cache.issues(repository)
        let view = ListView(events.all, descending: true)
        return paginator.page(view, kind: "events", limit: .eventPages(paginator.knobs.eventsPageLimit)) { positions in
            joined(
                positions.map { position in
                    let event = events.source[Int(position)]
                    var bytes = cache.jsonCore(event: event)
                    bytes.append(contentsOf: ",\"issue\":".utf8)
                    if let at = issues.positionByNumber[event.issueNumber] {
                        bytes.append(contentsOf: cache.json(issue: issues.source[Int(at)]))
                    } else {
                        bytes.append(contentsOf: "null".utf8)
                    }
                    bytes.append(UInt8(ascii: "}"))
                    return bytes
                })
        }
    }

    /// `GET /repos/{o}/{r}/issues/{number}/events`: oldest first, without `issue`; 404 when
    /// the issue does not exist.
    func issueEvents(_ number: Int) -> RouteResult {
        guard cache.issues(repository).positionByNumber[number] != nil else {
            return RouteResult(status: 404, message: .notFound)
        }
        let events = cache.events(repository)
        let view = ListView(events.perIssue[number] ?? SortedKeys(), descending: false)
        return paginator.page(view, kind: "issue-events") { positions in
            joined(
                positions.map { position in
                    var bytes = cache.jsonCore(event: events.source[Int(position)])
                    bytes.append(UInt8(ascii: "}"))
                    return bytes
                })
        }
    }

    /// "[a,b,c]" from encoded items.
    private func joined(_ items: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(items.reduce(2) { $0 + $1.count + 1 })
        out.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: item)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }
}
