import Foundation

/// One GraphQL query for the timelines of a batch of issues and pull requests, each by its
/// number under an alias (`i123`): the first page of each, or the next page of those whose
/// timeline did not fit. Every alias is one connection of at most 100 items, so a query of n
/// aliases costs n / 100 points, rounded, at least 1.
struct TimelineQuery {
    struct Issue: Hashable {
        let number: Int64
        let isPullRequest: Bool
        /// Where its timeline goes on; nil for the first page.
        var after: String?
    }

    let issues: [Issue]
    /// Only events since this time (an incremental sync's gap); nil for all.
    let since: Timestamp?

    static let pageSize = 100

    func request(_ repository: RepositoryName) -> GraphQLRequest {
        var variables = ["owner": repository.owner, "name": repository.name]
        if let since { variables["since"] = since.iso8601 }
        return GraphQLRequest(query: text, variables: variables)
    }

    var text: String {
        var lines = ["query($owner: String!, $name: String!, $since: DateTime) {",
                     "  rateLimit { cost remaining resetAt }",
                     "  repository(owner: $owner, name: $name) {"]
        for issue in issues {
            let field = issue.isPullRequest ? "pullRequest" : "issue"
            let after = issue.after.map { ", after: \(Self.quoted($0))" } ?? ""
            lines.append("    i\(issue.number): \(field)(number: \(issue.number)) { timelineItems(first: \(Self.pageSize)\(after), since: $since, "
                         + "itemTypes: [\(Self.itemTypes[issue.isPullRequest]!)]) { ...\(issue.isPullRequest ? "PullRequestPage" : "IssuePage") } }")
        }
        lines += ["  }", "}"]
        // A fragment per connection type, and only those used: GraphQL refuses an unused one, and
        // an issue's timeline cannot hold a pull request's events.
        for pullRequest in [false, true] where issues.contains(where: { $0.isPullRequest == pullRequest }) {
            lines += Self.pageFragment[pullRequest]!
        }
        return lines.joined(separator: "\n")
    }

    private static func kinds(pullRequest: Bool) -> [TimelineEventKinds.Kind] {
        TimelineEventKinds.all.filter { pullRequest || !$0.pullRequestOnly }
    }

    private static let itemTypes: [Bool: String] = Dictionary(uniqueKeysWithValues: [false, true].map { pullRequest in
        (pullRequest, kinds(pullRequest: pullRequest).map { TimelineEventKinds.itemType($0.typeName) }.joined(separator: ", "))
    })

    private static let pageFragment: [Bool: [String]] = Dictionary(uniqueKeysWithValues: [false, true].map { pullRequest in
        let type = pullRequest ? "PullRequest" : "Issue"
        var lines = ["fragment \(type)Page on \(type)TimelineItemsConnection {", "  pageInfo { hasNextPage endCursor }", "  nodes {", "    __typename"]
        for kind in kinds(pullRequest: pullRequest) {
            lines.append("    ... on \(kind.typeName) { id createdAt actor { login } \(kind.fields) }")
        }
        return (pullRequest, lines + ["  }", "}"])
    })

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// What an answer holds: the events of each issue, and the issues whose timeline goes on.
    struct Answer {
        var events: [EventRecord] = []
        var unfinished: [Issue] = []
    }

    private struct Payload: Decodable {
        struct Repository: Decodable {
            let issues: [String: Timeline?]

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: AnyKey.self)
                var issues: [String: Timeline?] = [:]
                for key in container.allKeys { issues[key.stringValue] = try container.decodeIfPresent(Timeline.self, forKey: key) }
                self.issues = issues
            }
        }

        struct Timeline: Decodable {
            let timelineItems: Items
        }

        struct Items: Decodable {
            struct PageInfo: Decodable { let hasNextPage: Bool; let endCursor: String? }
            let pageInfo: PageInfo
            let nodes: [Event?]
        }

        struct Event: Decodable {
            struct Named: Decodable { let name: String }
            let __typename: String
            let id: String?
            let createdAt: String?
            let actor: UserPayload?
            let label: Named?
            let assignee: UserPayload?
        }

        struct Data: Decodable { let repository: Repository? }
        let data: Data?
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    /// An answer's events, as the mirror keeps them. An issue GitHub no longer has (transferred,
    /// deleted) answers null: it has no events here any more, as REST's 404 says.
    func read(_ data: Foundation.Data) throws -> Answer {
        let payload = try JSONDecoder().decode(Payload.self, from: data)
        let timelines = payload.data?.repository?.issues ?? [:]
        var answer = Answer()
        for issue in issues {
            guard let timeline = timelines["i\(issue.number)"] ?? nil else { continue }
            for node in timeline.timelineItems.nodes {
                guard let node, let name = TimelineEventKinds.restNames[node.__typename], let id = node.id, let created = node.createdAt else { continue }
                answer.events.append(EventRecord(id: EventRecord.surrogateID(nodeID: id), nodeID: id, issueNumber: issue.number, event: name,
                                                 label: node.label?.name, assignee: node.assignee?.login, actor: UserPayload.login(node.actor),
                                                 createdAt: try PayloadTime.required(created)))
            }
            let page = timeline.timelineItems.pageInfo
            if page.hasNextPage, let cursor = page.endCursor {
                answer.unfinished.append(Issue(number: issue.number, isPullRequest: issue.isPullRequest, after: cursor))
            }
        }
        return answer
    }
}
