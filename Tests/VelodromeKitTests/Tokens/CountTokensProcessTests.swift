import FakeGitHub
import Foundation
import TestSupport
import Testing
@testable import VelodromeKit

/// `velodrome count-tokens` as a process, against the fake GitHub: cron runs (`--once`) that go on
/// from each other's readings, into the real InfluxDB and the embedded store, and a loop serving
/// its gauges.
@Suite(.serialized) struct CountTokensProcessTests {
    static let refusedToken = "ghp_revoked_token"

    func arguments(_ harness: FetchHarness, tokens: [String], _ extra: [String]) -> [String] {
        ["count-tokens", "--github-url", harness.github.baseURL.absoluteString, "--database", harness.database.url]
            + tokens.flatMap { ["--token", $0] } + extra
    }

    /// Token files in a folder of their own: the good one, and one GitHub refuses.
    func tokenFiles(_ directory: TemporaryDirectory) throws -> (folder: String, good: String, refused: String) {
        let folder = directory.path("tokens")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let good = folder + "/bot", refused = folder + "/old-bot"
        try FetchHarness.token.write(toFile: good, atomically: true, encoding: .utf8)
        try Self.refusedToken.write(toFile: refused, atomically: true, encoding: .utf8)
        return (folder, good, refused)
    }

    @Test(Integration.influx) func cronRunsRecordEachWindowOnceIntoInfluxDB() async throws {
        try await FetchHarness.with { harness in
            let start = harness.clock.now
            let files = try tokenFiles(harness.directory)
            let database = InfluxDBTests.freshDatabase()
            let influx = ["--influx-host", try Integration.influxOrFail().absoluteString, "--influx-database", database, "--create-database", "--once"]
            let environment = VelodromeProcess.cleanEnvironment(["TZ": "Asia/Kolkata"])
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 4000, resetAt: start + 600)

            let first = try await VelodromeProcess.run(arguments(harness, tokens: [files.good], influx), environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
            // The table shows each resource's quota as just read, its reset in local time and UTC.
            // (The fake GitHub's clock is years behind this machine's: every reset is past.)
            #expect(start + 600 == 1_700_100_600)
            #expect(first.stdout == """
            LOGIN   RESOURCE  LIMIT  REMAINING  USED  RESETS IN  RESETS AT (Asia/Kolkata)    RESETS AT (UTC)
            tester  core      5000   3999       1001  0s         2023-11-16 07:40:00 +05:30  2023-11-16T02:10:00Z
            tester  graphql   5000   5000       0     0s         2023-11-16 07:40:00 +05:30  2023-11-16T02:10:00Z
            tester  search    30     30         0     0s         2023-11-16 07:40:00 +05:30  2023-11-16T02:10:00Z

            """)

            // The next cron run, after the reset and with a refused token beside: the window is
            // recorded, the refusal named by file, and the run exits 1.
            harness.clock.advance(700)
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 4990, resetAt: start + 4200)
            let second = try await VelodromeProcess.run(arguments(harness, tokens: [files.good, files.refused], influx + ["--output", "json"]),
                                                       environment: environment)
            #expect(second.status == 1)
            #expect(second.stderr.contains("GitHub refused the token from token file \(files.refused)"))
            #expect(!second.stderr.contains(Self.refusedToken) && !second.stdout.contains(Self.refusedToken))
            #expect(!second.stderr.contains(FetchHarness.token) && !second.stdout.contains(FetchHarness.token))
            let report = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as! [String: Any]
            #expect(report["refused"] as? [String] == ["the token from token file \(files.refused)"])
            let quotas = report["quotas"] as! [[String: Any]]
            try #require(quotas.count == 3)
            #expect(quotas.map { $0["resource"] as? String } == ["core", "graphql", "search"])
            // 10 used by the test, and this run's `GET /user`.
            #expect(quotas[0]["used"] as? Int == 11 && quotas[0]["remaining"] as? Int == 4989 && quotas[0]["limit"] as? Int == 5000)
            #expect(quotas[0]["reset"] as? Int64 == start + 4200)
            #expect(quotas[0]["reset_utc"] as? String == "2023-11-16T03:10:00Z")
            #expect(quotas[0]["reset_local"] as? String == "2023-11-16T08:40:00+05:30")

            // A third run records nothing again.
            harness.clock.advance(60)
            let third = try await VelodromeProcess.run(arguments(harness, tokens: [files.good], influx), environment: environment)
            #expect(third.status == 0, "\(third.stderr)")

            let query = InfluxQuery(url: try Integration.influxOrFail(), database: database)
            let series = try #require(try await query.select(#"SELECT "value", "login", "resource" FROM "github_token_count""#))
            #expect(series.values == [["\((start + 600) * 1_000_000_000)", "1001", "tester", "core"]])
        }
    }

    @Test(arguments: Backend.all) func withoutInfluxDBWindowsGoToTheEmbeddedStore(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            let start = harness.clock.now
            let files = try tokenFiles(harness.directory)
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 4000, resetAt: start + 600)
            let once = arguments(harness, tokens: [files.good], ["--once"])
            #expect(try await VelodromeProcess.run(once).status == 0)
            harness.clock.advance(700)
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 5000, resetAt: start + 4200)
            let second = try await VelodromeProcess.run(once)
            #expect(second.status == 0, "\(second.stderr)")
            let points = try await harness.store.points(measurement: "github_token_count", repository: "login=tester,resource=core")
            #expect(points.map(\.time) == [(start + 600) * 1_000_000_000])
            #expect(points.map(\.fields) == [[MetricField("value", .integer(1001))]])
        }
    }

    @Test func theLoopServesEachLoginsQuotaOnMetrics() async throws {
        try await FetchHarness.with { harness in
            let files = try tokenFiles(harness.directory)
            let counter = try VelodromeProcess.start(arguments(harness, tokens: [], ["--token-dir", files.folder, "--listen", "127.0.0.1:0"]),
                                                     environment: VelodromeProcess.cleanEnvironment())
            let port = try await counter.listeningPort()
            try await ServiceEndpointProcessTests.eventually("count-tokens reports the quota", log: counter) {
                let metrics = try await ServiceEndpointProcessTests.get(port, "/metrics")
                return metrics.map { Exposition($0.body).samples[#"velodrome_tokens_remaining{login="tester",resource="core"}"#] == 4999 } ?? false
            }
            let exposition = Exposition(try #require(try await ServiceEndpointProcessTests.get(port, "/metrics")).body)
            #expect(exposition.samples[#"velodrome_tokens_limit{login="tester",resource="search"}"#] == 30)
            #expect(exposition.samples[#"velodrome_tokens_used{login="tester",resource="core"}"#] == 1)
            #expect(exposition.samples["velodrome_tokens_refused"] == 1)
            // The refused token failed the first iteration only: the next one, 5 s later, succeeds,
            // and the refusal stays on velodrome_tokens_refused (and its alert), not on /healthz.
            try await ServiceEndpointProcessTests.eventually("a second iteration", log: counter) {
                let metrics = try await ServiceEndpointProcessTests.get(port, "/metrics")
                return metrics.map { (Exposition($0.body).samples[#"velodrome_stage_iterations_total{stage="count-tokens"}"#] ?? 0) >= 2 } ?? false
            }
            let later = Exposition(try #require(try await ServiceEndpointProcessTests.get(port, "/metrics")).body)
            #expect(later.samples[#"velodrome_stage_iteration_failures_total{stage="count-tokens"}"#] == 1)
            #expect(try await ServiceEndpointProcessTests.get(port, "/healthz")?.body == "ok\n")
            #expect(counter.stderrSoFar.contains("GitHub refused the token from token file \(files.refused)"))
            counter.signal(SIGTERM)
            let result = await counter.finish()
            #expect(result.status == 0, "\(result.stderr)")
        }
    }
}
