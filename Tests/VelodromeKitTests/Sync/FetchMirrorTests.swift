import FakeGitHub
import TestSupport
import Testing
@testable import VelodromeKit

/// A first sync and an unchanged re-sync: exact table contents, exact requests.
@Suite struct FetchMirrorTests {
    static let issuesList = "/repos/Acme/Widgets/issues?state=all&sort=updated&direction=asc&per_page=100"
    static let eventsList = "/repos/Acme/Widgets/issues/events?per_page=100"
    static let commentsList = "/repos/Acme/Widgets/issues/comments?sort=updated&direction=asc&per_page=100"
    static let reviewsList = "/repos/Acme/Widgets/pulls/comments?sort=updated&direction=asc&per_page=100"

    /// Scenario time `start + offset` as the `since` parameter GitHub takes.
    static func since(_ offset: Int64) -> String { "&since=\(Timestamp(seconds: FetchHarness.start + offset).iso8601)" }

    @Test(arguments: Backend.all) func firstSyncMirrorsEverythingWithTheLowestRequests(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            #expect(try await harness.fetch(["Acme/Widgets"]) == .completed)
            try await harness.expectMirrorEqualsTruth("Acme/Widgets")
            // Each list: one page, then one query since its newest time that finds nothing newer.
            #expect(harness.targets == [
                Self.issuesList, Self.issuesList + Self.since(220),
                Self.eventsList,
                Self.commentsList, Self.commentsList + Self.since(220),
                Self.reviewsList, Self.reviewsList + Self.since(210),
            ])
            #expect(harness.github.requests.allSatisfy { $0.login == "tester" && $0.userAgent?.hasPrefix("velodrome/") == true })
            harness.expectNoRateLimitPolling()
        }
    }

    @Test(arguments: Backend.all) func storesWhatTheMetricsNeedExactly(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            try await harness.fetch(["Acme/Widgets"])
            let issues = try await harness.store.issues(repository: "acme/widgets")
            #expect(issues.map(\.user) == ["alice", "bob", "ghost", "ghost"])
            #expect(issues.map(\.isPullRequest) == [false, true, false, true])
            #expect(issues[0].labels == [])
            #expect(issues[0].assignees == ["dave"])
            #expect(issues[1].state == "closed")
            #expect(issues[1].mergedAt == Timestamp(seconds: FetchHarness.start + 110))
            let events = try await harness.store.events(repository: "acme/widgets")
            #expect(events.map(\.event) == ["labeled", "merged", "closed", "assigned", "some_future_event", "unlabeled"])
            #expect(events.map(\.actor) == ["carol", "k8s-merge-robot", "k8s-merge-robot", "alice", "ghost", "ghost"])
            #expect(events.map(\.label) == ["lgtm", nil, nil, nil, nil, "bug"])
            #expect(events[3].assignee == "dave")
            let comments = try await harness.store.comments(repository: "acme/widgets")
            #expect(comments.map(\.body) == ["/lgtm", "thanks", "review note"])
            #expect(comments.map(\.user) == ["carol", "ghost", "dave"])
            #expect(comments.map(\.isReviewComment) == [false, false, true])
        }
    }

    @Test(arguments: Backend.all) func unchangedResyncSpendsOnlyNotModified(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            let stage = try harness.stage(["Acme/Widgets"])
            #expect(try await stage.runIteration(stop: .never) == .completed)
            let quotaAfterFirst = stage.counters.quotaRemaining
            harness.github.resetRequests()
            #expect(try await stage.runIteration(stop: .never) == .completed)
            let requests = harness.github.requests
            #expect(requests.map(\.target) == [Self.issuesList + Self.since(220), Self.eventsList,
                                              Self.commentsList + Self.since(220), Self.reviewsList + Self.since(210)])
            #expect(requests.allSatisfy { $0.status == 304 && $0.ifNoneMatch != nil })
            #expect(stage.counters.quotaRemaining == quotaAfterFirst)
            #expect(stage.counters.notModified == 4)
            try await harness.expectMirrorEqualsTruth("Acme/Widgets")
        }
    }

    @Test(arguments: Backend.all) func watermarkIsTheSyncStartByGitHubsClockLessTheSettleMargin(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            try await harness.fetch(["Acme/Widgets"])
            let state = try await harness.store.syncState(repository: "acme/widgets")
            #expect(state.watermark == Timestamp(seconds: FetchHarness.githubNow - 300))
            #expect(Set(state.cursors.keys) == ["issues", "events", "issue_comments", "review_comments", "sync"])
            // The series of attempts is over: the next sync starts a new one.
            #expect(state.cursors["sync"] == "{}")
        }
    }

    @Test(arguments: Backend.all) func changesBetweenSyncsAreMirrored(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            try await harness.fetch(["Acme/Widgets"])
            let now = harness.clock.now
            let edited = harness.github.mutate("Acme/Widgets") { repository -> FakeComment in
                repository.editComment(id: repository.issueComments[0].id, review: false, body: "/lgtm cancel", at: now)
                repository.addEvent(issue: 3, event: "closed", actor: "alice", at: now)
                repository.addComment(issue: 4, body: "late review", user: "erin", at: now, review: true)
                return repository.issueComments[0]
            }
            harness.clock.advance(60)
            #expect(try await harness.fetch(["Acme/Widgets"]) == .completed)
            try await harness.expectMirrorEqualsTruth("Acme/Widgets")
            let comments = try await harness.store.comments(repository: "acme/widgets")
            #expect(comments.count == 4)
            #expect(comments.first { $0.id == edited.id && !$0.isReviewComment }?.body == "/lgtm cancel")
            #expect(try await harness.store.syncState(repository: "acme/widgets").watermark == Timestamp(seconds: FetchHarness.githubNow + 60 - 300))
        }
    }

    @Test(arguments: Backend.all) func issueCommentAndReviewCommentWithOneIDBothSurvive(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            var repository = FakeRepository(owner: "acme", name: "ids", id: 1)
            repository.addIssue(title: "PR", user: "alice", isPullRequest: true, at: FetchHarness.start)
            repository.nextReviewCommentID = repository.nextCommentID
            let issueComment = repository.addComment(issue: 1, body: "issue comment", user: "bob", at: FetchHarness.start + 1)
            let reviewComment = repository.addComment(issue: 1, body: "review comment", user: "carol", at: FetchHarness.start + 2, review: true)
            #expect(issueComment.id == reviewComment.id)
            harness.github.addRepository(repository)
            try await harness.fetch(["acme/ids"])
            let comments = try await harness.store.comments(repository: "acme/ids")
            #expect(comments.map(\.id) == [issueComment.id, reviewComment.id])
            #expect(comments.map(\.body) == ["issue comment", "review comment"])
            try await harness.expectMirrorEqualsTruth("acme/ids")
        }
    }

    @Test(arguments: Backend.all) func idsAbove2To53RoundTripExactly(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            var repository = FakeRepository(owner: "acme", name: "ids", id: (1 << 53) + 7)
            repository.nextIssueID = (1 << 53) + 1
            repository.nextEventID = (1 << 62) + 3
            repository.nextCommentID = (1 << 53) + 5
            repository.nextReviewCommentID = Int64.max - 10
            repository.addIssue(title: "big", user: "alice", isPullRequest: true, at: FetchHarness.start)
            repository.addEvent(issue: 1, event: "labeled", actor: "bob", label: "lgtm", at: FetchHarness.start + 1)
            repository.addComment(issue: 1, body: "c", user: "bob", at: FetchHarness.start + 2)
            repository.addComment(issue: 1, body: "r", user: "bob", at: FetchHarness.start + 3, review: true)
            harness.github.addRepository(repository)
            try await harness.fetch(["acme/ids"])
            #expect(try await harness.store.issues(repository: "acme/ids").map(\.githubID) == [(1 << 53) + 1])
            #expect(try await harness.store.events(repository: "acme/ids").map(\.id) == [(1 << 62) + 3])
            #expect(try await harness.store.comments(repository: "acme/ids").map(\.id) == [(1 << 53) + 5, Int64.max - 10])
        }
    }

    @Test(arguments: Backend.all) func anonymousWhenNoToken(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            let log = LogRecorder()
            let stage = try harness.stage(["Acme/Widgets"], tokens: [], logger: log.logger)
            #expect(try await stage.runIteration(stop: .never) == .completed)
            #expect(log.messages.first == "warning no GitHub token: anonymous requests get 60 an hour from \(harness.github.baseURL.absoluteString); "
                    + "give --token-file PATH or set GITHUB_TOKEN")
            #expect(harness.github.requests.allSatisfy { $0.login == nil })
            #expect(stage.counters.quotaRemaining == 53)
            // Unlike authenticated ones, anonymous 304s still count against the quota.
            #expect(try await stage.runIteration(stop: .never) == .completed)
            #expect(stage.counters.quotaRemaining == 49)
            try await harness.expectMirrorEqualsTruth("Acme/Widgets")
        }
    }
}
