import FakeGitHub
import Testing
@testable import VelodromeKit

/// The quota is read from every answer, spread over logins, and waited out; never polled.
@Suite struct FetchRateLimitTests {
    @Test(arguments: Backend.all) func spentQuotaIsWaitedOutUntilItsReset(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            let reset = harness.clock.now + 900
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 52, resetAt: reset)
            #expect(try await harness.fetch(["Acme/Widgets"]) == .completed)
            try await harness.expectMirrorEqualsTruth("Acme/Widgets")
            // Two requests bring the login to its reserve (1% of the limit); then fetch waits for the reset.
            #expect(harness.sleeper.recorded == [.seconds(901)])
            #expect(harness.targets.count == 7)
            harness.expectNoRateLimitPolling()
        }
    }

    @Test(arguments: Backend.all) func waitLongerThanMaxWaitFailsTheRepository(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 50, resetAt: harness.clock.now + 3600)
            let outcome = try await harness.fetch(["Acme/Widgets"], maxWait: .seconds(600))
            #expect(outcome == .partialFailure("1 of 1 repositories did not sync: acme/widgets"))
            #expect(harness.sleeper.recorded.isEmpty)
            #expect(harness.targets.count == 1)
        }
    }

    @Test(arguments: [
        (Fault.secondaryRateLimit(retryAfter: 30), [Duration.seconds(30)]),
        (.secondaryRateLimit(retryAfter: nil), [.seconds(60)]),
        (.tooManyRequests(retryAfter: 5), [.seconds(5)]),
        (.tooManyRequests(retryAfter: nil), [.seconds(60)]),
    ])
    func secondaryLimitsHonourRetryAfterOrWaitAMinute(fault: Fault, waits: [Duration]) async throws {
        try await FetchHarness.with { harness in
            harness.github.addRepository(Scenarios.small())
            harness.github.inject(fault, when: FetchFaultTests.firstIssuesPage)
            #expect(try await harness.fetch(["Acme/Widgets"]) == .completed)
            try await harness.expectMirrorEqualsTruth("Acme/Widgets")
            #expect(harness.sleeper.recorded == waits)
        }
    }

    @Test(arguments: Backend.all) func repeatedSecondaryLimitsBackOffExponentially(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            harness.github.inject(.secondaryRateLimit(retryAfter: nil), times: 3, when: FetchFaultTests.firstIssuesPage)
            let outcome = try await harness.fetch(["Acme/Widgets"])
            #expect(outcome == .completed)
            #expect(harness.sleeper.recorded == [Duration.seconds(60), .seconds(120), .seconds(240)])
        }
    }

    @Test(arguments: Backend.all) func requestsGoToTheLoginWithTheMostQuotaLeft(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            harness.github.addToken("ann-1", login: "ann")
            harness.github.addToken("ann-2", login: "ann")
            harness.github.addToken("ben-1", login: "ben")
            harness.github.setQuota(login: "ann", limit: 5000, remaining: 4000)
            harness.github.setQuota(login: "ben", limit: 5000, remaining: 4005)
            let tokens = ["ann-1", "ann-2", "ben-1"].map { Secret($0, origin: "token file /run/\($0)") }
            let stage = try harness.stage(["Acme/Widgets"], tokens: tokens)
            #expect(try await stage.runIteration(stop: .never) == .completed)
            let requests = harness.github.requests
            // One /user per token tells which tokens share a login.
            #expect(requests.prefix(3).map(\.target) == ["/user", "/user", "/user"])
            #expect(requests.prefix(3).map(\.login) == ["ann", "ann", "ben"])
            // Then ann has 3998 left and ben 4004: ben serves until they are level, then they alternate.
            let logins = requests.dropFirst(3).map(\.login)
            #expect(logins == ["ben", "ben", "ben", "ben", "ben", "ben", "ann"])
            try await harness.expectMirrorEqualsTruth("Acme/Widgets")
        }
    }

    @Test(arguments: Backend.all) func learningALoginWhoseQuotaIsSpentWaitsForItsReset(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            harness.github.addToken("ann-1", login: "ann")
            harness.github.addToken("ben-1", login: "ben")
            harness.github.setQuota(login: "ann", limit: 5000, remaining: 0, resetAt: harness.clock.now + 300)
            let tokens = ["ann-1", "ben-1"].map { Secret($0, origin: "token file /run/\($0)") }
            #expect(try await harness.fetch(["Acme/Widgets"], tokens: tokens) == .completed)
            #expect(harness.sleeper.recorded == [.seconds(301)])
            #expect(harness.github.requests.prefix(3).map { "\($0.status) \($0.target) \($0.login ?? "-")" } == ["403 /user ann", "200 /user ann", "200 /user ben"])
            try await harness.expectMirrorEqualsTruth("Acme/Widgets")
        }
    }
}
