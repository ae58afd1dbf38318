import FakeGitHub
import Foundation
import Synchronization
import Testing
@testable import VelodromeKit
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `velodrome fetch --listen` as an operator runs it: scraped by a real Prometheus, probed while
/// its token is refused and after, stopped by SIGTERM mid-page.
@Suite(.serialized) struct ServiceEndpointProcessTests {
    /// A looping fetch whose endpoint takes a free port (its log line says which): a port
    /// picked beforehand could be taken by another test's server before the process binds it.
    func arguments(_ harness: FetchHarness) -> [String] {
        once(harness) + ["--interval", "1s", "--listen", "127.0.0.1:0"]
    }

    func once(_ harness: FetchHarness) -> [String] {
        ["fetch", "--github-url", harness.github.baseURL.absoluteString, "--database", harness.database.url, "--log-format", "json",
         "--repository", "big/repo"]
    }

    /// GETs `path` from the endpoint: status line and body; nil while nothing answers.
    static func get(_ port: Int, _ path: String) async throws -> (status: String, body: String)? {
        let answer = try await RawSocket.onThread { () -> String? in
            guard let socket = try? RawSocket(port: port) else { return nil }
            socket.send("GET \(path) HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
            return socket.receive(timeout: .seconds(5)).text
        }
        guard let answer, let split = answer.range(of: "\r\n\r\n") else { return nil }
        return (String(answer[..<answer.index(answer.startIndex, offsetBy: 12)]), String(answer[split.upperBound...]))
    }

    /// Polls until `condition` holds, for up to `timeout`; on timeout, says what the process logged.
    static func eventually(_ what: String, timeout: Duration = .seconds(30), log process: VelodromeProcess.Running? = nil,
                           _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("timed out waiting until \(what)\(process.map { "; its log:\n\($0.stderrSoFar)" } ?? "")")
        throw CancellationError()
    }

    @Test(Integration.prometheus) func prometheusScrapesAFetchThatStopsCleanlyOnSigterm() async throws {
        try await FetchHarness.with { harness in
            harness.github.addRepository(Scenarios.sized(issues: 600, eventsPerIssue: 2))
            let fetch = try VelodromeProcess.start(arguments(harness), environment: VelodromeProcess.cleanEnvironment(["GITHUB_TOKEN": FetchHarness.token]))
            let port = try await fetch.listeningPort()
            let directory = try TemporaryDirectory()
            let prometheusPort = try RawSocket.freePort()
            let config = directory.url.appendingPathComponent("prometheus.yml")
            try """
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            rule_files: ["\(RepositoryRoot.path("docs/prometheus/alerts.yml"))"]
            scrape_configs:
              - job_name: velodrome-fetch
                static_configs: [{targets: ["127.0.0.1:\(port)"]}]
            """.write(to: config, atomically: true, encoding: .utf8)
            let prometheus = try VelodromeProcess.start(
                ["--config.file=\(config.path)", "--storage.tsdb.path=\(directory.url.appendingPathComponent("data").path)",
                 "--web.listen-address=127.0.0.1:\(prometheusPort)"],
                program: URL(fileURLWithPath: try #require(Integration.prometheusPath)), environment: ProcessInfo.processInfo.environment)
            defer { prometheus.signal(SIGTERM) }

            // Prometheus finds the target up and reads fetch's counters back.
            func query(_ expression: String) async throws -> [[String: Any]] {
                var components = URLComponents(string: "http://127.0.0.1:\(prometheusPort)/api/v1/query")!
                components.queryItems = [URLQueryItem(name: "query", value: expression)]
                guard let (data, _) = try? await URLSession.shared.data(from: components.url!),
                      let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
                      let result = (object["data"] as? [String: Any])?["result"] as? [[String: Any]] else { return [] }
                return result
            }
            func value(_ sample: [String: Any]) -> Double { Double(((sample["value"] as? [Any])?[1] as? String) ?? "") ?? -1 }
            try await Self.eventually("Prometheus reports the target up") {
                try await query(#"up{job="velodrome-fetch"}"#).first.map(value) == 1
            }
            try await Self.eventually("Prometheus has fetch's requests") {
                try await query(#"velodrome_github_requests_total{code="2xx"}"#).first.map(value) ?? 0 > 0
            }
            try await Self.eventually("Prometheus has a successful iteration") {
                try await query(#"velodrome_stage_iterations_total{stage="fetch"} >= 1 and velodrome_stage_last_success_timestamp_seconds > 0"#).count == 1
            }
            // A client that sends its request head byte by byte is cut off at the 10 s request
            // timeout, far short of the minute it would take; others are answered meanwhile.
            // A head sent byte by byte, for up to a minute: cut off at the request timeout.
            async let slow = RawSocket.slowHead(port: port)
            try await Task.sleep(for: .seconds(1))
            #expect(try await Self.get(port, "/healthz")?.status == "HTTP/1.1 200")
            let cutOff = try await slow
            #expect(cutOff >= .seconds(9) && cutOff < .seconds(30), "the slow client was cut off after \(cutOff)")

            // What Prometheus scraped passes its own lint.
            let scraped = try #require(try await Self.get(port, "/metrics"))
            #expect(scraped.status == "HTTP/1.1 200")
            let lint = try await Promtool.run(["check", "metrics"], input: scraped.body)
            #expect(lint.status == 0, "\(lint.output)")

            // SIGTERM in the middle of a request: exit 0 within 10 s, and what was committed is whole.
            let stalling = Mutex(true)
            harness.github.inject(.stall(seconds: 0.3, then: nil), times: 10_000) { _ in stalling.withLock { $0 } }
            let before = harness.github.requests.count
            try await Self.eventually("the next iteration is under way") { harness.github.requests.count > before + 2 }
            let signalled = ContinuousClock.now
            fetch.signal(SIGTERM)
            let result = await fetch.finish()
            #expect(result.status == 0, "\(result.stderr)")
            #expect(ContinuousClock.now - signalled < .seconds(10))
            stalling.withLock { $0 = false }
            let final = try await VelodromeProcess.run(once(harness) + ["--once"],
                                                       environment: VelodromeProcess.cleanEnvironment(["GITHUB_TOKEN": FetchHarness.token]))
            #expect(final.status == 0, "\(final.stderr)")
            try await harness.expectMirrorEqualsTruth("big/repo")
        }
    }

    @Test func healthTurnsOnARefusedTokenAndBackOnceItIsAccepted() async throws {
        try await FetchHarness.with { harness in
            harness.github.addRepository(Scenarios.sized(issues: 5))
            let fetch = try VelodromeProcess.start(arguments(harness), environment: VelodromeProcess.cleanEnvironment(["GITHUB_TOKEN": "ghp_not_yet_valid"]))
            let port = try await fetch.listeningPort()
            try await Self.eventually("the endpoint answers ready") { try await Self.get(port, "/readyz")?.status == "HTTP/1.1 200" }
            try await Self.eventually("/healthz fails") { try await Self.get(port, "/healthz")?.status == "HTTP/1.1 503" }
            let failing = try #require(try await Self.get(port, "/healthz"))
            #expect(failing.body.hasPrefix("fetch: no success yet; last error: "))
            #expect(failing.body.contains("GITHUB_TOKEN") && failing.body.contains("401"))
            #expect(!failing.body.contains("ghp_not_yet_valid"))
            #expect(failing.body.hasSuffix("\n") && failing.body.dropLast().contains("\n") == false)

            harness.github.addToken("ghp_not_yet_valid", login: "late-bot")
            try await Self.eventually("/healthz recovers") { try await Self.get(port, "/healthz")?.status == "HTTP/1.1 200" }
            #expect(try await Self.get(port, "/healthz")?.body == "ok\n")
            fetch.signal(SIGTERM)
            let result = await fetch.finish()
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("ghp_not_yet_valid"))
        }
    }

    @Test func transformShowsPointsAndWatermarkLag() async throws {
        try await FetchHarness.with { harness in
            harness.github.addRepository(Scenarios.sized(issues: 40, eventsPerIssue: 2))
            let environment = VelodromeProcess.cleanEnvironment(["GITHUB_TOKEN": FetchHarness.token])
            let fetched = try await VelodromeProcess.run(once(harness) + ["--once"], environment: environment)
            #expect(fetched.status == 0, "\(fetched.stderr)")
            let transform = try VelodromeProcess.start(["transform", "--database", harness.database.url, "--repository", "big/repo", "--name", "labels",
                                                        "--interval", "1s", "--listen", "127.0.0.1:0", "count", "--event=labeled:label-0"],
                                                       environment: environment)
            let port = try await transform.listeningPort()
            try await Self.eventually("transform reports its points", log: transform) {
                let metrics = try await Self.get(port, "/metrics")
                return metrics.map { Exposition($0.body).samples[#"velodrome_transform_points_written_total{output="embedded"}"#] == 40 } ?? false
            }
            let exposition = Exposition(try #require(try await Self.get(port, "/metrics")).body)
            #expect((exposition.samples[#"velodrome_transform_watermark_lag_seconds{repository="big/repo"}"#] ?? 0) > 0)
            #expect((exposition.samples[#"velodrome_stage_iterations_total{stage="transform"}"#] ?? 0) >= 1)
            #expect(try await Self.get(port, "/healthz")?.body == "ok\n")
            transform.signal(SIGTERM)
            let result = await transform.finish()
            #expect(result.status == 0, "\(result.stderr)")
        }
    }
}
