import FakeGitHub
import Foundation
import Logging
import TestSupport
import Testing
@testable import VelodromeKit

/// `GET /rate_limit` costs nothing and is asked even when the quota is spent.
@Suite struct RateLimitReadingTests {
    @Test func aSpentQuotaIsReadWithoutWaitingForItsReset() async throws {
        try await FetchHarness.with { harness in
            let reset = FetchHarness.githubNow + 1800
            harness.github.setQuota(login: "tester", limit: 5000, remaining: 0, resetAt: reset)
            let client = GitHubClient(baseURL: harness.github.baseURL, tokens: [harness.tokenFile], transport: URLSessionTransport(timeout: .seconds(5)),
                                      sleeper: harness.sleeper, policy: GitHubPolicy(maxWait: .seconds(1)),
                                      logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            let answer = try await client.getUnmetered(client.url("/rate_limit"), token: harness.tokenFile, stop: .never) { data in
                try JSONDecoder().decode(RateLimitPayload.self, from: data).readings(["core", "search", "graphql", "missing"])
            }
            guard case .page(let readings, _) = answer else { Issue.record("not a page: \(answer)"); return }
            #expect(readings["core"] == QuotaReading(limit: 5000, remaining: 0, used: 5000, reset: reset))
            #expect(readings.keys.sorted() == ["core", "graphql", "search"])
            // Asking cost nothing.
            #expect(harness.github.requests.map(\.status) == [200])
            let again = try await client.getUnmetered(client.url("/rate_limit"), token: harness.tokenFile, stop: .never) { data in
                try JSONDecoder().decode(RateLimitPayload.self, from: data).readings(["core"])
            }
            guard case .page(let later, _) = again else { Issue.record("not a page"); return }
            #expect(later["core"]?.remaining == 0)
        }
    }
}
