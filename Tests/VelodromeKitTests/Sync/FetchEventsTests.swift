import FakeGitHub
import Testing
@testable import VelodromeKit

/// The repository-wide events list, and the issue-by-issue fallback where GitHub stops it short.
@Suite struct FetchEventsTests {
    /// A first sync of 60 issues with 5 events each, GitHub paging the events list two pages
    /// deep; an hour later `count` new events on the first `onIssues` issues; then a second sync.
    static func resyncAfterNewEvents(_ harness: FetchHarness, count: Int, onIssues issues: Int) async throws {
        harness.github.eventsPageLimit = 2
        harness.github.addRepository(Scenarios.sized(issues: 60, eventsPerIssue: 5))
        try await harness.fetch(["big/repo"])
        harness.clock.advance(3600)
        let now = harness.clock.now
        harness.github.mutate("big/repo") { repository in
            for index in 0..<count {
                repository.addEvent(issue: 1 + index % issues, event: "labeled", actor: "bot", label: "l\(index)", at: now + Int64(index))
            }
        }
        harness.clock.advance(600)
        harness.github.resetRequests()
        #expect(try await harness.fetch(["big/repo"]) == .completed)
    }

    @Test(arguments: Backend.all) func listStoppingShortFallsBackToIssuesInTheGap(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.eventsPageLimit = 2
            // 60 issues created first, then 5 rounds of one event each: the 200 newest events
            // reach back into round 1, so every issue is in the gap on a first sync.
            harness.github.addRepository(Scenarios.sized(issues: 60, eventsPerIssue: 5))
            #expect(try await harness.fetch(["big/repo"]) == .completed)
            try await harness.expectMirrorEqualsTruth("big/repo")
            let eventRequests = harness.github.requests.filter { $0.target.contains("/events") }
            // Two pages, then the page after the full last one, which GitHub refuses.
            #expect(eventRequests.filter { $0.target.contains("/issues/events") }.map(\.status) == [200, 200, 422])
            let eventTargets = eventRequests.map(\.target)
            #expect(eventTargets.filter { $0.range(of: #"/issues/\d+/events"#, options: .regularExpression) != nil }.count == 60)
        }
    }

    @Test(arguments: Backend.all) func laterWalksStopAtStoredEvents(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            // 150 new events on issues 1-3: two pages reach the stored ones.
            try await Self.resyncAfterNewEvents(harness, count: 150, onIssues: 3)
            try await harness.expectMirrorEqualsTruth("big/repo")
            #expect(harness.targets.filter { $0.contains("events") } == [
                "/repos/big/repo/issues/events?per_page=100",
                "/repositories/777/issues/events?per_page=100&page=2",
            ])
        }
    }

    @Test(arguments: Backend.all) func laterFallbackReadsOnlyIssuesUpdatedInTheGap(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            // 250 new events on issues 1-5: more than the two pages GitHub will give.
            try await Self.resyncAfterNewEvents(harness, count: 250, onIssues: 5)
            try await harness.expectMirrorEqualsTruth("big/repo")
            let perIssue = harness.targets.filter { $0.range(of: #"/issues/\d+/events"#, options: .regularExpression) != nil }
            #expect(perIssue == (1...5).map { "/repos/big/repo/issues/\($0)/events?per_page=100" })
        }
    }

    @Test(arguments: Backend.all) func fullLastPageIsProbedNotTakenForACutList(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.sized(issues: 50, eventsPerIssue: 4))
            #expect(try await harness.fetch(["big/repo"]) == .completed)
            try await harness.expectMirrorEqualsTruth("big/repo")
            let events = harness.targets.filter { $0.contains("events") }
            #expect(events.count == 3)
            #expect(events.last == "/repositories/777/issues/events?per_page=100&page=3")
        }
    }

    @Test(arguments: Backend.all) func refusedDeepPageFallsBackToIssuesInTheGap(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.sized(issues: 40, eventsPerIssue: 5))
            harness.github.inject(.status(422, body: #"{"message":"In order to keep the API fast for everyone, pagination is limited for this resource."}"#)) {
                $0.contains("/issues/events") && $0.contains("page=2")
            }
            #expect(try await harness.fetch(["big/repo"]) == .completed)
            try await harness.expectMirrorEqualsTruth("big/repo")
            #expect(harness.targets.filter { $0.range(of: #"/issues/\d+/events"#, options: .regularExpression) != nil }.count == 40)
        }
    }
}
