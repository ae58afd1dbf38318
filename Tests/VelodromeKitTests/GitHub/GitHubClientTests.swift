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
    }
}
