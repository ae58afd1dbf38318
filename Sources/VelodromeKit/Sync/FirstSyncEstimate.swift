import Foundation

/// What the first sync of one repository will cost, judged from the sizes GitHub states for each
/// list: four or five requests, instead of the sync itself.
package struct FirstSyncEstimate: Sendable, Equatable {
    /// How many pages of 100 a list has. GitHub gives no count for a list it pages by cursor
    /// (`after=` links, no `last`); then only the lower bound of two pages is known.
    package struct Pages: Sendable, Equatable {
        package var count: Int
        package var exact: Bool

        package init(_ count: Int, exact: Bool = true) {
            self.count = count
            self.exact = exact
        }
    }

    package var repository: String
    /// The newest issue or pull request's number: how many the repository has had.
    package var issues: Int
    package var comments: Pages
    package var reviewComments: Pages
    package var events: Pages
    /// GitHub stops the repository-wide events list short: the rest is read issue by issue,
    /// one request for each issue older than the list reaches, at most `issues`.
    package var eventsCutShort: Bool
    /// The rest of a cut events list is read through GraphQL (a token, `--graphql` not `never`):
    /// up to 100 issues a point of GraphQL's quota instead of a request each.
    package var throughGraphQL = false

    package var issuePages: Int { Self.pages(issues) }

    /// GraphQL points the backfill costs: a point per 100 issues (more for issues with more than
    /// a page of events).
    package var graphQLPoints: Int { eventsCutShort && throughGraphQL ? Self.pages(issues) : 0 }

    /// Every page of every list, the request each `sort=updated` list makes to see that nothing
    /// is newer, and the page after a full last page of events; for a cut events list, one
    /// request per issue (an upper bound, as the newer issues' events come in the list).
    package var requests: Int {
        issuePages + comments.count + reviewComments.count + events.count + (eventsCutShort && !throughGraphQL ? issues : 0) + 4
    }

    /// False when a list's length is unknown, and `requests` is a lower bound.
    package var exact: Bool { comments.exact && reviewComments.exact && events.exact }

    static func pages(_ items: Int) -> Int { max(1, (items + SyncEnvironment.pageSize - 1) / SyncEnvironment.pageSize) }
}

/// Measures first syncs with a GitHub client: the newest issue's number, and the `last` page of
/// the comment, review comment and events lists.
package struct FirstSyncEstimator: Sendable {
    let client: GitHubClient

    package init(client: GitHubClient) {
        self.client = client
    }

    private struct Numbered: Decodable { let number: Int }

    /// Every repository's estimate, against the quota of every login the tokens belong to and the
    /// clock of GitHub's last answer.
    package func report(_ repositories: [RepositoryName], anonymous: Bool, throughGraphQL: Bool = false, stop: StopSignal) async throws -> SyncEstimateReport {
        try await client.identifyLogins(stop: stop)
        var estimates: [FirstSyncEstimate] = []
        var now: Int64?
        for repository in repositories {
            var (estimate, date) = try await estimate(repository, stop: stop)
            estimate.throughGraphQL = throughGraphQL
            estimates.append(estimate)
            now = date ?? now
        }
        let quota = client.quota
        return SyncEstimateReport(estimates: estimates, rate: quota.rate, logins: quota.logins, anonymous: anonymous,
                                  now: now ?? Int64(Date().timeIntervalSince1970))
    }

    /// One repository's estimate, and the time of GitHub's last answer.
    func estimate(_ repository: RepositoryName, stop: StopSignal) async throws -> (FirstSyncEstimate, Int64?) {
        let path = repository.apiPath
        let newest = try await client.get(client.url(path + "/issues", query: [("state", "all"), ("sort", "created"), ("direction", "desc"), ("per_page", "1")]),
                                          etag: nil, stop: stop) { try JSONDecoder().decode([Numbered].self, from: $0) }
        var issues = 0
        if case .page(let items, _) = newest { issues = items.first?.number ?? 0 }
        let (comments, _) = try await pages(path + "/issues/comments", stop: stop)
        let (reviewComments, _) = try await pages(path + "/pulls/comments", stop: stop)
        let (events, eventsInfo) = try await pages(path + "/issues/events", stop: stop)
        var date = eventsInfo.date?.seconds
        var cutShort = false
        // A `last` link on the events list may be where GitHub stops it: the page after tells
        // (empty when the list ends there, 422 when it was cut).
        if let last = eventsInfo.links.last, let after = EventsWalker.pageAfter(last) {
            do {
                date = try await client.get(after, etag: nil, stop: stop) { _ in () }.info.date?.seconds ?? date
            } catch GitHubError.unprocessable {
                cutShort = true
            }
        }
        let estimate = FirstSyncEstimate(repository: repository.description, issues: issues, comments: comments, reviewComments: reviewComments,
                                         events: events, eventsCutShort: cutShort)
        return (estimate, date)
    }

    /// The pages of 100 a list has, from its first page's links.
    private func pages(_ path: String, stop: StopSignal) async throws -> (FirstSyncEstimate.Pages, GitHubResponseInfo) {
        let info = try await client.get(client.url(path, query: [("per_page", "\(SyncEnvironment.pageSize)")]), etag: nil, stop: stop) { _ in () }.info
        if let last = info.links.last {
            let page = LinkHeader.pageNumber(of: last)
            return (FirstSyncEstimate.Pages(page ?? 2, exact: page != nil), info)
        }
        return (info.links.next == nil ? FirstSyncEstimate.Pages(1) : FirstSyncEstimate.Pages(2, exact: false), info)
    }
}
