import Foundation
import Testing
@testable import FakeGitHub

@Suite struct CursorTests {
    @Test func largeListsGetAfterCursorsWithoutLast() async throws {
        try await Scenario.run(Scenario.issues(12)) { s async throws in
            s.server.cursorThreshold = 5
            let pages = try await s.client.all("\(s.repoPath)/issues?state=all&per_page=5", token: Scenario.token)
            #expect(pages.count == 3)
            #expect(pages.map { $0.array.count } == [5, 5, 2])
            let numbers = pages.flatMap { $0.array.map { $0["number"] as! Int } }
            #expect(numbers == Array((1...12).reversed()))
            for page in pages.dropLast() {
                #expect(Set(page.links.keys) == ["next"])
                let next = URLComponents(string: page.links["next"]!)!
                #expect(next.path == "/repositories/\(s.repoID)/issues")
                #expect(next.queryItems?.map(\.name) == ["state", "per_page", "after"])
            }
            #expect(pages.last!.header("Link") == nil)
            // A page-number request on a large list also answers with cursor links.
            let second = try await s.get("\(s.repoPath)/issues?state=all&per_page=5&page=2")
            #expect(second.array.map { $0["number"] as! Int } == [7, 6, 5, 4, 3])
            let next = URLComponents(string: second.links["next"]!)!
            #expect(next.queryItems?.map(\.name) == ["state", "per_page", "after"])
            #expect(try await s.get(second.links["next"]!).array.map { $0["number"] as! Int } == [2, 1])
        }
    }

    @Test func cursorsAreStableWhileItemsMove() async throws {
        try await Scenario.run(Scenario.issues(9)) { s async throws in
            s.server.cursorThreshold = 3
            let first = try await s.get("\(s.repoPath)/issues?state=all&sort=updated&direction=asc&per_page=3")
            #expect(first.array.map { $0["number"] as! Int } == [1, 2, 3])
            // Issue 2 (already served) and issue 5 (not yet) are updated and move to the end.
            // Page offsets would now skip issue 4; the keyset cursor serves everything after 3.
            s.server.mutate("octo/repo") { repo in
                repo.touchIssue(2, at: 1_800_000_000)
                repo.touchIssue(5, at: 1_800_000_001)
            }
            var numbers: [Int] = []
            var next = first.links["next"]
            while let url = next {
                let page = try await s.get(url)
                numbers += page.array.map { $0["number"] as! Int }
                next = page.links["next"]
            }
            #expect(numbers == [4, 6, 7, 8, 9, 2, 5])
        }
    }

    @Test func descendingCursorsAndForeignCursors() async throws {
        try await Scenario.run(Scenario.issues(6)) { s async throws in
            s.server.cursorThreshold = 2
            let pages = try await s.client.all("\(s.repoPath)/issues?sort=updated&per_page=4", token: Scenario.token)
            #expect(pages.flatMap { $0.array.map { $0["number"] as! Int } } == [6, 5, 4, 3, 2, 1])
            let after = URLComponents(string: pages[0].links["next"]!)!.queryItems!.first { $0.name == "after" }!.value!
            let foreign = try await s.get("\(s.repoPath)/issues/comments?after=\(QueryString.encode(after))")
            #expect(foreign.status == 422)
            #expect(try await s.get("\(s.repoPath)/issues?after=garbage").status == 422)
        }
    }
}
