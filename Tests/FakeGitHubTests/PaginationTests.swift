import Foundation
import Testing
@testable import FakeGitHub

@Suite struct PaginationTests {
    @Test func pageLinksOnFirstMiddleAndLastPage() async throws {
        try await Scenario.run(Scenario.issues(7)) { s async throws in
            let first = try await s.get("\(s.repoPath)/issues?per_page=3")
            #expect(first.header("Link") == "<\(s.idPath)/issues?per_page=3&page=2>; rel=\"next\", <\(s.idPath)/issues?per_page=3&page=3>; rel=\"last\"")
            let middle = try await s.get(first.links["next"]!)
            #expect(
                middle.header("Link")
                    == "<\(s.idPath)/issues?per_page=3&page=1>; rel=\"prev\", <\(s.idPath)/issues?per_page=3&page=3>; rel=\"next\", <\(s.idPath)/issues?per_page=3&page=3>; rel=\"last\", <\(s.idPath)/issues?per_page=3&page=1>; rel=\"first\""
            )
            let last = try await s.get(middle.links["next"]!)
            #expect(last.header("Link") == "<\(s.idPath)/issues?per_page=3&page=2>; rel=\"prev\", <\(s.idPath)/issues?per_page=3&page=1>; rel=\"first\"")
            // Default order: newest created first.
            #expect(first.array.map { $0["number"] as! Int } == [7, 6, 5])
            #expect(middle.array.map { $0["number"] as! Int } == [4, 3, 2])
            #expect(last.array.map { $0["number"] as! Int } == [1])
            let beyond = try await s.get("\(s.repoPath)/issues?per_page=3&page=9")
            #expect(beyond.status == 200)
            #expect(beyond.array.isEmpty)
        }
    }

    @Test func linksKeepOtherParametersInOrder() async throws {
        try await Scenario.run(Scenario.issues(5)) { s async throws in
            let answer = try await s.get("\(s.repoPath)/issues?state=all&sort=updated&direction=asc&per_page=2&since=2023-01-01T00%3A00%3A00Z")
            #expect(answer.links["next"] == "\(s.idPath)/issues?state=all&sort=updated&direction=asc&per_page=2&since=2023-01-01T00%3A00%3A00Z&page=2")
            let byID = try await s.get(answer.links["last"]!)
            #expect(byID.array.map { $0["number"] as! Int } == [5])
        }
    }

    @Test func noLinkWhenOnePageHoldsEverything() async throws {
        try await Scenario.run(Scenario.issues(3)) { s async throws in
            let answer = try await s.get("\(s.repoPath)/issues")
            #expect(answer.header("Link") == nil)
            #expect(answer.array.count == 3)
            let empty = try await s.get("\(s.repoPath)/issues/comments")
            #expect(empty.header("Link") == nil)
            #expect(empty.text == "[]")
        }
    }

    @Test func perPageDefaultsTo30AndIsCappedAt100() async throws {
        try await Scenario.run(Scenario.issues(150)) { s async throws in
            #expect(try await s.get("\(s.repoPath)/issues").array.count == 30)
            let capped = try await s.get("\(s.repoPath)/issues?per_page=500")
            #expect(capped.array.count == 100)
            #expect(capped.links["last"] == "\(s.idPath)/issues?per_page=500&page=2")
            #expect(try await s.get("\(s.repoPath)/issues?per_page=0").array.count == 30)
        }
    }

    @Test func sinceIsInclusiveAtSecondPrecision() async throws {
        let t0: Int64 = 1_700_000_000
        try await Scenario.run(Scenario.issues(5, start: t0)) { s async throws in
            let since = "2023-11-14T22:13:22Z"  // t0 + 2
            #expect(TimeFormat.iso8601(t0 + 2) == since)
            let answer = try await s.get("\(s.repoPath)/issues?sort=updated&direction=asc&since=\(since)")
            #expect(answer.array.map { $0["number"] as! Int } == [3, 4, 5])
            let created = try await s.get("\(s.repoPath)/issues?sort=created&direction=asc&since=\(since)")
            #expect(created.array.map { $0["number"] as! Int } == [3, 4, 5])
            let fraction = try await s.get("\(s.repoPath)/issues?sort=updated&direction=asc&since=2023-11-14T22:13:22.900Z")
            #expect(fraction.array.map { $0["number"] as! Int } == [3, 4, 5])
            let offset = try await s.get("\(s.repoPath)/issues?sort=updated&direction=asc&since=2023-11-14T23:13:22%2B01:00")
            #expect(offset.array.map { $0["number"] as! Int } == [3, 4, 5])
        }
    }

    @Test func sortDirectionStateAndTies() async throws {
        let t: Int64 = 1_700_000_000
        try await Scenario.run({ repo in
            for i in 1...4 { repo.addIssue(title: "\(i)", user: "alice", at: t) }  // all created at once
            repo.addEvent(issue: 2, event: "closed", actor: "alice", at: t + 10)
            repo.touchIssue(1, at: t + 5)
        }) { s async throws in
            let open = try await s.get("\(s.repoPath)/issues")
            #expect(open.array.map { $0["number"] as! Int } == [4, 3, 1])  // ties: number desc
            let all = try await s.get("\(s.repoPath)/issues?state=all&direction=asc")
            #expect(all.array.map { $0["number"] as! Int } == [1, 2, 3, 4])  // ties: number asc
            let closed = try await s.get("\(s.repoPath)/issues?state=closed")
            #expect(closed.array.map { $0["number"] as! Int } == [2])
            #expect(closed.array[0]["closed_at"] as? String == TimeFormat.iso8601(t + 10))
            let updated = try await s.get("\(s.repoPath)/issues?state=all&sort=updated")
            #expect(updated.array.map { $0["number"] as! Int } == [2, 1, 4, 3])
            let updatedAsc = try await s.get("\(s.repoPath)/issues?state=all&sort=updated&direction=asc")
            #expect(updatedAsc.array.map { $0["number"] as! Int } == [3, 4, 1, 2])
        }
    }

    @Test func deepPagesAnswer422() async throws {
        try await Scenario.run(Scenario.issues(10)) { s async throws in
            let deep = try await s.get("\(s.repoPath)/issues?page=101")
            #expect(deep.status == 422)
            #expect(deep.object["message"] as? String == "Pagination with the page parameter is not supported for large datasets, please use cursor based pagination")
            #expect(try await s.get("\(s.repoPath)/issues?page=100").status == 200)
            s.server.pageDepthLimit = 2
            #expect(try await s.get("\(s.repoPath)/issues?per_page=1&page=3").status == 422)
            #expect(try await s.get("\(s.repoPath)/issues?per_page=1&page=2").status == 200)
        }
    }

    @Test func commentListLimitRefusesPagesPastIt() async throws {
        try await Scenario.run({ repo in
            repo.addIssue(title: "x", user: "alice", at: 1_700_000_000)
            for i in 0..<6 { repo.addComment(issue: 1, body: "c\(i)", user: "bob", at: 1_700_000_001 + Int64(i)) }
            for i in 0..<6 { repo.addComment(issue: 1, body: "r\(i)", user: "bob", at: 1_700_000_001 + Int64(i), review: true) }
        }) { s async throws in
            s.server.commentListLimit = 4
            for list in ["issues/comments", "pulls/comments"] {
                #expect(try await s.get("\(s.repoPath)/\(list)?per_page=2&page=2").status == 200)
                let refused = try await s.get("\(s.repoPath)/\(list)?per_page=2&page=3")
                #expect(refused.status == 422)
                #expect((refused.object["message"] as? String)?.hasPrefix("In order to keep the API fast for everyone") == true)
            }
            // Cursors hit the same wall.
            s.server.cursorThreshold = 3
            let pages = try await s.client.all("\(s.repoPath)/issues/comments?per_page=2", token: Scenario.token)
            #expect(pages.map(\.status) == [200, 200, 422])
        }
    }

    @Test func numericRepositoryPathsServeTheSameLists() async throws {
        try await Scenario.run(Scenario.issues(4)) { s async throws in
            let byName = try await s.get("\(s.repoPath)/issues?per_page=2")
            let byID = try await s.get("/repositories/\(s.repoID)/issues?per_page=2")
            #expect(byName.body == byID.body)
            #expect(byName.header("ETag") == byID.header("ETag"))
            #expect(try await s.get("/repositories/999/issues").status == 404)
            #expect(try await s.get("/repos/OCTO/Repo/issues").status == 200)  // names are case-insensitive
        }
    }
}
