import Foundation
import Testing
@testable import FakeGitHub

/// The fake's answers have the shapes of the recorded GitHub traffic.
@Suite struct FixtureShapeTests {
    /// Keys of a JSON object, recursively for nested objects and the first element of arrays
    /// of objects, as "a", "a.b", "a[].c" paths.
    static func keyPaths(_ value: Any, prefix: String = "") -> Set<String> {
        var out: Set<String> = []
        if let object = value as? [String: Any] {
            for (key, child) in object {
                let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                out.insert(path)
                out.formUnion(keyPaths(child, prefix: path))
            }
        } else if let array = value as? [Any], let first = array.first {
            out.formUnion(keyPaths(first, prefix: prefix + "[]"))
        }
        return out
    }

    static func keys(_ value: Any?) -> Set<String> {
        Set((value as? [String: Any])?.keys.map { $0 } ?? [])
    }

    static let labelKeys: Set<String> = {
        let labels = try! Fixtures.load("labels").first { $0.method == "GET" && $0.path.hasSuffix("/labels") }!
        return keys((labels.response as! [Any]).first)
    }()

    @Test func issueKeysEqualFixtureIssueKeysRecursively() async throws {
        let fixtureIssue = (try Fixtures.issuePages()[0].response as! [Any])[0] as! [String: Any]
        try await Scenario.run({ repo in
            repo.addIssue(title: "one", user: "alice", at: 1_700_000_000, labels: ["bug", "good first issue"], assignees: ["bob", "carol"])
        }) { s async throws in
            let issue = try await s.get("\(s.repoPath)/issues").array[0]
            #expect(Self.keys(issue) == Self.keys(fixtureIssue))
            #expect(Self.keys(issue["user"]) == Self.keys(fixtureIssue["user"]))
            #expect(Self.keys(issue["reactions"]) == Self.keys(fixtureIssue["reactions"]))
            let labels = issue["labels"] as! [[String: Any]]
            #expect(labels.count == 2)
            for label in labels { #expect(Set(label.keys) == Self.labelKeys) }
            #expect(Self.keys(issue["assignee"]) == Self.keys(fixtureIssue["user"]))
            let assignees = issue["assignees"] as! [[String: Any]]
            #expect(assignees.map { $0["login"] as! String } == ["bob", "carol"])
            for assignee in assignees { #expect(Set(assignee.keys) == Self.keys(fixtureIssue["user"])) }
            // Value types match the fixture's too (null stays null, numbers stay numbers).
            for key in ["milestone", "closed_at", "active_lock_reason", "performed_via_github_app", "state_reason"] {
                #expect(issue[key] is NSNull)
            }
            #expect(issue["number"] as? Int == 1)
            #expect(issue["locked"] as? Bool == false)
        }
    }

    @Test func pullRequestAddsDraftAndPullRequestObject() async throws {
        let fixtureIssue = (try Fixtures.issuePages()[0].response as! [Any])[0] as! [String: Any]
        try await Scenario.run({ repo in
            repo.addIssue(title: "pr", user: "alice", isPullRequest: true, at: 1_700_000_000)
        }) { s async throws in
            let pr = try await s.get("\(s.repoPath)/issues").array[0]
            #expect(Self.keys(pr) == Self.keys(fixtureIssue).union(["draft", "pull_request"]))
            let pull = pr["pull_request"] as! [String: Any]
            #expect(Set(pull.keys) == ["url", "html_url", "diff_url", "patch_url", "merged_at"])
            #expect(pull["url"] as? String == "\(s.base)/repos/octo/repo/pulls/1")
            #expect(pull["html_url"] as? String == "https://github.com/octo/repo/pull/1")
            #expect(pull["merged_at"] is NSNull)
        }
    }

    @Test func headersHaveFixtureNamesAndFormats() async throws {
        let fixture = try Fixtures.issuePages()[1]
        try await Scenario.run(Scenario.issues(7)) { s async throws in
            let answer = try await s.get("\(s.repoPath)/issues?per_page=3&page=2")
            for name in [
                "Server", "Date", "Content-Type", "Cache-Control", "Vary", "ETag", "Link", "X-GitHub-Media-Type",
                "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Used",
                "X-RateLimit-Resource", "X-GitHub-Request-Id", "Content-Length",
            ] {
                #expect(fixture.header(name) != nil, "fixture lacks \(name)")
                #expect(answer.header(name) != nil, "fake lacks \(name)")
            }
            for same in ["Server", "Content-Type", "Cache-Control", "X-GitHub-Media-Type", "X-RateLimit-Resource", "Vary"] {
                #expect(answer.header(same) == fixture.header(same), "\(same) differs")
            }
            let datePattern = #"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$"#
            #expect(fixture.header("Date")!.range(of: datePattern, options: .regularExpression) != nil)
            #expect(answer.header("Date") == "Tue, 19 Jul 2022 04:39:16 GMT")  // the fake clock
            let etagPattern = #"^(W/)?"[0-9a-f]+"$"#
            #expect(fixture.header("ETag")!.range(of: etagPattern, options: .regularExpression) != nil)
            #expect(answer.header("ETag")!.range(of: etagPattern, options: .regularExpression) != nil)
            let idPattern = #"^[0-9A-F]+(:[0-9A-F]+){4}$"#
            #expect(fixture.header("X-GitHub-Request-Id")!.range(of: idPattern, options: .regularExpression) != nil)
            #expect(answer.header("X-GitHub-Request-Id")!.range(of: idPattern, options: .regularExpression) != nil)
            for name in ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Used"] {
                #expect(Int64(fixture.header(name)!) != nil)
                #expect(Int64(answer.header(name)!) != nil)
            }
            #expect(answer.header("Content-Length") == String(answer.body.count))
        }
    }

    @Test func linkHeadersParseWithTheFixtureGrammarAndUseRepositoryIDs() async throws {
        let fixturePages = try Fixtures.issuePages()
        #expect(fixturePages.count == 5)
        // 13 issues, 3 a page: five pages, as in the recording.
        try await Scenario.run(Scenario.issues(13)) { s async throws in
            var next: String? = "\(s.repoPath)/issues?per_page=3"
            var index = 0
            while let url = next {
                let page = try await s.get(url)
                let fixture = fixturePages[index]
                let fakeEntries = try #require(LinkHeader.strictEntries(page.header("Link") ?? ""))
                let fixtureEntries = try #require(LinkHeader.strictEntries(fixture.header("Link") ?? ""))
                #expect(fakeEntries.map(\.rel) == fixtureEntries.map(\.rel))
                for (fake, recorded) in zip(fakeEntries, fixtureEntries) {
                    let fakeURL = URLComponents(string: fake.url)!
                    let fixtureURL = URLComponents(string: recorded.url)!
                    #expect(fixtureURL.path.range(of: #"^/repositories/\d+/issues$"#, options: .regularExpression) != nil)
                    #expect(fakeURL.path == "/repositories/\(s.repoID)/issues")
                    #expect(fakeURL.query == fixtureURL.query)  // same parameters, same order
                    #expect("\(fakeURL.scheme!)://\(fakeURL.host!):\(fakeURL.port!)" == s.base)
                }
                #expect(page.array.count == (fixture.response as! [Any]).count)
                next = page.links["next"]
                index += 1
            }
            #expect(index == 5)
        }
    }

    @Test func renameAnswersLikeTheFixture() async throws {
        let fixture = try Fixtures.load("rename-repository").first { $0.status == 301 }!
        try await Scenario.run { s in
            s.server.renameRepository(from: "octo/repo", to: "octo/renamed")
            let client = HTTPClient(base: s.server.baseURL, followRedirects: false)
            let answer = try await client.get("/repos/octo/repo")
            #expect(answer.status == 301)
            #expect(answer.header("Location") == "\(s.base)/repositories/\(s.repoID)")
            #expect(answer.header("Content-Type") == fixture.header("Content-Type"))
            // URLSession hides a redirect's body; read it off the wire.
            let wire = try await RawHTTP.exchange(port: s.port, ["GET /repos/octo/repo HTTP/1.1", "Host: x", "User-Agent: raw"])
            let body = try JSONSerialization.jsonObject(with: Data(wire.bodyBytes)) as! [String: Any]
            #expect(Set(body.keys) == Self.keys(fixture.response))
            #expect(body["message"] as? String == (fixture.response as! [String: Any])["message"] as? String)
            #expect(body["url"] as? String == "\(s.base)/repositories/\(s.repoID)")
            #expect(body["documentation_url"] as? String == (fixture.response as! [String: Any])["documentation_url"] as? String)
        }
    }

    @Test func errorBodiesHaveFixtureKeys() async throws {
        let notFound = try Fixtures.load("branch-protection").first { $0.status == 404 }!
        let invalid = try Fixtures.load("errors").first { $0.status == 422 }!
        try await Scenario.run { s in
            let missing = try await s.get("/repos/nobody/nothing/issues")
            #expect(missing.status == 404)
            #expect(Set(missing.object.keys) == Self.keys(notFound.response))
            #expect(missing.text == #"{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}"#)
            let bad = try await s.get("\(s.repoPath)/issues?since=yesterday")
            #expect(bad.status == 422)
            #expect(Set(bad.object.keys) == Self.keys(invalid.response))
            #expect(Self.keys((bad.object["errors"] as! [Any])[0]) == Self.keys(((invalid.response as! [String: Any])["errors"] as! [Any])[0]))
        }
    }

    @Test func timestampsAreGitHubStyle() async throws {
        let fixtureIssue = (try Fixtures.issuePages()[0].response as! [Any])[0] as! [String: Any]
        try await Scenario.run({ repo in
            repo.addIssue(title: "t", user: "alice", at: 1_658_205_556)
        }) { s async throws in
            let issue = try await s.get("\(s.repoPath)/issues").array[0]
            #expect(issue["created_at"] as? String == fixtureIssue["created_at"] as? String)
            #expect(issue["created_at"] as? String == "2022-07-19T04:39:16Z")
        }
    }
}
