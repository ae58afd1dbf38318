import Foundation
import Logging
import TestSupport
import Testing
@testable import VelodromeKit

@Suite struct GitHubClientTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test func sendsTheHeadersGitHubAsksFor() async throws {
        let transport = ScriptedTransport(statuses: [200])
        let client = GitHubClient(baseURL: URL(string: "https://api.github.com")!, tokens: [Secret("ghp_x", origin: "test")],
                                  transport: transport, sleeper: InstantSleeper(), logger: logger)
        _ = try await client.get(client.url("/repos/o/r/issues", query: [("since", "2024-01-02T03:04:05+01:00")]), etag: "W/\"abc\"", stop: .never) { _ in 0 }
        let request = try #require(transport.recorded.first)
        let headers = Dictionary(uniqueKeysWithValues: request.headers)
        #expect(headers == [
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "velodrome/\(Velodrome.version)",
            "Authorization": "Bearer ghp_x",
            "If-None-Match": "W/\"abc\"",
        ])
        #expect(request.url.absoluteString == "https://api.github.com/repos/o/r/issues?since=2024-01-02T03:04:05%2B01:00")
    }

    @Test func enterpriseBasePathIsKept() {
        let client = GitHubClient(baseURL: URL(string: "https://github.example.com/api/v3")!, tokens: [], transport: ScriptedTransport(statuses: []), logger: logger)
        #expect(client.url("/repos/o/r/issues/events", query: [("per_page", "100")]).absoluteString
                == "https://github.example.com/api/v3/repos/o/r/issues/events?per_page=100")
    }

    @Test func anonymousRequestsCarryNoAuthorization() async throws {
        let transport = ScriptedTransport(statuses: [200])
        let client = GitHubClient(baseURL: URL(string: "https://api.github.com")!, tokens: [], transport: transport, logger: logger)
        _ = try await client.get(client.url("/user"), etag: nil, stop: .never) { _ in 0 }
        #expect(transport.recorded.first?.headers.contains { $0.0 == "Authorization" } == false)
    }

    @Test func githubURLsMustBeHTTP() throws {
        #expect(throws: UsageError("--github-url: \"ftp://x\" is not an http(s) URL such as https://api.github.com or https://HOST/api/v3")) {
            try GitHubTokens.apiURL("ftp://x")
        }
        #expect(try GitHubTokens.apiURL("https://github.example.com/api/v3").path == "/api/v3")
        // A URL is printed in logs, errors and /healthz: credentials in it are refused.
        #expect(throws: UsageError("--github-url: give credentials by their own options, not in the URL (it is printed in logs and errors)")) {
            try GitHubTokens.apiURL("https://bot:ghp_secret@github.example.com/api/v3")
        }
        #expect(throws: UsageError("--influx-host: give credentials by their own options, not in the URL (it is printed in logs and errors)")) {
            try URL.service("http://root:pw@influx:8086", option: "--influx-host", example: "http://influxdb:8086")
        }
    }

    /// No answer at all: the message names the address and what to change, once; each retry
    /// says what failed where, naming the path once.
    @Test func unreachableGitHubNamesItsAddressAndTheOptionToFixIt() async throws {
        let log = LogRecorder()
        let sleeper = InstantSleeper()
        let client = GitHubClient(baseURL: URL(string: "http://127.0.0.1:1")!, tokens: [], transport: URLSessionTransport(timeout: .seconds(5)),
                                  sleeper: sleeper, policy: GitHubPolicy(jitter: .fixed(0)), logger: log.logger)
        await #expect(throws: GitHubError.unreachable(apiURL: "http://127.0.0.1:1", reason: "cannot connect to 127.0.0.1:1 (GET /repos/o/r/issues)", attempts: 6)) {
            _ = try await client.get(client.url("/repos/o/r/issues"), etag: nil, stop: .never) { _ in 0 }
        }
        #expect(sleeper.recorded == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16)])
        #expect(log.messages.first == "warning GitHub request failed, retrying in 1s: cannot connect to 127.0.0.1:1 (GET /repos/o/r/issues)")
        #expect(log.messages.count == 5)
        #expect(GitHubError.unreachable(apiURL: "https://api.github.com", reason: "host not found: api.github.com (GET /user)", attempts: 6).description
                == "cannot reach GitHub's API at https://api.github.com (6 tries; last: host not found: api.github.com (GET /user)): "
                + "check the network and proxy, or point --github-url (GITHUB_API_URL) at your GitHub Enterprise, https://HOST/api/v3")
    }

    @Test func serverErrorsAreRetriedWithExactBackoffThenReported() async throws {
        let transport = ScriptedTransport(statuses: [502, 503, 500, 500, 500, 500])
        let sleeper = InstantSleeper()
        let client = GitHubClient(baseURL: URL(string: "https://api.github.com")!, tokens: [], transport: transport,
                                  sleeper: sleeper, policy: GitHubPolicy(jitter: .fixed(1)), logger: logger)
        await #expect(throws: GitHubError.unavailable(path: "/repos/o/r/issues", reason: "500 boom (GET /repos/o/r/issues)", attempts: 6)) {
            _ = try await client.get(client.url("/repos/o/r/issues"), etag: nil, stop: .never) { _ in 0 }
        }
        // Full jitter at its end: half of 1s, 2s, 4s, 8s, 16s.
        #expect(sleeper.recorded == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8)])
        #expect(client.counters.retries == 5)
    }
}
