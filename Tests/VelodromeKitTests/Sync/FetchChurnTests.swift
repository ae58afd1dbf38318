import FakeGitHub
import Synchronization
import Testing
@testable import VelodromeKit

/// GitHub changes while a sync reads it: nothing may be lost.
@Suite struct FetchChurnTests {
    /// Calls `change` once, after the `after`-th request whose target contains `matching`.
    static func changeOnce(_ github: FakeGitHub, after count: Int, matching: String, _ change: @escaping @Sendable (FakeGitHub) -> Void) {
        let seen = Mutex(0)
        github.onRequest { request, github in
            guard request.target.contains(matching) else { return }
            if seen.withLock({ $0 += 1; return $0 }) == count { change(github) }
        }
    }

    @Test(arguments: Backend.all) func issueUpdatedMidWalkIsNotSkipped(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.sized(issues: 250))
            let now = harness.clock.now
            // After the first page, an issue on it changes and a new one appears: a walk by page
            // number would now skip the issue that slid back onto page one.
            Self.changeOnce(harness.github, after: 1, matching: "/issues?") { github in
                github.mutate("big/repo") { repository in
                    repository.touchIssue(50, at: now)
                    repository.addIssue(title: "new", user: "zed", at: now)
                }
            }
            #expect(try await harness.fetch(["big/repo"]) == .completed)
            try await harness.expectMirrorEqualsTruth("big/repo")
            let issueRequests = harness.targets.filter { $0.contains("/issues?") }
            #expect(issueRequests.allSatisfy { !$0.contains("&page=") && !$0.contains("?page=") })
            #expect(issueRequests.count == 4)
        }
    }

    static func tiedRepository(_ count: Int) -> FakeRepository {
        var repository = FakeRepository(owner: "tie", name: "run", id: 9)
        for number in 1...count {
            repository.addIssue(title: "bulk \(number)", user: "migrator", at: FetchHarness.start)
        }
        return repository
    }

    /// Syncs 250 issues sharing one `updated_at`. The second issues request reads the first page of
    /// that run; then an issue already read changes, so every later one slides back a place (and a
    /// walk by page number misses #101). Returns the issues requests made.
    static func syncRunWithChurn(_ harness: FetchHarness) async throws -> [String] {
        harness.github.addRepository(tiedRepository(250))
        let now = harness.clock.now
        changeOnce(harness.github, after: 2, matching: "/issues?") { github in
            github.mutate("tie/run") { $0.touchIssue(10, at: now) }
        }
        #expect(try await harness.fetch(["tie/run"]) == .completed)
        try await harness.expectMirrorEqualsTruth("tie/run")
        return harness.targets.filter { $0.contains("/issues?") }
    }

    @Test(arguments: Backend.all) func runOfEqualTimesWalkedByPageNumberIsReadAgainAfterChurn(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            let issueRequests = try await Self.syncRunWithChurn(harness)
            #expect(try await harness.store.issues(repository: "tie/run").count == 250)
            #expect(issueRequests.contains { $0.contains("page=2") })
            // The run was walked twice from its `since`.
            let since = "since=\(Timestamp(seconds: FetchHarness.start).iso8601)"
            #expect(issueRequests.filter { $0.hasSuffix(since) }.count == 2)
        }
    }

    @Test(arguments: Backend.all) func runOfEqualTimesWalkedByCursorNeedsNoSecondRead(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.cursorThreshold = 50
            let issueRequests = try await Self.syncRunWithChurn(harness)
            #expect(issueRequests.contains { $0.contains("after=") })
            #expect(issueRequests.filter { $0.hasSuffix("since=\(Timestamp(seconds: FetchHarness.start).iso8601)") }.count == 1)
        }
    }

    @Test(arguments: Backend.all) func deepListsNeverHitGitHubsPagingLimits(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.pageDepthLimit = 2
            harness.github.commentListLimit = 150
            harness.github.addRepository(Scenarios.sized(issues: 350, commentsPerIssue: 2))
            #expect(try await harness.fetch(["big/repo"]) == .completed)
            try await harness.expectMirrorEqualsTruth("big/repo")
            #expect(harness.github.requests.allSatisfy { $0.status == 200 })
        }
    }
}
