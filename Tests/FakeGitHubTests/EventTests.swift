import Foundation
import Testing
@testable import FakeGitHub

@Suite struct EventTests {
    static let t: Int64 = 1_700_000_000

    static func build(_ repo: inout FakeRepository) {
        repo.addIssue(title: "a", user: "alice", at: t)
        repo.addIssue(title: "b", user: "bob", isPullRequest: true, at: t + 1)
        repo.addEvent(issue: 1, event: "labeled", actor: "alice", label: "bug", at: t + 2)
        repo.addEvent(issue: 2, event: "assigned", actor: "bob", assignee: "carol", at: t + 3)
        repo.addEvent(issue: 1, event: "closed", actor: .ghost, at: t + 4)
        repo.addEvent(issue: 1, event: "reopened", actor: .null, at: t + 5)
        repo.addEvent(issue: 1, event: "unlabeled", actor: "alice", label: "bug", at: t + 6)
    }

    @Test func repositoryEventsAreNewestFirstWithIssue() async throws {
        let fixtureIssue = (try Fixtures.issuePages()[0].response as! [Any])[0] as! [String: Any]
        try await Scenario.run(Self.build) { s async throws in
            let events = try await s.get("\(s.repoPath)/issues/events").array
            #expect(events.map { $0["event"] as! String } == ["unlabeled", "reopened", "closed", "assigned", "labeled"])
            let ids = events.map { ($0["id"] as! NSNumber).int64Value }
            #expect(ids == ids.sorted(by: >))
            for event in events {
                let issue = try #require(event["issue"] as? [String: Any])
                let expected = FixtureShapeTests.keys(fixtureIssue).union(issue["pull_request"] == nil ? [] : ["draft", "pull_request"])
                #expect(Set(issue.keys) == expected)
            }
            let base: Set<String> = ["id", "node_id", "url", "actor", "event", "commit_id", "commit_url", "created_at", "performed_via_github_app", "issue"]
            #expect(Set(events[0].keys) == base.union(["label"]))
            #expect(events[0]["label"] as? [String: String] == ["name": "bug", "color": LabelJSON.color("bug")])
            #expect(events[1]["actor"] is NSNull)
            let ghost = events[2]["actor"] as! [String: Any]
            #expect(ghost["login"] as? String == "ghost")
            #expect(ghost["id"] as? Int == 10137)
            #expect(Set(ghost.keys) == FixtureShapeTests.keys(fixtureIssue["user"]))
            #expect(Set(events[3].keys) == base.union(["assignee", "assigner"]))
            #expect((events[3]["assignee"] as! [String: Any])["login"] as? String == "carol")
            #expect((events[3]["assigner"] as! [String: Any])["login"] as? String == "bob")
            #expect(events[2]["commit_id"] is NSNull)
            #expect(events[2]["created_at"] as? String == TimeFormat.iso8601(Self.t + 4))
            #expect(events[0]["url"] as? String == "\(s.base)/repos/octo/repo/issues/events/\(ids[0])")
            // The embedded issue is the issue as it is now.
            let issue = events[4]["issue"] as! [String: Any]
            #expect(issue["state"] as? String == "open")
            #expect(issue["updated_at"] as? String == TimeFormat.iso8601(Self.t + 6))
        }
    }

    @Test func issueEventsAreOldestFirstWithoutIssue() async throws {
        try await Scenario.run(Self.build) { s async throws in
            let events = try await s.get("\(s.repoPath)/issues/1/events").array
            #expect(events.map { $0["event"] as! String } == ["labeled", "closed", "reopened", "unlabeled"])
            for event in events { #expect(event["issue"] == nil) }
            #expect(try await s.get("\(s.repoPath)/issues/2/events").array.count == 1)
            let missing = try await s.get("\(s.repoPath)/issues/99/events")
            #expect(missing.status == 404)
            #expect(missing.object["message"] as? String == "Not Found")
        }
    }

    @Test func eventsLastLinkStopsAtTheLimitAndLaterPagesFail() async throws {
        try await Scenario.run({ repo in
            repo.addIssue(title: "a", user: "alice", at: Self.t)
            for i in 0..<10 { repo.addEvent(issue: 1, event: "mentioned", actor: "alice", at: Self.t + Int64(i)) }
        }) { s async throws in
            s.server.eventsPageLimit = 2
            let first = try await s.get("\(s.repoPath)/issues/events?per_page=2")
            #expect(first.links["last"] == "\(s.idPath)/issues/events?per_page=2&page=2")
            let second = try await s.get(first.links["next"]!)
            #expect(second.status == 200)
            #expect(second.links["next"] == nil)
            #expect(second.links["last"] == nil)
            let third = try await s.get("\(s.repoPath)/issues/events?per_page=2&page=3")
            #expect(third.status == 422)
            #expect(third.object["message"] as? String == "In order to keep the API fast for everyone, pagination is limited for this resource. Check the rel=last link relation in the Link response header to see how far back you can traverse.")
            // Per-issue lists are not limited.
            #expect(try await s.get("\(s.repoPath)/issues/1/events?per_page=2&page=5").array.count == 2)
        }
    }
}
