import Foundation
import Testing
@testable import FakeGitHub

/// The benchmark's repository size: must be servable page by page (no timing assertions:
/// the machine is shared and noisy).
@Suite struct PerformanceTests {
    @Test func pagesThroughTenThousandIssuesOfALargeRepository() async throws {
        let t: Int64 = 1_600_000_000
        try await Scenario.run({ repo in
            for i in 0..<10_000 {
                repo.addIssue(title: "Issue \(i)", user: "user\(i % 50)", isPullRequest: i % 4 == 0, at: t + Int64(i), body: "Body of \(i)")
            }
            for i in 0..<100_000 {
                let issue = i % 10_000 + 1
                switch i % 4 {
                case 0: repo.addEvent(issue: issue, event: "labeled", actor: "user\(i % 7)", label: "l\(i % 5)", at: t + 20_000 + Int64(i))
                case 1: repo.addEvent(issue: issue, event: "unlabeled", actor: "user\(i % 7)", label: "l\(i % 5)", at: t + 20_000 + Int64(i))
                case 2: repo.addEvent(issue: issue, event: "assigned", actor: "user\(i % 7)", assignee: "user\(i % 3)", at: t + 20_000 + Int64(i))
                default: repo.addEvent(issue: issue, event: "mentioned", actor: i % 100 == 3 ? .null : "user\(i % 7)", at: t + 20_000 + Int64(i))
                }
            }
            for i in 0..<50_000 {
                repo.addComment(issue: i % 10_000 + 1, body: "Comment \(i)", user: "user\(i % 11)", at: t + 200_000 + Int64(i), review: i % 5 == 0)
            }
        }) { s async throws in
            let started = Date()
            let pages = try await s.client.all("\(s.repoPath)/issues?state=all&sort=updated&direction=asc&per_page=100", token: Scenario.token)
            #expect(pages.allSatisfy { $0.status == 200 })
            #expect(pages.count == 100)
            let numbers = pages.flatMap { $0.array.map { $0["number"] as! Int } }
            #expect(numbers.count == 10_000)
            #expect(Set(numbers).count == 10_000)
            let issueSeconds = Date().timeIntervalSince(started)
            // A stretch of the other large lists, to exercise their indexes.
            var next: String? = "\(s.repoPath)/issues/events?per_page=100"
            var eventCount = 0
            for _ in 0..<20 {
                guard let url = next else { break }
                let page = try await s.get(url)
                eventCount += page.array.count
                next = page.links["next"]
            }
            #expect(eventCount == 2000)
            let comments = try await s.get("\(s.repoPath)/issues/comments?sort=updated&direction=asc&per_page=100&since=\(TimeFormat.iso8601(t + 249_000))")
            #expect(comments.array.count == 100)
            #expect(comments.links["last"] == "\(s.idPath)/issues/comments?sort=updated&direction=asc&per_page=100&since=\(TimeFormat.iso8601(t + 249_000))&page=8")
            print("FakeGitHub: 100 pages of 100 issues in \(String(format: "%.2f", issueSeconds)) s (\(String(format: "%.0f", 100 / issueSeconds)) pages/s, debug build, incl. client)")
        }
    }
}
