import FakeGitHub
import Foundation
import Testing
@testable import VelodromeKit

/// The first sync of a repository whose events list GitHub cuts short, its older histories read
/// through GraphQL's timelines instead of a REST request per issue.
@Suite struct FetchGraphQLTests {
    /// 300 issues and pull requests with every kind of event both APIs know, ghosts among the
    /// actors, and an issue (7) and a pull request (8) with more events than a timeline page.
    static func repository() -> FakeRepository {
        var repository = Scenarios.sized(issues: 300, eventsPerIssue: 2, commentsPerIssue: 1)
        var time = repository.events.map(\.createdAt).max()! + 10
        let people: [FakeActor] = ["alice", "bob", .ghost, .null]
        for number in stride(from: 1, through: 300, by: 3) {
            repository.addEvent(issue: number, event: "assigned", actor: people[number % 4], assignee: "carol", at: time)
            repository.addEvent(issue: number, event: number % 2 == 0 ? "merged" : "closed", actor: people[(number + 1) % 4], at: time + 1)
            repository.addEvent(issue: number, event: "reopened", actor: "bob", at: time + 2)
            time += 3
        }
        for index in 0..<230 {
            repository.addEvent(issue: 7, event: index % 2 == 0 ? "labeled" : "unlabeled", actor: "bot", label: "size/L", at: time)
            repository.addEvent(issue: 8, event: "review_requested", actor: "alice", at: time)
            time += 1
        }
        return repository
    }

    /// `repository()` with the events list cut after two pages (of page numbers: GitHub cuts
    /// those), synced once with GraphQL: the mirror is the truth.
    @discardableResult
    static func syncThroughGraphQL(_ harness: FetchHarness) async throws -> FetchStage {
        harness.github.eventsPageLimit = 2
        harness.github.cursorThreshold = 100_000
        harness.github.addRepository(repository())
        let stage = try harness.stage(["big/repo"], graphQL: .auto)
        #expect(try await stage.runIteration(stop: .never) == .completed)
        try await harness.expectMirrorEqualsTruthAcrossAPIs("big/repo")
        return stage
    }

