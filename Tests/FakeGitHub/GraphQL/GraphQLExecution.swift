import Foundation

/// Runs a parsed query against one moment of the fake's data, as GitHub's GraphQL API answers:
/// `data` shaped by the selections, and `errors` for what could not be resolved (a missing
/// issue is `null` with a NOT_FOUND error, the rest of the answer intact).
struct GraphQLExecution {
    let repositories: (_ owner: String, _ name: String) -> FakeRepository?
    let rateLimit: [String: Any]
    private(set) var errors: [[String: Any]] = []

    init(repositories: @escaping (_ owner: String, _ name: String) -> FakeRepository?, rateLimit: [String: Any]) {
        self.repositories = repositories
        self.rateLimit = rateLimit
    }

    private enum Object {
        case query
        case repository(FakeRepository)
        case issue(FakeIssue, FakeRepository)
        case timeline([FakeEvent], hasNextPage: Bool, pullRequest: Bool)
        case pageInfo(hasNextPage: Bool, endCursor: String?)
        case event(FakeEvent, typeName: String)
        case user(String)
        case label(String)
        case map([String: Any])

        var typeName: String {
            switch self {
            case .query: "Query"
            case .repository: "Repository"
            case .issue(let issue, _): issue.isPullRequest ? "PullRequest" : "Issue"
            case .timeline(_, _, let pullRequest): pullRequest ? "PullRequestTimelineItemsConnection" : "IssueTimelineItemsConnection"
            case .pageInfo: "PageInfo"
            case .event(_, let typeName): typeName
            case .user(let login): login.hasSuffix("[bot]") ? "Bot" : "User"
            case .label: "Label"
            case .map: "RateLimit"
            }
        }

        /// The interfaces an inline fragment may name for it.
        var interfaces: Set<String> {
            switch self {
            case .user: ["Actor", "Node"]
            case .issue, .event, .repository, .label: ["Node"]
            default: []
            }
        }
    }

    mutating func run(_ query: GraphQLQuery) -> [String: Any] {
        resolve(query.selections, on: .query, path: [])
    }

    private mutating func resolve(_ selections: [GraphQLQuery.Selection], on object: Object, path: [String]) -> [String: Any] {
        var out: [String: Any] = [:]
        for selection in selections {
            switch selection {
            case .inline(let condition, let inner):
                guard condition == nil || condition == object.typeName || object.interfaces.contains(condition!) else { continue }
                out.merge(resolve(inner, on: object, path: path)) { $1 }
            case .field(let field):
                out[field.key] = value(field, on: object, path: path + [field.key])
            }
        }
        return out
    }

    private mutating func value(_ field: GraphQLQuery.Field, on object: Object, path: [String]) -> Any {
        if field.name == "__typename" { return object.typeName }
        guard let resolved = child(field, of: object, path: path) else { return NSNull() }
        switch resolved {
        case .value(let value): return value
        case .object(let child): return resolve(field.selections, on: child, path: path)
        case .list(let children): return children.map { resolve(field.selections, on: $0, path: path) }
        }
    }

    private enum Resolved {
        case value(Any)
        case object(Object)
        case list([Object])
    }

