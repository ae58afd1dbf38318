import Foundation

/// The parts of GitHub's JSON that the mirror keeps. Everything else in the (large) objects is
/// skipped by the decoder.

/// `GET /rate_limit`, which costs no quota: each resource's quota (`core`, `search`, `graphql`, ...).
struct RateLimitPayload: Decodable, Sendable {
    struct Resource: Decodable, Sendable {
        let limit: Int
        let remaining: Int
        let reset: Int64
        /// Missing on older GitHub Enterprise servers.
        let used: Int?
    }

    let resources: [String: Resource]

    /// The readings of the resources named, those GitHub reported.
    func readings(_ names: [String]) -> [String: QuotaReading] {
        var readings: [String: QuotaReading] = [:]
        for name in names {
            guard let resource = resources[name] else { continue }
            readings[name] = QuotaReading(limit: resource.limit, remaining: resource.remaining, used: resource.used, reset: resource.reset)
        }
        return readings
    }
}

struct UserPayload: Decodable, Sendable {
    let login: String

    /// A deleted account comes as `null` or as the `ghost` user: both become `ghost`.
    static func login(_ user: UserPayload?) -> String { user?.login ?? "ghost" }
}

struct LabelPayload: Decodable, Sendable {
    let name: String
}

struct IssuePayload: Decodable, Sendable {
    struct PullRequest: Decodable, Sendable {
        let mergedAt: String?
        enum CodingKeys: String, CodingKey { case mergedAt = "merged_at" }
    }

    let id: Int64
    let number: Int64
    let title: String
    let body: String?
    let user: UserPayload?
    let state: String
    let comments: Int64
    let labels: [LabelPayload]
    let assignees: [UserPayload]?
    let createdAt: String
    let updatedAt: String
    let closedAt: String?
    let pullRequest: PullRequest?

    enum CodingKeys: String, CodingKey {
        case id, number, title, body, user, state, comments, labels, assignees
        case createdAt = "created_at", updatedAt = "updated_at", closedAt = "closed_at", pullRequest = "pull_request"
    }

    func record() throws -> IssueRecord {
        IssueRecord(
            number: number, githubID: id, title: title, body: body ?? "", user: UserPayload.login(user), state: state,
            comments: comments, isPullRequest: pullRequest != nil, closedAt: try PayloadTime.optional(closedAt),
            createdAt: try PayloadTime.required(createdAt), updatedAt: try PayloadTime.required(updatedAt),
            mergedAt: try PayloadTime.optional(pullRequest?.mergedAt),
            labels: labels.map(\.name), assignees: (assignees ?? []).map { $0.login }
        )
    }
}

struct EventPayload: Decodable, Sendable {
    struct IssueReference: Decodable, Sendable { let number: Int64 }

    let id: Int64
    let nodeID: String?
    let event: String
    let actor: UserPayload?
    let label: LabelPayload?
    let assignee: UserPayload?
    let createdAt: String
    /// Present in the repository-wide list only.
    let issue: IssueReference?

    enum CodingKeys: String, CodingKey {
        case id, event, actor, label, assignee, issue
        case nodeID = "node_id", createdAt = "created_at"
    }

    func record(issueNumber known: Int64? = nil) throws -> EventRecord {
        guard let number = known ?? issue?.number else {
            throw DecodingError.keyNotFound(CodingKeys.issue, .init(codingPath: [], debugDescription: "event \(id) names no issue"))
        }
        return EventRecord(id: id, nodeID: nodeID, issueNumber: number, event: event, label: label?.name, assignee: assignee.map { $0.login },
                           actor: UserPayload.login(actor), createdAt: try PayloadTime.required(createdAt))
    }
}

struct CommentPayload: Decodable, Sendable {
    let id: Int64
    let nodeID: String?
    let body: String?
    let user: UserPayload?
    let createdAt: String
    let updatedAt: String
    /// Issue comments name their issue here ...
    let issueURL: String?
    /// ... and review comments their pull request here.
    let pullRequestURL: String?

    enum CodingKeys: String, CodingKey {
        case id, body, user
        case nodeID = "node_id", createdAt = "created_at", updatedAt = "updated_at", issueURL = "issue_url", pullRequestURL = "pull_request_url"
    }

    func record(isReviewComment: Bool) throws -> CommentRecord {
        let url = isReviewComment ? pullRequestURL : issueURL
        guard let url, let number = url.split(separator: "/").last.flatMap({ Int64($0) }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "comment \(id) names no issue"))
        }
        return CommentRecord(id: id, nodeID: nodeID, issueNumber: number, body: body ?? "", user: UserPayload.login(user),
                             createdAt: try PayloadTime.required(createdAt), updatedAt: try PayloadTime.required(updatedAt),
                             isReviewComment: isReviewComment)
    }
}

enum PayloadTime {
    static func required(_ text: String) throws -> Timestamp {
        guard let time = Timestamp(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "bad timestamp \"\(text)\""))
        }
        return time
    }

    static func optional(_ text: String?) throws -> Timestamp? {
        try text.map(required)
    }
}
