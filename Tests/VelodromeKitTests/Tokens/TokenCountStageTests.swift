import FakeGitHub
import Foundation
import Logging
import Synchronization
import Testing
@testable import VelodromeKit

/// count-tokens against the fake GitHub, on a clock the test moves: windows as they end, a
/// refused token beside a good one, failures while polling, tokens sharing a login, restarts.
@Suite struct TokenCountStageTests {
    func stage(_ harness: FetchHarness, tokens: [Secret]? = nil, sink: any PointSink, timeout: Duration = .seconds(5),
               metrics: MetricsRegistry = MetricsRegistry(), githubURL: URL? = nil, transport: (any HTTPTransport)? = nil) -> TokenCountStage {
        TokenCountStage(tokens: tokens ?? [harness.tokenFile], githubURL: githubURL ?? harness.github.baseURL, store: harness.store, sink: sink,
                        transport: transport ?? URLSessionTransport(timeout: timeout), sleeper: harness.sleeper,
                        now: { [clock = harness.clock] in clock.now }, metrics: metrics,
                        logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// `login=L,resource=R @RESET = USED` for each point.
    static func values(_ points: [MetricPoint]) -> [String] {
        points.map { point in
            #expect(point.measurement == "github_token_count")
            let value = point.fields.first.map { field -> String in
                if case .integer(let number) = field.value, field.name == "value" { return String(number) }
                return "?"
            } ?? "?"
            return "\(point.series) @\(point.time / 1_000_000_000) = \(value)"
        }
    }

    func rateLimitReads(_ github: FakeGitHub) -> Int {
        github.requests.filter { $0.target == "/rate_limit" }.count
    }

    @Test func windowsOfEveryResourceAreRecordedAsTheyEndAndARefusedTokenDoesNotStopTheOthers() async throws {
        try await FetchHarness.with { harness in
            let start = harness.clock.now
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 4000, resetAt: start + 600)
            harness.github.setQuota(login: "tester", resource: "graphql", limit: 5000, remaining: 4900, resetAt: start + 900)
            let sink = RecordingSink()
            let refused = Secret("ghp_refused", origin: "token file /etc/github/old")
            let counter = stage(harness, tokens: [harness.tokenFile, refused], sink: sink)
            #expect(try await counter.runIteration(stop: .never) == .partialFailure("GitHub refused the token from token file /etc/github/old"))
            // `GET /user` spent one request of the quota; `GET /rate_limit` spends none.
            #expect(counter.readings[TokenSeries(login: "tester", resource: "core")] == QuotaReading(limit: 5000, remaining: 3999, reset: start + 600))
            #expect(counter.readings.keys.map(\.resource).sorted() == ["core", "graphql", "search"])
            #expect(counter.refused == ["the token from token file /etc/github/old"])

            // Used goes up within the windows: nothing ends.
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 3000, resetAt: start + 600)
            harness.github.setQuota(login: "tester", resource: "graphql", limit: 5000, remaining: 4000, resetAt: start + 900)
            harness.clock.advance(300)
            _ = try await counter.runIteration(stop: .never)
            #expect(sink.all.isEmpty)

            // core's reset moves: its window used 2000. graphql's goes on.
            harness.clock.advance(400)
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 4990, resetAt: start + 4200)
            _ = try await counter.runIteration(stop: .never)
            #expect(Self.values(sink.take()) == ["login=tester,resource=core @\(start + 600) = 2000"])

            // graphql's reset moves too; search, never used, records nothing.
            harness.clock.advance(300)
            harness.github.setQuota(login: "tester", resource: "graphql", limit: 5000, remaining: 5000, resetAt: start + 4500)
            _ = try await counter.runIteration(stop: .never)
            #expect(Self.values(sink.take()) == ["login=tester,resource=graphql @\(start + 900) = 1000"])
            // Only the good token was asked for its quota, once per reading.
            #expect(harness.github.requests.filter { $0.target == "/rate_limit" }.map(\.login) == ["tester", "tester", "tester", "tester"])
        }
    }

    @Test func anEarlyRefillEndsTheWindowAndTheMoveThatFollowsStartsNone() async throws {
        try await FetchHarness.with { harness in
            let start = harness.clock.now
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 1000, resetAt: start + 600)
            let sink = RecordingSink()
            let counter = stage(harness, sink: sink)
            _ = try await counter.runIteration(stop: .never)
            // GitHub refills before the reset moves: the window ended, with 4001 used.
            harness.clock.advance(300)
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 4990, resetAt: start + 600)
            _ = try await counter.runIteration(stop: .never)
            #expect(Self.values(sink.take()) == ["login=tester,resource=core @\(start + 600) = 4001"])
            // Then the reset moves to name the window the refill began: nothing more ends...
            harness.clock.advance(300)
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 4800, resetAt: start + 3900)
            _ = try await counter.runIteration(stop: .never)
            #expect(sink.all.isEmpty)
            // ... until that window's own end.
            harness.clock.advance(3400)
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 5000, resetAt: start + 7500)
            _ = try await counter.runIteration(stop: .never)
            #expect(Self.values(sink.take()) == ["login=tester,resource=core @\(start + 3900) = 200"])
        }
    }

    @Test func gitHubEnterprisePathsAreKept() async throws {
        try await FetchHarness.with { harness in
            let transport = StrippingTransport(prefix: "/api/v3", inner: URLSessionTransport(timeout: .seconds(5)))
            let counter = stage(harness, sink: RecordingSink(), githubURL: harness.github.baseURL.appendingPathComponent("api/v3"), transport: transport)
            let outcome = try await counter.runIteration(stop: .never)
            #expect(outcome == .completed)
            #expect(transport.paths == ["/api/v3/user", "/api/v3/rate_limit"])
            #expect(counter.readings.count == 3)
        }
    }

    @Test func pollingQuickensAsTheResetApproachesButNeverBeyondOnceEveryFiveSeconds() async throws {
        try await FetchHarness.with { harness in
            let start = harness.clock.now
            // Every resource resets at start + 100; search would otherwise reset each minute.
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 4000, resetAt: start + 100)
            harness.github.setQuota(login: "tester", resource: "graphql", limit: 5000, remaining: 5000, resetAt: start + 100)
            harness.github.setQuota(login: "tester", resource: "search", limit: 30, remaining: 30, resetAt: start + 100)
            let counter = stage(harness, sink: RecordingSink())
            var readAt: [Int64] = []
            for _ in 0..<100 {
                let before = rateLimitReads(harness.github)
                _ = try await counter.runIteration(stop: .never)
                if rateLimitReads(harness.github) > before { readAt.append(harness.clock.now - start) }
                harness.clock.advance(1)
            }
            // Half the time left each time (100 → 50 → 25 → ...), then every 5 s up to the reset.
            #expect(readAt == [0, 50, 75, 87, 93, 98])
        }
    }

    @Test func aFailedWriteIsWrittenAgainAndNeverDoubled() async throws {
        try await FetchHarness.with { harness in
            let start = harness.clock.now
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 4000, resetAt: start + 600)
            let sink = FlakySink(failures: 1)
            let counter = stage(harness, sink: sink)
            _ = try await counter.runIteration(stop: .never)
            harness.clock.advance(700)
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 5000, resetAt: start + 4200)
            await #expect(throws: FlakySink.Refused.self) { try await counter.runIteration(stop: .never) }
            #expect(try await harness.store.savedQuotaWindows()[TokenSeries(login: "tester", resource: "core")]?.lastRecorded == nil)
            harness.clock.advance(5)
            #expect(try await counter.runIteration(stop: .never) == .completed)
            harness.clock.advance(5)
            _ = try await counter.runIteration(stop: .never)
            #expect(Self.values(sink.recorded.all) == ["login=tester,resource=core @\(start + 600) = 1001"])
            #expect(try await harness.store.savedQuotaWindows()[TokenSeries(login: "tester", resource: "core")]?.lastRecorded == start + 600)
        }
    }

    @Test func anOutputDownAcrossTwoWindowsLosesNeither() async throws {
        try await FetchHarness.with { harness in
            let start = harness.clock.now
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 4000, resetAt: start + 600)
            let sink = FlakySink(failures: 2)
            let counter = stage(harness, sink: sink)
            _ = try await counter.runIteration(stop: .never)
            harness.clock.advance(700)
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 4500, resetAt: start + 4200)
            await #expect(throws: FlakySink.Refused.self) { try await counter.runIteration(stop: .never) }
            harness.clock.advance(3600)
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 5000, resetAt: start + 7800)
            await #expect(throws: FlakySink.Refused.self) { try await counter.runIteration(stop: .never) }
            harness.clock.advance(5)
            #expect(try await counter.runIteration(stop: .never) == .completed)
            #expect(Self.values(sink.recorded.all) == ["login=tester,resource=core @\(start + 600) = 1001", "login=tester,resource=core @\(start + 4200) = 500"])
        }
    }

    @Test func aSpentQuotaDelaysLearningTheLoginWithoutAskingAgainAtOnce() async throws {
        try await FetchHarness.with { harness in
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 0, resetAt: harness.clock.now + 1800)
            let counter = stage(harness, sink: RecordingSink())
            let outcome = try await counter.runIteration(stop: .never)
            guard case .partialFailure(let message) = outcome else { Issue.record("expected a failure, got \(outcome)"); return }
            #expect(message.hasPrefix("learning the login of the token from token file /run/secrets/github: GitHub quota of the token from token file /run/secrets/github is spent"))
            #expect(harness.github.requests.filter { $0.target == "/user" }.map(\.status) == [403])
            harness.clock.advance(30)
            _ = try await counter.runIteration(stop: .never)
            #expect(harness.github.requests.filter { $0.target == "/user" }.count == 1)
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 10, resetAt: harness.clock.now + 1800)
            harness.clock.advance(31)
            #expect(try await counter.runIteration(stop: .never) == .completed)
            #expect(counter.readings[TokenSeries(login: "tester", resource: "core")]?.remaining == 9)
        }
    }

    @Test func whenGitHubRefusesALoginsTokenAnotherOfItsTokensTakesOver() async throws {
        try await FetchHarness.with { harness in
            harness.github.addToken("ghp_second_of_tester", login: "tester")
            let second = Secret("ghp_second_of_tester", origin: "token file /etc/github/b")
            let registry = MetricsRegistry()
            let counter = stage(harness, tokens: [harness.tokenFile, second], sink: RecordingSink(), metrics: registry)
            _ = try await counter.runIteration(stop: .never)
            harness.github.removeToken(FetchHarness.token)
            harness.clock.advance(1800)
            #expect(try await counter.runIteration(stop: .never) == .partialFailure("GitHub refused the token from token file /run/secrets/github"))
            // Refused once, reported once; the other token reads the quota from the next iteration on.
            harness.clock.advance(5)
            #expect(try await counter.runIteration(stop: .never) == .completed)
            #expect(counter.refused == ["the token from token file /run/secrets/github"])
            #expect(Exposition(registry).samples["velodrome_tokens_refused"] == 1)
            #expect(harness.github.requests.filter { $0.target == "/rate_limit" }.map(\.status) == [200, 401, 200])
        }
    }

    @Test func a5xxAndATimeoutWhilePollingAreRetriedAndLoseNoWindow() async throws {
        try await FetchHarness.with { harness in
            let start = harness.clock.now
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 4000, resetAt: start + 600)
            let sink = RecordingSink()
            let registry = MetricsRegistry()
            let counter = stage(harness, sink: sink, timeout: .seconds(1), metrics: registry)
            _ = try await counter.runIteration(stop: .never)
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 3500, resetAt: start + 600)
            harness.clock.advance(590)
            // The last reading before the reset comes through a 502 and a stalled answer.
            harness.github.inject(.status(502, body: "{\"message\":\"Server Error\"}")) { $0 == "/rate_limit" }
            harness.github.inject(.stall(seconds: 3, then: nil)) { $0 == "/rate_limit" }
            #expect(try await counter.runIteration(stop: .never) == .completed)
            // The stalled request is logged when the fake gives up on it, maybe later.
            #expect(harness.github.requests.filter { $0.target == "/rate_limit" && $0.status != 0 }.map(\.status) == [200, 502, 200])
            #expect(Exposition(registry).samples["velodrome_github_retries_total"] == 2)

            // GitHub stays down past the retries: the iteration says so, and the window's end is
            // seen at the next reading that comes through.
            harness.clock.advance(20)
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 5000, resetAt: start + 4200)
            let down = Mutex(true)
            harness.github.inject(.status(503), times: 1000) { target in target == "/rate_limit" && down.withLock { $0 } }
            let failed = try await counter.runIteration(stop: .never)
            guard case .partialFailure(let message) = failed else { Issue.record("expected a failure, got \(failed)"); return }
            #expect(message.hasPrefix("reading the quota of tester: GitHub failed"))
            #expect(sink.all.isEmpty)
            down.withLock { $0 = false }
            harness.clock.advance(5)
            #expect(try await counter.runIteration(stop: .never) == .completed)
            #expect(Self.values(sink.all) == ["login=tester,resource=core @\(start + 600) = 1500"])
        }
    }

    @Test func tokensOfOneLoginAreCountedOnceUnderTheLogin() async throws {
        try await FetchHarness.with { harness in
            harness.github.addToken("ghp_second_of_tester", login: "tester")
            harness.github.addToken("ghp_other_bot", login: "other-bot")
            let tokens = [harness.tokenFile, Secret("ghp_second_of_tester", origin: "token file /etc/github/b"),
                          Secret("ghp_other_bot", origin: "token file /etc/github/c")]
            let registry = MetricsRegistry()
            let counter = stage(harness, tokens: tokens, sink: RecordingSink(), metrics: registry)
            let outcome = try await counter.runIteration(stop: .never)
            #expect(outcome == .completed)
            #expect(Set(counter.readings.keys.map(\.login)) == ["tester", "other-bot"])
            #expect(harness.github.requests.filter { $0.target == "/user" }.count == 3)
            #expect(harness.github.requests.filter { $0.target == "/rate_limit" }.compactMap(\.login).sorted() == ["other-bot", "tester"])
            // Two `GET /user` of tester's quota, one of other-bot's.
            let remaining = Exposition(registry).family("velodrome_tokens_remaining")
            #expect(remaining[#"velodrome_tokens_remaining{login="tester",resource="core"}"#] == 4998)
            #expect(remaining[#"velodrome_tokens_remaining{login="other-bot",resource="core"}"#] == 4999)
            #expect(Exposition(registry).samples[#"velodrome_tokens_used{login="tester",resource="core"}"#] == 2)
            #expect(Exposition(registry).samples["velodrome_tokens_refused"] == 0)
        }
    }

    @Test func aRestartMidWindowGoesOnFromTheSavedReading() async throws {
        try await FetchHarness.with { harness in
            let start = harness.clock.now
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 4000, resetAt: start + 600)
            let sink = RecordingSink()
            _ = try await stage(harness, sink: sink).runIteration(stop: .never)
            harness.clock.advance(300)
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 3000, resetAt: start + 600)
            _ = try await stage(harness, sink: sink).runIteration(stop: .never)

            // The process restarts, and its first reading is after the reset: the window that
            // ended is known from the saved reading.
            let restarted = stage(harness, sink: sink)
            harness.clock.advance(400)
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 5000, resetAt: start + 4200)
            #expect(try await restarted.runIteration(stop: .never) == .completed)
            // 2000 by the test, and the second run's `GET /user`.
            #expect(Self.values(sink.take()) == ["login=tester,resource=core @\(start + 600) = 2001"])
            // And once recorded, another restart does not record it again.
            _ = try await stage(harness, sink: sink).runIteration(stop: .never)
            #expect(sink.all.isEmpty)
        }
    }
}

