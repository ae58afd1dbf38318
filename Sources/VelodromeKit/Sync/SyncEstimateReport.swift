import Foundation

/// What `fetch --estimate` prints: each repository's lists and the requests a first sync needs,
/// against the quota of the logins that ask; a table for people, or JSON for scripts.
package struct SyncEstimateReport: Sendable {
    package var estimates: [FirstSyncEstimate]
    /// The quota of every login as the last answers left it, added up (nil when GitHub sent no
    /// rate-limit headers: it enforces none, as a GitHub Enterprise server may).
    package var rate: RateLimit?
    /// How many logins the tokens belong to (1 for anonymous requests).
    package var logins: Int
    package var anonymous: Bool
    package var now: Int64

    /// What a token gets an hour, to say how much faster one would be.
    package static let tokenHourlyLimit = 5000

    package init(estimates: [FirstSyncEstimate], rate: RateLimit?, logins: Int = 1, anonymous: Bool, now: Int64) {
        self.estimates = estimates
        self.rate = rate
        self.logins = logins
        self.anonymous = anonymous
        self.now = now
    }

    package var requests: Int { estimates.reduce(0) { $0 + $1.requests } }
    package var graphQLPoints: Int { estimates.reduce(0) { $0 + $1.graphQLPoints } }
    package var exact: Bool { estimates.allSatisfy(\.exact) }
    package var fitsInQuota: Bool { rate.map { requests <= $0.remaining } ?? true }

    /// Hours until the sync is done at this quota: nothing while what is left suffices, else
    /// the wait for the reset and an hour for each further window of `limit` requests.
    package var hours: Double {
        guard let rate, !fitsInQuota else { return 0 }
        let windows = (requests - rate.remaining + rate.limit - 1) / max(rate.limit, 1)
        return Double(max(0, rate.reset.seconds - now)) / 3600 + Double(windows - 1)
    }

    /// Hours with a fresh token's quota, for an anonymous sync that does not fit.
    package var hoursWithToken: Double { Double((requests + Self.tokenHourlyLimit - 1) / Self.tokenHourlyLimit - 1) }

    package var table: String {
        var rows = [["REPOSITORY", "ISSUES AND PRS", "COMMENT PAGES", "REVIEW COMMENT PAGES", "EVENT PAGES", "REQUESTS"]]
        for estimate in estimates {
            rows.append([estimate.repository, Self.number(estimate.issues), Self.pages(estimate.comments), Self.pages(estimate.reviewComments),
                         Self.pages(estimate.events) + (estimate.eventsCutShort ? " (cut short)" : ""),
                         (estimate.exact ? "" : "at least ") + Self.number(estimate.requests)])
        }
        var text = TextTable.render(rows)
        for estimate in estimates where estimate.eventsCutShort {
            text += "GitHub stops the events list of \(estimate.repository) at page \(estimate.events.count): the events of older issues "
            text += estimate.throughGraphQL
                ? "are read through GraphQL, about \(Self.number(estimate.graphQLPoints)) points of its own quota (100 issues a point).\n"
                : "cost a request per issue, up to \(Self.number(estimate.issues)), counted above.\n"
        }
        text += "A first sync needs \(exact ? "about" : "at least") \(Self.number(requests)) requests.\n"
        guard let rate else { return text + "GitHub sent no quota with its answers: it limits none.\n" }
        let who = anonymous ? "Anonymous requests have" : logins == 1 ? "This token's login has" : "The tokens' \(logins) logins have"
        text += "\(who) \(Self.number(rate.remaining)) of \(Self.number(rate.limit)) left until \(rate.reset.iso8601).\n"
        if fitsInQuota {
            text += "That fits in what is left.\n"
        } else {
            text += "At \(Self.number(rate.limit)) an hour that takes \(Self.duration(hours)).\n"
            if anonymous {
                text += "A token (--token-file PATH, or GITHUB_TOKEN) gets \(Self.number(Self.tokenHourlyLimit)) an hour: \(Self.duration(hoursWithToken)).\n"
            }
        }
        return text
    }

    package var json: String {
        struct Repository: Encodable {
            let repository: String
            let issues, issuePages, commentPages, reviewCommentPages, eventPages, requests, graphqlPoints: Int
            let eventsCutShort, exact: Bool
        }
        struct Quota: Encodable {
            let limit, remaining: Int
            let reset: Int64
            let resetUTC: String
        }
        struct Report: Encodable {
            let repositories: [Repository]
            let totalRequests, logins: Int
            let exact, anonymous, fitsInQuota: Bool
            let quota: Quota?
            let hours, hoursWithToken: Double
        }
        let report = Report(
            repositories: estimates.map {
                Repository(repository: $0.repository, issues: $0.issues, issuePages: $0.issuePages, commentPages: $0.comments.count,
                           reviewCommentPages: $0.reviewComments.count, eventPages: $0.events.count, requests: $0.requests,
                           graphqlPoints: $0.graphQLPoints, eventsCutShort: $0.eventsCutShort, exact: $0.exact)
            },
            totalRequests: requests, logins: logins, exact: exact, anonymous: anonymous, fitsInQuota: fitsInQuota,
            quota: rate.map { Quota(limit: $0.limit, remaining: $0.remaining, reset: $0.reset.seconds, resetUTC: $0.reset.iso8601) },
            hours: Self.tenths(hours), hoursWithToken: Self.tenths(hoursWithToken))
        return JSONText.line(report)
    }

    private static func tenths(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    private static func pages(_ pages: FirstSyncEstimate.Pages) -> String {
        pages.exact ? number(pages.count) : "\(number(pages.count))+"
    }

    /// 131304 as "131,304".
    static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    private static func duration(_ hours: Double) -> String {
        if hours < 1 { return "less than an hour" }
        if hours < 48 { return "about \(Int(hours.rounded(.up))) hours" }
        return "about \(number(Int((hours / 24).rounded(.up)))) days (\(number(Int(hours.rounded(.up)))) hours)"
    }
}
