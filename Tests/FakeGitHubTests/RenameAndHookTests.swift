import Foundation
import Synchronization
import Testing
@testable import FakeGitHub

@Suite struct RenameAndHookTests {
    @Test func renamedRepositoryRedirectsWithRestOfPathAndQuery() async throws {
        try await Scenario.run(Scenario.issues(3)) { s async throws in
            s.server.renameRepository(from: "octo/repo", to: "octo/renamed")
            let raw = HTTPClient(base: s.server.baseURL, followRedirects: false)
            let moved = try await raw.get("\(s.repoPath)/issues?per_page=2&state=all", token: Scenario.token)
            #expect(moved.status == 301)
            let location = "\(s.idPath)/issues?per_page=2&state=all"
            #expect(moved.header("Location") == location)
            // URLSession hides a redirect's body; read it off the wire.
            let wire = try await RawHTTP.exchange(port: s.port, ["GET \(s.repoPath)/issues?per_page=2&state=all HTTP/1.1", "Host: x", "User-Agent: raw"])
            #expect(wire.statusLine == "HTTP/1.1 301 Moved Permanently")
            let body = try JSONSerialization.jsonObject(with: Data(wire.bodyBytes)) as! [String: Any]
            #expect(body["url"] as? String == location)
            #expect(body["message"] as? String == "Moved Permanently")
            // A client that follows redirects gets the list, with URLs under the new name.
            let followed = try await s.get("\(s.repoPath)/issues?per_page=2&state=all")
            #expect(followed.status == 200)
            #expect(followed.array.map { $0["number"] as! Int } == [3, 2])
            #expect(followed.array[0]["repository_url"] as? String == "\(s.base)/repos/octo/renamed")
            #expect(try await s.get("/repos/octo/renamed/issues").status == 200)
            #expect(s.server.requests.map(\.status) == [301, 301, 301, 200, 200])
            #expect(s.server.repository("octo/renamed")?.id == s.repoID)
            #expect(s.server.repository("octo/repo") == nil)
        }
    }

    @Test func hookChangesRepositoryBetweenTwoPageRequests() async throws {
        try await Scenario.run(Scenario.issues(4)) { s async throws in
            let done = Mutex(false)
            s.server.onRequest { request, server in
                guard !request.target.contains("&page="), !done.withLock({ $0 }) else { return }
                done.withLock { $0 = true }
                server.mutate("octo/repo") { repo in
                    repo.addIssue(title: "new", user: "bob", at: 1_800_000_000)
                    repo.addIssue(title: "newer", user: "bob", at: 1_800_000_001)
                }
            }
            let first = try await s.get("\(s.repoPath)/issues?per_page=2&sort=created&direction=asc")
            #expect(first.array.map { $0["number"] as! Int } == [1, 2])
            #expect(first.links["last"] == "\(s.idPath)/issues?per_page=2&sort=created&direction=asc&page=2")
            let second = try await s.get(first.links["next"]!)
            #expect(second.array.map { $0["number"] as! Int } == [3, 4])
            #expect(second.links["last"] == "\(s.idPath)/issues?per_page=2&sort=created&direction=asc&page=3")
            let third = try await s.get(second.links["next"]!)
            #expect(third.array.map { $0["number"] as! Int } == [5, 6])
        }
    }

    @Test func hooksSeeEveryRequestInOrder() async throws {
        try await Scenario.run(Scenario.issues(1)) { s async throws in
            let seen = Mutex<[String]>([])
            s.server.onRequest { request, _ in seen.withLock { $0.append("\(request.status) \(request.target)") } }
            _ = try await s.get("\(s.repoPath)/issues")
            _ = try await s.get("/nope")
            #expect(seen.withLock { $0 } == ["200 /repos/octo/repo/issues", "404 /nope"])
            s.server.resetRequests()
            #expect(s.server.requests.isEmpty)
        }
    }
}