/// Stands for a GitHub Enterprise server's `/api/v3`: records each path asked, and sends it on
/// without the prefix to the fake GitHub, which serves from `/`.
final class StrippingTransport: HTTPTransport {
    let prefix: String
    let inner: any HTTPTransport
    private let asked = Mutex<[String]>([])

    init(prefix: String, inner: any HTTPTransport) {
        self.prefix = prefix
        self.inner = inner
    }

    var paths: [String] { asked.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        asked.withLock { $0.append(request.url.path) }
        var forwarded = request
        var components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)!
        components.path = String(components.path.dropFirst(prefix.count))
        forwarded.url = components.url!
        return try await inner.send(forwarded)
    }
}

/// A sink that refuses its first writes, then records.
final class FlakySink: PointSink {
    struct Refused: Error {}
    let recorded = RecordingSink()
    private let failures: Mutex<Int>
    var target: String { "flaky" }
    var keepsCheckpoints: Bool { false }

    init(failures: Int) { self.failures = Mutex(failures) }

    func prepare() async throws {}
    func write(_ points: [MetricPoint]) async throws {
        guard !points.isEmpty else { return }
        if failures.withLock({ left in defer { left -= 1 }; return left > 0 }) { throw Refused() }
        try await recorded.write(points)
    }
    func dropSeries(measurement: String, repository: String) async throws {}
}
