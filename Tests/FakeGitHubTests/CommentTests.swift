import Foundation
import Testing
@testable import FakeGitHub

@Suite struct CommentTests {
    static let t: Int64 = 1_700_000_000

    @Test func issueCommentShape() async throws {
        try await Scenario.run({ repo in
            repo.addIssue(title: "a", user: "alice", at: Self.t)
            repo.addComment(issue: 1, body: "hello \"world\"\n", user: "bob", at: Self.t + 1)
            repo.addComment(issue: 1, body: "gone", user: .null, at: Self.t + 2)
        }) { s async throws in
            let comments = try await s.get("\(s.repoPath)/issues/comments").array
            #expect(comments.count == 2)
            let expected: Set<String> = [
                "url", "html_url", "issue_url", "id", "node_id", "user", "created_at", "updated_at",
                "author_association", "body", "reactions", "performed_via_github_app",
            ]
            #expect(Set(comments[0].keys) == expected)
            #expect(comments[0]["body"] as? String == "hello \"world\"\n")
            #expect(comments[0]["issue_url"] as? String == "\(s.base)/repos/octo/repo/issues/1")
            let id = (comments[0]["id"] as! NSNumber).int64Value
            #expect(comments[0]["html_url"] as? String == "https://github.com/octo/repo/issues/1#issuecomment-\(id)")
            #expect(comments[1]["user"] is NSNull)
        }
    }

    @Test func reviewCommentShape() async throws {
        try await Scenario.run({ repo in
            repo.addIssue(title: "pr", user: "alice", isPullRequest: true, at: Self.t)
            repo.addComment(issue: 1, body: "nit", user: .ghost, at: Self.t + 1, review: true)
        }) { s async throws in
            let comment = try await s.get("\(s.repoPath)/pulls/comments").array[0]
            let required: Set<String> = [
                "url", "pull_request_review_id", "id", "node_id", "diff_hunk", "path", "commit_id",
                "original_commit_id", "user", "body", "created_at", "updated_at", "html_url", "pull_request_url",
                "author_association", "_links", "line", "side", "reactions", "position", "original_position",
                "start_line", "original_start_line", "start_side", "original_line", "subject_type",
            ]
            #expect(Set(comment.keys) == required)
            #expect(comment["pull_request_url"] as? String == "\(s.base)/repos/octo/repo/pulls/1")
            #expect(Set((comment["_links"] as! [String: Any]).keys) == ["self", "html", "pull_request"])
            #expect((comment["user"] as! [String: Any])["login"] as? String == "ghost")
            #expect((comment["commit_id"] as! String).count == 40)
            // Review comments do not count in the issue's `comments`, but move `updated_at`.
            let issue = try await s.get("\(s.repoPath)/issues").array[0]
            #expect(issue["comments"] as? Int == 0)
            #expect(issue["updated_at"] as? String == TimeFormat.iso8601(Self.t + 1))
        }
    }

    @Test func commentSortSinceAndEdits() async throws {
        try await Scenario.run({ repo in
            repo.addIssue(title: "a", user: "alice", at: Self.t)
            for i in 0..<4 { repo.addComment(issue: 1, body: "c\(i)", user: "bob", at: Self.t + 10) }  // same second
            repo.editComment(id: repo.issueComments[0].id, review: false, body: "edited", at: Self.t + 20)
        }) { s async throws in
            func bodies(_ query: String) async throws -> [String] {
                try await s.get("\(s.repoPath)/issues/comments\(query)").array.map { $0["body"] as! String }
            }
            #expect(try await bodies("") == ["edited", "c1", "c2", "c3"])
            #expect(try await bodies("?sort=created&direction=desc") == ["c3", "c2", "c1", "edited"])
            #expect(try await bodies("?sort=updated&direction=asc") == ["c1", "c2", "c3", "edited"])
            let since = TimeFormat.iso8601(Self.t + 20)
            #expect(try await bodies("?sort=updated&direction=asc&since=\(since)") == ["edited"])
            #expect(try await bodies("?since=\(since)") == ["edited"])
        }
    }

    @Test func idsAbove2To53AreExactAndSequencesMayCollide() async throws {
        let big: Int64 = 9_007_199_254_740_993  // 2^53 + 1: a Double would round it
        try await Scenario.run({ repo in
            repo.nextIssueID = big
            repo.nextEventID = big + 10
            repo.nextCommentID = big + 100
            repo.nextReviewCommentID = big + 100  // collides with the issue comment on purpose
            repo.addIssue(title: "a", user: "alice", isPullRequest: true, at: Self.t)
            repo.addEvent(issue: 1, event: "closed", actor: "alice", at: Self.t + 1)
            repo.addComment(issue: 1, body: "issue comment", user: "bob", at: Self.t + 2)
            repo.addComment(issue: 1, body: "review comment", user: "bob", at: Self.t + 3, review: true)
        }) { s async throws in
            let issues = try await s.get("\(s.repoPath)/issues?state=all")
            #expect(issues.text.contains("\"id\":9007199254740993,"))
            let events = try await s.get("\(s.repoPath)/issues/events")
            #expect(events.text.contains("\"id\":9007199254741003,"))
            let comments = try await s.get("\(s.repoPath)/issues/comments")
            let reviews = try await s.get("\(s.repoPath)/pulls/comments")
            #expect(comments.text.contains("\"id\":9007199254741093,"))
            #expect(reviews.text.contains("\"id\":9007199254741093,"))
            #expect(comments.array[0]["body"] as? String == "issue comment")
            #expect(reviews.array[0]["body"] as? String == "review comment")
        }
    }

    @Test func ghostAndNullUsersOnIssues() async throws {
        try await Scenario.run({ repo in
            repo.addIssue(title: "deleted", user: .null, at: Self.t)
            repo.addIssue(title: "ghost", user: .ghost, at: Self.t + 1)
        }) { s async throws in
            let issues = try await s.get("\(s.repoPath)/issues?direction=asc").array
            #expect(issues[0]["user"] is NSNull)
            let ghost = issues[1]["user"] as! [String: Any]
            #expect(ghost["login"] as? String == "ghost")
            #expect(ghost["id"] as? Int == 10137)
            #expect(ghost["node_id"] as? String == "MDQ6VXNlcjEwMTM3")
        }
    }
}
