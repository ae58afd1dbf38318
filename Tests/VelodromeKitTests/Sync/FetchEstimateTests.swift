import FakeGitHub
import Foundation
import Logging
import Testing
@testable import VelodromeKit

/// `fetch --estimate`: what a first sync costs, from the sizes GitHub states, against the quota.
@Suite struct FetchEstimateTests {
    /// 250 issues and pull requests, 500 events; of the 500 comments, those on every fourth
    /// issue (124) are review comments.
    static let repository = Scenarios.sized(issues: 250, eventsPerIssue: 2, commentsPerIssue: 2)

    func report(_ harness: FetchHarness, _ repositories: [String] = ["big/repo"], tokens: [Secret] = [],
                throughGraphQL: Bool = false) async throws -> SyncEstimateReport {
        let settings = FetchSettings(repositories: try repositories.map { try RepositoryName(parsing: $0) }, githubURL: harness.github.baseURL,
                                     tokens: tokens, requestTimeout: .seconds(5), maxWait: nil, settle: .seconds(300))
        let client = settings.client(sleeper: harness.sleeper, jitter: .fixed(0.5), elapsed: { [clock = harness.clock] in .seconds(clock.now) },
                                     logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        return try await FirstSyncEstimator(client: client).report(try repositories.map { try RepositoryName(parsing: $0) },
                                                                   anonymous: tokens.isEmpty, throughGraphQL: throughGraphQL, stop: .never)
    }

    @Test func countsEveryListAndMatchesTheSyncItEstimates() async throws {
        try await FetchHarness.with { harness in
            harness.github.addRepository(Self.repository)
            let report = try await report(harness)
            #expect(report.estimates == [FirstSyncEstimate(repository: "big/repo", issues: 250, comments: .init(4), reviewComments: .init(2),
                                                           events: .init(5), eventsCutShort: false)])
            // The newest issue, the first page of each list, and the page after the events' last.
            #expect(harness.github.requests.map(\.target) == [
                "/repos/big/repo/issues?state=all&sort=created&direction=desc&per_page=1",
                "/repos/big/repo/issues/comments?per_page=100",
                "/repos/big/repo/pulls/comments?per_page=100",
                "/repos/big/repo/issues/events?per_page=100",
                "/repositories/777/issues/events?per_page=100&page=6",
            ])
            #expect(report.requests == 3 + 4 + 2 + 5 + 4)
            #expect(report.exact)
            #expect(report.rate?.limit == 60)
            #expect(report.rate?.remaining == 55)
            #expect(report.fitsInQuota)
            #expect(report.hours == 0)

            // The sync itself, anonymous like the estimate.
            harness.github.resetRequests()
            #expect(try await harness.fetch(["big/repo"], tokens: []) == .completed)
            #expect(harness.github.requests.count == report.requests)
        }
    }

    @Test func anEventsListCutShortCountsARequestPerIssue() async throws {
        try await FetchHarness.with { harness in
            harness.github.eventsPageLimit = 2
            harness.github.addRepository(Self.repository)
            let report = try await report(harness)
            #expect(report.estimates.map(\.eventsCutShort) == [true])
            #expect(report.estimates.map(\.events) == [.init(2)])
            #expect(report.requests == 3 + 4 + 2 + 2 + 250 + 4)
            #expect(harness.github.requests.map(\.status) == [200, 200, 200, 200, 422])
            #expect(report.table.contains("GitHub stops the events list of big/repo at page 2: the events of older issues cost a request per issue, up to 250, counted above.\n"))
        }
    }

    /// With a token and GraphQL, the cut list's rest costs GraphQL points, 100 issues a point.
    @Test func throughGraphQLTheCutListCostsPoints() async throws {
        try await FetchHarness.with { harness in
            harness.github.eventsPageLimit = 2
            harness.github.addRepository(Self.repository)
            let report = try await report(harness, tokens: [harness.tokenFile], throughGraphQL: true)
            #expect(report.requests == 3 + 4 + 2 + 2 + 4)
            #expect(report.graphQLPoints == 3)
            #expect(report.table.contains("GitHub stops the events list of big/repo at page 2: the events of older issues are read through GraphQL, about 3 points of its own quota (100 issues a point).\n"))
        }
    }

    @Test func listsPagedByCursorGiveALowerBound() async throws {
        try await FetchHarness.with { harness in
            harness.github.cursorThreshold = 300
            harness.github.addRepository(Self.repository)
            let report = try await report(harness)
            // The events (500) and issue comments (376) are paged by cursor: no count.
            #expect(report.estimates.map(\.comments) == [.init(2, exact: false)])
            #expect(report.estimates.map(\.reviewComments) == [.init(2)])
            #expect(report.estimates.map(\.events) == [.init(2, exact: false)])
            #expect(!report.exact)
            #expect(report.table.contains("A first sync needs at least 13 requests.\n"))
        }
    }

    @Test func anAnonymousSyncThatDoesNotFitSaysHowLongItTakes() async throws {
        try await FetchHarness.with { harness in
            harness.github.eventsPageLimit = 2
            harness.github.addRepository(Self.repository)
            let reset = harness.clock.now + 1800
            harness.github.setQuota(login: nil, limit: 60, remaining: 40, resetAt: reset)
            let report = try await report(harness)
            #expect(report.requests == 265)
            #expect(report.rate == RateLimit(limit: 60, remaining: 35, reset: Timestamp(seconds: reset), used: 25, resource: "core"))
            #expect(!report.fitsInQuota)
            // 230 requests more than are left: half an hour to the reset, then four windows of 60,
            // the last of which begins three hours after it.
            #expect(report.hours == 0.5 + 3)
            #expect(report.table == """
                REPOSITORY  ISSUES AND PRS  COMMENT PAGES  REVIEW COMMENT PAGES  EVENT PAGES    REQUESTS
                big/repo    250             4              2                     2 (cut short)  265
                GitHub stops the events list of big/repo at page 2: the events of older issues cost a request per issue, up to 250, counted above.
                A first sync needs about 265 requests.
                Anonymous requests have 35 of 60 left until \(Timestamp(seconds: reset).iso8601).
                At 60 an hour that takes about 4 hours.
                A token (--token-file PATH, or GITHUB_TOKEN) gets 5,000 an hour: less than an hour.

                """)
            #expect(report.json == """
                {"anonymous":true,"exact":true,"fits_in_quota":false,"hours":3.5,"hours_with_token":0,"logins":1,"quota":{"limit":60,"remaining":35,"reset":\(reset),"reset_utc":"\(Timestamp(seconds: reset).iso8601)"},"repositories":[{"comment_pages":4,"event_pages":2,"events_cut_short":true,"exact":true,"graphql_points":0,"issue_pages":3,"issues":250,"repository":"big/repo","requests":265,"review_comment_pages":2}],"total_requests":265}

                """)
        }
    }

    @Test func aTokensQuotaIsTheLogins() async throws {
        try await FetchHarness.with { harness in
            harness.github.addRepository(Self.repository)
            harness.github.addRepository(Scenarios.sized(issues: 30, owner: "small", name: "one", id: 778))
            let report = try await report(harness, ["big/repo", "small/one"], tokens: [harness.tokenFile])
            #expect(report.estimates.map(\.requests) == [18, 1 + 1 + 1 + 1 + 4])
            #expect(report.requests == 26)
            #expect(report.rate?.limit == 5000)
            #expect(report.table.contains("This token's login has 4,991 of 5,000 left until"))
            #expect(report.table.hasSuffix("That fits in what is left.\n"))
        }
    }

    /// Tokens of two logins: both quotas are spent by the sync, so both count; two tokens of one
    /// login share its quota and count once.
    @Test func theQuotaIsEveryLoginsAddedUp() async throws {
        try await FetchHarness.with { harness in
            harness.github.addRepository(Self.repository)
            harness.github.addToken("second-a", login: "second")
            harness.github.addToken("second-b", login: "second")
            let report = try await report(harness, tokens: [harness.tokenFile, Secret("second-a", origin: "a"), Secret("second-b", origin: "b")])
            // Three `/user` requests learn the logins, then the estimate's five.
            #expect(harness.github.requests.count == 3 + 5)
            #expect(report.logins == 2)
            #expect(report.rate?.limit == 10_000)
            #expect(report.rate?.remaining == 10_000 - 8)
            #expect(report.table.contains("The tokens' 2 logins have 9,992 of 10,000 left until"))
        }
    }

    /// A server that sends no rate-limit headers limits nothing: the sync fits.
    @Test func noQuotaFits() {
        let report = SyncEstimateReport(estimates: [FirstSyncEstimate(repository: "a/b", issues: 9000, comments: .init(90), reviewComments: .init(9),
                                                                      events: .init(300), eventsCutShort: true)],
                                        rate: nil, anonymous: true, now: 0)
        #expect(report.fitsInQuota)
        #expect(report.hours == 0)
        #expect(report.table.hasSuffix("A first sync needs about 9,493 requests.\nGitHub sent no quota with its answers: it limits none.\n"))
    }

    @Test func numbersAreGroupedByThousands() {
        #expect([0, 999, 1000, 131_304, 1_000_000, -4200].map(SyncEstimateReport.number) == ["0", "999", "1,000", "131,304", "1,000,000", "-4,200"])
    }
}
