import FakeGitHub
import Foundation
import Logging
import Testing
@testable import VelodromeKit

/// Faults are retried without committing a partial page; what cannot be retried fails clearly.
@Suite struct FetchFaultTests {
    static let firstIssuesPage: @Sendable (String) -> Bool = { $0.contains("/issues?") && !$0.contains("since=") }

    @Test(arguments: [
        Fault.status(500, body: "{\"message\":\"Server Error\"}"),
        .status(502, body: ""),
        .stall(seconds: 0.5, then: .status(502, body: "")),
        .dropConnection,
        .truncatedBody,
        .malformedJSON,
    ])
    func transientFaultsAreRetried(fault: Fault) async throws {
        try await FetchHarness.with { harness in
            harness.github.addRepository(Scenarios.small())
            harness.github.inject(fault, times: 2, when: Self.firstIssuesPage)
            #expect(try await harness.fetch(["Acme/Widgets"]) == .completed)
            try await harness.expectMirrorEqualsTruth("Acme/Widgets")
            #expect(harness.targets.count == 9)
            // 1s and 2s backoffs, less half of their 50% jitter.
            #expect(harness.sleeper.recorded == [.milliseconds(750), .milliseconds(1500)])
        }
    }

    @Test(arguments: Backend.all) func stalledRequestTimesOutAndIsRetried(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            harness.github.inject(.stall(seconds: 4, then: nil), when: Self.firstIssuesPage)
            #expect(try await harness.fetch(["Acme/Widgets"], timeout: .seconds(1)) == .completed)
            try await harness.expectMirrorEqualsTruth("Acme/Widgets")
            #expect(harness.sleeper.recorded.count == 1)
        }
    }

    @Test(arguments: Backend.all) func persistentFailureFailsTheRepositoryAndCommitsNothingPartial(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            harness.github.inject(.status(503, body: ""), times: 6) { $0.contains("/issues/comments") }
            let outcome = try await harness.fetch(["Acme/Widgets"])
            #expect(outcome == .partialFailure("1 of 1 repositories did not sync: acme/widgets"))
            #expect(try await harness.store.comments(repository: "acme/widgets").isEmpty)
            #expect(try await harness.store.syncState(repository: "acme/widgets").watermark == nil)
            // Issues and events were committed page by page; the next sync picks up where this one
            // stopped, and its watermark is the first attempt's start: what GitHub showed late
            // while that attempt read past it is not behind the watermark.
            #expect(try await harness.store.issues(repository: "acme/widgets").count == 4)
            harness.github.resetRequests()
            harness.clock.advance(600)
            #expect(try await harness.fetch(["Acme/Widgets"]) == .completed)
            try await harness.expectMirrorEqualsTruth("Acme/Widgets")
            #expect(harness.targets.first == FetchMirrorTests.issuesList + FetchMirrorTests.since(220))
            #expect(try await harness.store.syncState(repository: "acme/widgets").watermark == Timestamp(seconds: FetchHarness.githubNow - 300))
        }
    }

    @Test(arguments: Backend.all) func missingRepositoryFailsAloneAndTheOthersGoOn(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            let outcome = try await harness.fetch(["acme/missing", "Acme/Widgets"])
            #expect(outcome == .partialFailure("1 of 2 repositories did not sync: acme/missing"))
            try await harness.expectMirrorEqualsTruth("Acme/Widgets")
        }
    }

    @Test(arguments: Backend.all) func renamedRepositoryIsFollowed(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            harness.github.renameRepository(from: "Acme/Widgets", to: "Acme/Gadgets")
            #expect(try await harness.fetch(["Acme/Widgets"]) == .completed)
            let truth = try #require(harness.github.repository("Acme/Gadgets"))
            #expect(try await harness.store.issues(repository: "acme/widgets") == Truth.issues(truth))
            #expect(try await harness.store.events(repository: "acme/widgets") == Truth.events(truth))
            #expect(harness.github.requests.contains { $0.status == 301 })
        }
    }

    @Test(arguments: Backend.all) func badTokenFailsAtOnceNamingItsFileNotItsValue(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            let stage = try harness.stage(["Acme/Widgets"], tokens: [Secret("ghp_revoked_secret_value", origin: "token file /run/secrets/old")])
            await #expect(throws: GitHubError.unauthorized(tokenOrigin: "token file /run/secrets/old")) {
                try await stage.runIteration(stop: .never)
            }
            let message = GitHubError.unauthorized(tokenOrigin: "token file /run/secrets/old").description
            #expect(message == "GitHub refused the token from token file /run/secrets/old (401 Bad credentials): check that it is valid and not revoked")
            #expect(harness.targets.count == 1)
        }
    }

    /// With no connection to GitHub every repository would fail alike: the iteration ends at the
    /// first one, with the address and the option that sets it.
    @Test(arguments: Backend.all) func unreachableGitHubEndsTheIterationAtTheFirstRepository(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            let settings = FetchSettings(repositories: [try RepositoryName(parsing: "acme/one"), try RepositoryName(parsing: "acme/two")],
                                         githubURL: URL(string: "http://127.0.0.1:1")!, tokens: [], requestTimeout: .seconds(5),
                                         maxWait: nil, settle: FetchHarness.settle)
            let stage = FetchStage(settings: settings, store: harness.store, sleeper: harness.sleeper, jitter: .fixed(0),
                                   logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), liveProgress: false)
            await #expect(throws: GitHubError.unreachable(apiURL: "http://127.0.0.1:1", reason: "cannot connect to 127.0.0.1:1 (GET /repos/acme/one/issues)", attempts: 6)) {
                try await stage.runIteration(stop: .never)
            }
            #expect(harness.sleeper.recorded.count == 5)
        }
    }
}
