import FakeGitHub
import Logging
import TestSupport
import Testing
@testable import VelodromeKit

/// GitHub's lists show a new event or comment some time after its timestamp. fetch and
/// transform alternating while that happens must count exactly what one rebuild over the final
/// mirror counts: nothing GitHub showed late is stored after transform has passed its time.
@Suite struct FetchLateDataTests {
    static let lag: Int64 = 120
    static let repository = "acme/widgets"

    static func metrics() throws -> [MetricDefinition] {
        [
            try TransformRunner.metric("merged", ["--no-issues", "--event=merged"]),
            try TransformRunner.metric("lgtm", ["--comments=(?m)^/lgtm", "--log-author"]),
            try TransformRunner.metric("labeled", ["--event=labeled:bug"]),
            try TransformRunner.metric("open", ["--state=opened,!merged", "--percentiles=50"]),
        ]
    }

    /// Rounds of fetch then transform a minute apart, with new issues, events and comments
    /// stamped between them; then a last round once everything shows. Returns the points the
    /// alternating transforms wrote and those of a rebuild over the final mirror.
    static func alternate(settle: Duration) async throws -> (incremental: [MetricPoint], rebuilt: [MetricPoint], mirrored: Bool) {
        var written: [MetricPoint] = []
        var rebuilt: [MetricPoint] = []
        var mirrored = false
        try await FetchHarness.with { harness in
            var seed = SeededRandom(42)
            var repository = FakeRepository(owner: "Acme", name: "Widgets", id: 4242)
            repository.addIssue(title: "first", user: "alice", isPullRequest: true, at: harness.clock.now - 6000)
            // Older history, so the repository-wide events list spans pages.
            for step in 0..<150 { repository.addEvent(issue: 1, event: "labeled", actor: "bot", label: "old", at: harness.clock.now - 5000 + Int64(step)) }
            harness.github.addRepository(repository)
            harness.github.listingLag = Self.lag
            let fetch = try harness.stage(["Acme/Widgets"], settle: settle)
            let sink = RecordingSink()
            let transform = TransformStage(jobs: [TransformJob(repository: try RepositoryName(parsing: Self.repository), metrics: try metrics())],
                                           store: harness.store, sink: sink, rebuild: false, batchSize: 1000,
                                           logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            for round in 0..<16 {
                let now = harness.clock.now
                harness.github.mutate("Acme/Widgets") { repository in
                    if round % 3 == 0 { repository.addIssue(title: "round \(round)", user: "bob", isPullRequest: true, at: now) }
                    let count = repository.issues.count
                    for step in 0..<12 {
                        let issue = 1 + seed.next(count)
                        let at = now + Int64(step * 5)
                        switch seed.next(4) {
                        case 0: repository.addEvent(issue: issue, event: "merged", actor: "robot", at: at)
                        case 1: repository.addEvent(issue: issue, event: "labeled", actor: "carol", label: "bug", at: at)
                        default: repository.addComment(issue: issue, body: "/lgtm", user: seed.next(2) == 0 ? "dave" : "erin", at: at)
                        }
                    }
                }
                harness.clock.advance(60)
                #expect(try await fetch.runIteration(stop: .never) == .completed)
                #expect(try await transform.runIteration(stop: .never) == .completed)
            }
            // Long after the last change: every item shows, and the watermark passes them all.
            harness.clock.advance(Self.lag + settle.components.seconds + 60)
            #expect(try await fetch.runIteration(stop: .never) == .completed)
            #expect(try await transform.runIteration(stop: .never) == .completed)
            let truth = try #require(harness.github.repository("Acme/Widgets"))
            let issues = try await harness.store.issues(repository: Self.repository)
            let events = try await harness.store.events(repository: Self.repository)
            let comments = try await harness.store.comments(repository: Self.repository)
            mirrored = issues == Truth.issues(truth) && events == Truth.events(truth) && comments == Truth.comments(truth)
            written = sink.all

            let rebuild = RecordingSink(target: "rebuild")
            let once = TransformStage(jobs: [TransformJob(repository: try RepositoryName(parsing: Self.repository), metrics: try metrics())],
                                      store: harness.store, sink: rebuild, rebuild: true, batchSize: 1000,
                                      logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            #expect(try await once.runIteration(stop: .never) == .completed)
            rebuilt = rebuild.all
        }
        return (written, rebuilt, mirrored)
    }

    static func sorted(_ points: [MetricPoint]) -> [MetricPoint] {
        points.sorted { ($0.measurement, $0.time) < ($1.measurement, $1.time) }
    }

    @Test func alternatingRunsCountWhatGitHubShowedLate() async throws {
        let (incremental, rebuilt, mirrored) = try await Self.alternate(settle: .seconds(300))
        #expect(mirrored)
        #expect(rebuilt.count == 205)
        #expect(Self.sorted(incremental) == Self.sorted(rebuilt))
    }

    /// The control: without the margin the same rounds lose items and points, so the test above can fail.
    @Test func withoutTheMarginLatePointsAreLost() async throws {
        let (incremental, rebuilt, mirrored) = try await Self.alternate(settle: .zero)
        #expect(!mirrored)
        #expect(incremental.count < rebuilt.count, "\(incremental.count) of \(rebuilt.count)")
    }
}