    private mutating func child(_ field: GraphQLQuery.Field, of object: Object, path: [String]) -> Resolved? {
        let arguments = field.arguments
        switch (object, field.name) {
        case (.query, "rateLimit"):
            return .object(.map(rateLimit))
        case (.map(let values), let name):
            return values[name].map(Resolved.value)
        case (.query, "repository"):
            guard let owner = arguments["owner"]?.string, let name = arguments["name"]?.string, let repository = repositories(owner, name) else {
                fail(path, type: "NOT_FOUND", "Could not resolve to a Repository with the name '\(arguments["owner"]?.string ?? "")/\(arguments["name"]?.string ?? "")'.")
                return nil
            }
            return .object(.repository(repository))
        case (.repository(let repository), "issueOrPullRequest"), (.repository(let repository), "issue"), (.repository(let repository), "pullRequest"):
            let number = arguments["number"]?.int ?? 0
            guard let issue = repository.issues.first(where: { $0.number == number }),
                  field.name == "issueOrPullRequest" || issue.isPullRequest == (field.name == "pullRequest") else {
                fail(path, type: "NOT_FOUND", "Could not resolve to an issue or pull request with the number of \(number).")
                return nil
            }
            return .object(.issue(issue, repository))
        case (.repository(let repository), "nameWithOwner"):
            return .value(repository.fullName)
        case (.issue(let issue, _), "number"):
            return .value(issue.number)
        case (.issue(let issue, _), "id"):
            return .value(NodeID.make(issue.isPullRequest ? "PullRequest" : "Issue", issue.id))
        case (.issue(let issue, let repository), "timelineItems"):
            return timeline(of: issue, in: repository, arguments, path: path)
        case (.timeline(let events, _, _), "nodes"):
            return .list(events.map { .event($0, typeName: GraphQLTimeline.typeNames[$0.event]!) })
        case (.timeline(let events, _, _), "totalCount"):
            return .value(events.count)
        case (.timeline(let events, let hasNextPage, _), "pageInfo"):
            return .object(.pageInfo(hasNextPage: hasNextPage, endCursor: events.last.map(Self.cursor)))
        case (.pageInfo(let hasNextPage, _), "hasNextPage"):
            return .value(hasNextPage)
        case (.pageInfo(_, let endCursor), "endCursor"):
            return .value(endCursor ?? NSNull())
        case (.event(let event, _), "id"):
            return .value(event.nodeID)
        case (.event(let event, _), "createdAt"):
            return .value(TimeFormat.iso8601(event.createdAt))
        case (.event(let event, _), "actor"):
            // A deleted account is `ghost`, whether REST shows it as null or as the ghost user.
            return .object(.user(event.actor.login ?? FakeUser.ghost.login))
        case (.event(let event, _), "label"):
            return event.label.map { .object(.label($0)) }
        case (.event(let event, _), "assignee"):
            return event.assignee.map { .object(.user($0)) }
        case (.user(let login), "login"):
            return .value(login)
        case (.label(let name), "name"):
            return .value(name)
        default:
            fail(path, type: nil, "Field '\(field.name)' doesn't exist on type '\(object.typeName)'")
            return nil
        }
    }

    private mutating func timeline(of issue: FakeIssue, in repository: FakeRepository, _ arguments: [String: GraphQLQuery.Value],
                                   path: [String]) -> Resolved? {
        let first = arguments["first"]?.int ?? 100
        var wanted = Set(GraphQLTimeline.typeNames.values)
        if case .list(let types)? = arguments["itemTypes"] {
            wanted = Set(types.compactMap { type -> String? in
                guard case .enumeration(let name) = type else { return nil }
                return GraphQLTimeline.kinds.values.first { $0.itemType == name }?.typeName
            })
            if !issue.isPullRequest, let refused = wanted.first(where: GraphQLTimeline.pullRequestOnly.contains) {
                fail(path, type: nil, "Argument 'itemTypes' on Field 'timelineItems' has an invalid value: \(refused) is no issue timeline item")
                return nil
            }
        }
        let since = arguments["since"]?.string.flatMap(TimeFormat.parseISO8601) ?? .min
        var events = repository.events.filter { event in
            guard event.issueNumber == issue.number, event.createdAt >= since, let type = GraphQLTimeline.typeNames[event.event] else { return false }
            return wanted.contains(type) && (issue.isPullRequest || !GraphQLTimeline.pullRequestOnly.contains(type))
        }.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        if let after = arguments["after"]?.string {
            guard let (time, id) = Self.position(after) else {
                fail(path, type: "INVALID_CURSOR_ARGUMENTS", "`\(after)` does not appear to be a valid cursor.")
                return nil
            }
            events.removeAll { ($0.createdAt, $0.id) <= (time, id) }
        }
        let page = Array(events.prefix(first))
        return .object(.timeline(page, hasNextPage: events.count > first, pullRequest: issue.isPullRequest))
    }

    /// Opaque to clients; a position in the (time, id) order, so a page boundary holds while
    /// events are added.
    private static func cursor(_ event: FakeEvent) -> String {
        Data("cursor:v2:\(event.createdAt):\(event.id)".utf8).base64EncodedString()
    }

    private static func position(_ cursor: String) -> (Int64, Int64)? {
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: ":")
        guard parts.count == 4, parts[0] == "cursor", let time = Int64(parts[2]), let id = Int64(parts[3]) else { return nil }
        return (time, id)
    }

    private mutating func fail(_ path: [String], type: String?, _ message: String) {
        var error: [String: Any] = ["path": path, "message": message]
        if let type { error["type"] = type }
        errors.append(error)
    }
}
