import FakeGitHub
import Foundation
import Logging
import Testing
@testable import VelodromeKit

/// What each stage puts on `/metrics` after known work: names, types, labels and values.
@Suite struct ExpositionTests {
    final class Clock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_800_000_000)
    }

    @Test func stageIterationsFailuresDurationsAndLastSuccess() {
        let registry = MetricsRegistry(), clock = Clock()
        let status = StageStatus(stage: "fetch", metrics: registry, now: { clock.now })
        status.begin()
        clock.now += 3
        status.end(.succeeded)
        status.begin()
        clock.now += 120
        status.end(.failed("401"))
        status.begin()
        let exposition = Exposition(registry)
        #expect(exposition.samples[#"velodrome_stage_iterations_total{stage="fetch"}"#] == 3)
        #expect(exposition.samples[#"velodrome_stage_iteration_failures_total{stage="fetch"}"#] == 1)
        #expect(exposition.samples[#"velodrome_stage_last_success_timestamp_seconds{stage="fetch"}"#] == 1_800_000_003)
        #expect(exposition.samples[#"velodrome_stage_iteration_duration_seconds_count{stage="fetch"}"#] == 2)
        #expect(exposition.samples[#"velodrome_stage_iteration_duration_seconds_sum{stage="fetch"}"#] == 123)
        #expect(exposition.samples[#"velodrome_stage_iteration_duration_seconds_bucket{stage="fetch",le="5.0"}"#] == 1)
        #expect(exposition.samples[#"velodrome_stage_iteration_duration_seconds_bucket{stage="fetch",le="300.0"}"#] == 2)
        #expect(exposition.types["velodrome_stage_iterations_total"] == "counter")
        #expect(exposition.types["velodrome_stage_last_success_timestamp_seconds"] == "gauge")
        #expect(exposition.types["velodrome_stage_iteration_duration_seconds"] == "histogram")
        #expect(exposition.help["velodrome_stage_iterations_total"] == "Iterations the stage has started.")
    }

    @Test func fetchCountsRequestsItemsAndQuotaWhereTheSummaryDoes() async throws {
        try await FetchHarness.with { harness in
            harness.github.addRepository(Scenarios.sized(issues: 150, eventsPerIssue: 2, commentsPerIssue: 1))
            let registry = MetricsRegistry()
            let stage = try harness.stage(["big/repo"], metrics: registry)
            #expect(try await stage.runIteration(stop: .never) == .completed)
            let first = Exposition(registry)
            // One set of counters: the exposition says what the summary line says.
            let counters = stage.counters
            #expect(first.family("velodrome_github_requests_total").values.reduce(0, +) == Double(counters.requests))
            #expect(first.samples[#"velodrome_github_requests_total{code="2xx"}"#] == Double(harness.github.requests.count))
            #expect(first.samples[#"velodrome_github_requests_total{code="error"}"#] == 0)
            #expect(first.samples["velodrome_github_not_modified_total"] == 0)
            #expect(first.samples["velodrome_github_retries_total"] == 0)
            // As delivered: the `since` lists re-anchor after each page, which delivers the item at
            // the page boundary again (150 issues in two pages: 152).
            #expect(first.samples[#"velodrome_fetch_items_total{repository="big/repo",kind="issues"}"#] == 152)
            #expect(first.samples[#"velodrome_fetch_items_total{repository="big/repo",kind="events"}"#] == 300)
            #expect(first.samples[#"velodrome_fetch_items_total{repository="big/repo",kind="issue_comments"}"#] == 115)
            #expect(first.samples[#"velodrome_fetch_items_total{repository="big/repo",kind="review_comments"}"#] == 38)
            #expect(first.samples[#"velodrome_fetch_rows_written_total{repository="big/repo"}"#] == 600)  // 150 + 300 + 113 + 37, each once: a re-delivered item is unchanged
            // Quota by login (named by its token's origin: one token, so no GET /user) and resource.
            let login = #"login="token file /run/secrets/github",resource="core""#
            #expect(first.samples["velodrome_github_quota_limit{\(login)}"] == 5000)
            #expect(first.samples["velodrome_github_quota_remaining{\(login)}"] == Double(5000 - counters.requests))
            #expect(first.samples["velodrome_github_quota_reset_timestamp_seconds{\(login)}"] == Double(FetchHarness.githubNow + 3600))

            // An unchanged re-sync: only 304s, counted as such.
            harness.github.resetRequests()
            #expect(try await stage.runIteration(stop: .never) == .completed)
            let second = Exposition(registry)
            #expect(second.samples["velodrome_github_not_modified_total"] == 4)
            #expect(second.samples[#"velodrome_github_requests_total{code="3xx"}"#] == 4)
            #expect(second.samples[#"velodrome_fetch_items_total{repository="big/repo",kind="issues"}"#] == 152)
        }
    }

    @Test func transformCountsPointsPerOutputAndTheWatermarkLag() async throws {
        try await TransformRunner.with(.sqlite) { runner in
            var mirror = MirrorBuilder()
            mirror.issue(1, by: "alice", at: 0)
            mirror.event(1, "merged", by: "bob", at: 50)
            mirror.event(1, "labeled", by: "bob", label: "lgtm", at: 60)
            try await mirror.store(into: runner.store, repository: runner.repository, watermark: 100)
            let registry = MetricsRegistry()
            let before = Date()
            try await runner.run([try TransformRunner.metric("merges", ["--event=merged"]), try TransformRunner.metric("lgtms", ["--event=labeled:lgtm"])],
                                 sink: RecordingSink(), registry: registry)
            let exposition = Exposition(registry)
            #expect(exposition.samples[#"velodrome_transform_points_written_total{output="recording"}"#] == 2)
            let lag = try #require(exposition.samples[#"velodrome_transform_watermark_lag_seconds{repository="acme/widgets"}"#])
            let watermark = Double(MirrorBuilder.t0 + 100)
            #expect(exposition.samples[#"velodrome_transform_watermark_timestamp_seconds{repository="acme/widgets"}"#] == watermark)
            #expect(lag >= before.timeIntervalSince1970 - watermark && lag <= Date().timeIntervalSince1970 - watermark)
        }
    }

    @Test(Integration.promtool) func promtoolAcceptsTheExposition() async throws {
        try await FetchHarness.with { harness in
            harness.github.addRepository(Scenarios.sized(issues: 20, eventsPerIssue: 1))
            let registry = MetricsRegistry()
            let status = StageStatus(stage: "fetch", metrics: registry)
            status.begin()
            #expect(try await harness.stage(["big/repo"], metrics: registry).runIteration(stop: .never) == .completed)
            status.end(.succeeded)
            try await Self.countTokensThroughAWindow(harness, registry: registry)
            let result = try await Promtool.run(["check", "metrics"], input: registry.exposition())
            #expect(result.status == 0, "\(result.output)")
        }
    }

    /// docs/operations.md documents exactly the metrics the stages write.
    @Test func operationsDocumentEveryMetricAndNoOther() async throws {
        let registry = MetricsRegistry()
        _ = StageStatus(stage: "fetch", metrics: registry)
        try await FetchHarness.with { harness in
            harness.github.addRepository(Scenarios.sized(issues: 3, eventsPerIssue: 1, commentsPerIssue: 1))
            _ = try await harness.stage(["big/repo"], metrics: registry).runIteration(stop: .never)
            try await Self.countTokensThroughAWindow(harness, registry: registry)
        }
        try await TransformRunner.with(.sqlite) { runner in
            var mirror = MirrorBuilder()
            mirror.issue(1, by: "alice", at: 0)
            try await mirror.store(into: runner.store, repository: runner.repository, watermark: 100)
            try await runner.run([try TransformRunner.metric("opened", ["--event=opened"])], sink: RecordingSink(), registry: registry)
        }
        let written = Set(Exposition(registry).types.keys)
        let document = try String(contentsOfFile: RepositoryRoot.path("docs/operations.md"), encoding: .utf8)
        let documented = Set(document.split(separator: "\n").filter { $0.hasPrefix("| `velodrome_") }.map { line in
            String(line.dropFirst(3).prefix { $0 != "`" })
        })
        #expect(written == documented)
    }

    @Test(Integration.promtool) func alertRulesPassPromtoolAndTheirOwnTests() async throws {
        let check = try await Promtool.run(["check", "rules", RepositoryRoot.path("docs/prometheus/alerts.yml")])
        #expect(check.status == 0, "\(check.output)")
        let test = try await Promtool.run(["test", "rules", RepositoryRoot.path("docs/prometheus/alerts_test.yml")])
        #expect(test.status == 0, "\(test.output)")
    }

    /// count-tokens, reading one login's quota before and after a reset: every family it has.
    static func countTokensThroughAWindow(_ harness: FetchHarness, registry: MetricsRegistry) async throws {
        let start = harness.clock.now
        harness.github.setQuota(login: "tester", limit: 5000, remaining: 4000, resetAt: start + 60)
        let counter = TokenCountStage(tokens: [harness.tokenFile], githubURL: harness.github.baseURL, store: harness.store, sink: RecordingSink(),
                                      transport: URLSessionTransport(timeout: .seconds(5)), sleeper: harness.sleeper,
                                      now: { [clock = harness.clock] in clock.now }, metrics: registry,
                                      logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        #expect(try await counter.runIteration(stop: .never) == .completed)
        harness.clock.advance(120)
        #expect(try await counter.runIteration(stop: .never) == .completed)
        #expect(Exposition(registry).samples[#"velodrome_tokens_windows_recorded_total{login="tester",resource="core"}"#] == 1)
    }
}