    @Test(arguments: Backend.all) func aFirstSyncThroughGraphQLEqualsARESTOnlySync(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            let stage = try await Self.syncThroughGraphQL(harness)
            // REST, beside the queries: 4 issue pages and the check that nothing is newer, the 2
            // event pages the list has and the refused third, 3 comment pages and the check, 1
            // review comment page and the check. No request per issue.
            let rest = harness.github.requests.filter { $0.method == "GET" }
            let expectedREST = 5 + 3 + 4 + 2
            #expect(rest.count == expectedREST, "\(harness.github.requests.map { "\($0.method) \($0.target) \($0.status)" })")
            #expect(!rest.contains { $0.target.firstMatch(of: /\/issues\/\d+\/events/) != nil })
            // GraphQL: the 300 issues in a few batches, and the next pages of 7 and 8.
            let points = harness.github.quotaUsed(login: "tester", resource: "graphql")
            #expect(stage.counters.graphQLPoints == points)
            #expect((4...8).contains(points), "\(points) points")
            #expect(rest.count + points < 300 / 5)
        }
    }

    @Test func aGraphQLBackfillThenRESTIncrementsHoldEveryEventOnce() async throws {
        try await FetchHarness.with { harness in
            try await Self.syncThroughGraphQL(harness)
            // New events on old issues and a new issue, seen by the next walk through REST; the
            // settle margin makes it read again the newest events GraphQL stored.
            harness.clock.advance(3600)
            harness.github.mutate("big/repo") { repository in
                let now = harness.clock.now
                repository.addEvent(issue: 3, event: "labeled", actor: "alice", label: "lgtm", at: now)
                repository.addEvent(issue: 299, event: "closed", actor: "bob", at: now)
                repository.addIssue(title: "new", user: "dave", at: now)
                repository.addEvent(issue: 301, event: "labeled", actor: "dave", label: "bug", at: now)
            }
            harness.clock.advance(60)
            try await harness.fetch(["big/repo"], graphQL: .auto)
            try await harness.expectMirrorEqualsTruthAcrossAPIs("big/repo")
            let events = try await harness.store.events(repository: "big/repo")
            #expect(Set(events.compactMap(\.nodeID)).count == events.count)
        }
    }

    /// The repository changes while GraphQL reads it: after each query, an event lands on an issue
    /// already read and one on an issue not yet read. The sync after holds exactly the truth.
    @Test func churnDuringTheBackfillIsCaughtByTheNextSync() async throws {
        try await FetchHarness.with { harness in
            let clock = harness.clock
            harness.github.onRequest { request, github in
                guard request.method == "POST" else { return }
                github.mutate("big/repo") { repository in
                    let time = clock.now
                    repository.addEvent(issue: 2, event: "labeled", actor: "alice", label: "lgtm", at: time)
                    repository.addEvent(issue: 299, event: "unlabeled", actor: "bob", label: "label-0", at: time)
                }
            }
            harness.github.eventsPageLimit = 2
            harness.github.cursorThreshold = 100_000
            harness.github.addRepository(Self.repository())
            try await harness.fetch(["big/repo"], graphQL: .auto)
            // Several queries, so events landed between them, on both sides of the backfill.
            let queries = harness.github.requests.filter { $0.method == "POST" }.count
            #expect(queries >= 4)
            harness.clock.advance(600)
            try await harness.fetch(["big/repo"], graphQL: .auto)
            try await harness.expectMirrorEqualsTruthAcrossAPIs("big/repo")
        }
    }

    /// Queries of 50 timelines run past the fake's limit: the batch halves until they fit, and the
    /// timed-out queries' points are counted too.
    @Test func timeoutsShrinkTheBatch() async throws {
        try await FetchHarness.with { harness in
            harness.github.graphQLTimeoutNodes = 1500
            let stage = try await Self.syncThroughGraphQL(harness)
            let queries = harness.github.requests.filter { $0.method == "POST" }
            // 50 and 25 time out, then 12 at a time fit; growing finds the limit (15) again a few
            // times, never back to a size that timed out.
            #expect(queries.prefix(3).map(\.status) == [502, 502, 200])
            #expect(queries.filter { $0.status == 502 }.count <= 5)
            #expect(stage.counters.graphQLPoints == harness.github.quotaUsed(login: "tester", resource: "graphql"))
        }
    }

    /// Without GraphQL (a GitHub Enterprise server without it, or no token), `auto` reads issue
    /// by issue through REST, and the mirror is the same.
    @Test(arguments: ["no GraphQL", "anonymous"]) func autoFallsBackToREST(case name: String) async throws {
        try await FetchHarness.with { harness in
            harness.github.eventsPageLimit = 2
            harness.github.addRepository(Scenarios.sized(issues: 40, eventsPerIssue: 6))
            if name == "no GraphQL" { harness.github.inject(.status(404, body: #"{"message":"Not Found"}"#), times: 10) { $0 == "/graphql" } }
            try await harness.fetch(["big/repo"], tokens: name == "anonymous" ? [] : nil, graphQL: .auto)
            try await harness.expectMirrorEqualsTruth("big/repo")
            #expect(harness.github.requests.filter { $0.method == "POST" }.count == (name == "anonymous" ? 0 : 1))
            #expect(harness.github.requests.filter { $0.target.firstMatch(of: /\/issues\/\d+\/events/) != nil }.count == 40)
        }
    }

    /// `always` does not fall back: a server without GraphQL fails the repository.
    @Test func alwaysFailsWithoutGraphQL() async throws {
        try await FetchHarness.with { harness in
            harness.github.eventsPageLimit = 2
            harness.github.addRepository(Scenarios.sized(issues: 40, eventsPerIssue: 6))
            harness.github.inject(.status(404, body: #"{"message":"Not Found"}"#), times: 10) { $0 == "/graphql" }
            let outcome = try await harness.fetch(["big/repo"], graphQL: .always)
            #expect(outcome != .completed, "\(harness.github.requests.map { "\($0.method) \($0.target) \($0.status)" })")
        }
    }

    /// A login whose points are spent waits for their reset, as for REST's quota.
    @Test func spentPointsWaitForTheReset() async throws {
        try await FetchHarness.with { harness in
            harness.github.eventsPageLimit = 2
            harness.github.addRepository(Scenarios.sized(issues: 40, eventsPerIssue: 6))
            harness.github.setQuota(login: "tester", resource: "graphql", limit: 5000, remaining: 0, resetAt: harness.clock.now + 600)
            try await harness.fetch(["big/repo"], graphQL: .auto)
            try await harness.expectMirrorEqualsTruthAcrossAPIs("big/repo")
            #expect(harness.sleeper.recorded.contains { $0 >= .seconds(600) })
        }
    }

    /// With `--once`, points spent for longer than `--max-wait`: the rest of the sync's events
    /// come through REST, whose quota is another.
    @Test func pointsSpentPastTheLongestWaitFallBackToREST() async throws {
        try await FetchHarness.with { harness in
            harness.github.eventsPageLimit = 2
            harness.github.addRepository(Scenarios.sized(issues: 40, eventsPerIssue: 6))
            harness.github.setQuota(login: "tester", resource: "graphql", limit: 5000, remaining: 0, resetAt: harness.clock.now + 3000)
            #expect(try await harness.fetch(["big/repo"], maxWait: .seconds(600), graphQL: .auto) == .completed)
            try await harness.expectMirrorEqualsTruth("big/repo")
            #expect(harness.github.requests.filter { $0.target.firstMatch(of: /\/issues\/\d+\/events/) != nil }.count == 40)
        }
    }

    /// GitHub's secondary limit on GraphQL (a 403 with Retry-After) is waited out as on REST.
    @Test func aSecondaryLimitIsWaitedOut() async throws {
        try await FetchHarness.with { harness in
            harness.github.inject(.secondaryRateLimit(retryAfter: 45), times: 1) { $0 == "/graphql" }
            try await Self.syncThroughGraphQL(harness)
            #expect(harness.sleeper.recorded.contains(.seconds(45)))
        }
    }

    /// Two logins: the queries go to the one with the most points left, so both are spent.
    @Test func pointsAreSpreadOverLogins() async throws {
        try await FetchHarness.with { harness in
            harness.github.addToken("second-token", login: "second")
            harness.github.eventsPageLimit = 2
            harness.github.cursorThreshold = 100_000
            harness.github.addRepository(Self.repository())
            try await harness.fetch(["big/repo"], tokens: [harness.tokenFile, Secret("second-token", origin: "b")], graphQL: .auto)
            try await harness.expectMirrorEqualsTruthAcrossAPIs("big/repo")
            #expect(harness.github.quotaUsed(login: "tester", resource: "graphql") > 0)
            #expect(harness.github.quotaUsed(login: "second", resource: "graphql") > 0)
        }
    }

    @Test(arguments: [
        (["--graphql", "always"], "velodrome fetch: --graphql always needs a token: GitHub answers GraphQL to tokens only (give --token-file PATH or set GITHUB_TOKEN)"),
        (["--graphql", "sometimes"], "velodrome fetch: bad value \"sometimes\" for --graphql: expected one of auto, never, always"),
    ])
    func badGraphQLOptionsExitTwo(arguments: [String], message: String) async throws {
        let directory = try TemporaryDirectory()
        let result = try await VelodromeProcess.run(["fetch", "--once", "--repository", "a/b", "--database", "sqlite:\(directory.path("m.db"))"] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr == message + "\n")
    }
}
