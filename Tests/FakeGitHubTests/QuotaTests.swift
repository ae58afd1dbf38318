import Foundation
import Testing
@testable import FakeGitHub

@Suite struct QuotaTests {
    @Test func conditionalRequestsWithTokenAreFree() async throws {
        try await Scenario.run(Scenario.issues(2)) { s async throws in
            let first = try await s.get("\(s.repoPath)/issues")
            let etag = try #require(first.header("ETag"))
            #expect(first.header("X-RateLimit-Remaining") == "4999")
            let again = try await s.get("\(s.repoPath)/issues", headers: ["If-None-Match": etag])
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
            #expect(again.header("ETag") == etag)
            #expect(again.header("X-RateLimit-Remaining") == "4999")
            #expect(again.header("X-RateLimit-Used") == "1")
            let weak = try await s.get("\(s.repoPath)/issues", headers: ["If-None-Match": "W/\(etag)"])
            #expect(weak.status == 304)
            // A change makes the old tag stale.
            s.server.mutate("octo/repo") { $0.touchIssue(1, at: 1_800_000_000) }
            let changed = try await s.get("\(s.repoPath)/issues", headers: ["If-None-Match": etag])
            #expect(changed.status == 200)
            #expect(changed.header("ETag") != etag)
            #expect(changed.header("X-RateLimit-Remaining") == "4998")
            #expect(s.server.requests.map(\.ifNoneMatch) == [nil, etag, "W/\(etag)", etag])
        }
    }

    @Test func anonymousConditionalRequestsCount() async throws {
        try await Scenario.run(Scenario.issues(2)) { s async throws in
            let first = try await s.get("\(s.repoPath)/issues", token: nil)
            #expect(first.header("X-RateLimit-Limit") == "60")
            #expect(first.header("X-RateLimit-Remaining") == "59")
            let again = try await s.get("\(s.repoPath)/issues", token: nil, headers: ["If-None-Match": first.header("ETag")!])
            #expect(again.status == 304)
            #expect(again.header("X-RateLimit-Remaining") == "58")
            #expect(s.server.requests.map(\.login) == [nil, nil])
        }
    }

    @Test func quotaIsPerLoginAcrossTokens() async throws {
        try await Scenario.run(Scenario.issues(1)) { s async throws in
            s.server.addToken("tok-alice-2", login: "alice")
            s.server.addToken("tok-bob", login: "bob")
            #expect(try await s.get("\(s.repoPath)/issues").header("X-RateLimit-Remaining") == "4999")
            let second = try await s.client.get("\(s.repoPath)/issues", token: "tok-alice-2", scheme: "token")
            #expect(second.header("X-RateLimit-Remaining") == "4998")
            #expect(second.header("X-RateLimit-Used") == "2")
            let bob = try await s.get("\(s.repoPath)/issues", token: "tok-bob")
            #expect(bob.header("X-RateLimit-Remaining") == "4999")
            #expect(try await s.get("\(s.repoPath)/issues", token: nil).header("X-RateLimit-Remaining") == "59")
            #expect(s.server.requests.map(\.login) == ["alice", "alice", "bob", nil])
        }
    }

    @Test func primaryLimitAnswers403UntilReset() async throws {
        try await Scenario.run(Scenario.issues(1)) { s async throws in
            s.server.setQuota(login: "alice", limit: 2)
            let start = s.clock.now
            let first = try await s.get("\(s.repoPath)/issues")
            #expect(first.header("X-RateLimit-Reset") == String(start + 3600))  // first use + 1 h
            s.clock.advance(10)
            #expect(try await s.get("\(s.repoPath)/issues").header("X-RateLimit-Remaining") == "0")
            let refused = try await s.get("\(s.repoPath)/issues")
            #expect(refused.status == 403)
            #expect(refused.header("X-RateLimit-Remaining") == "0")
            #expect(refused.header("X-RateLimit-Reset") == String(start + 3600))
            #expect(refused.object["message"] as? String == "API rate limit exceeded for user ID \(FakeUser("alice").id).")
            #expect(refused.object["documentation_url"] != nil)
            s.clock.advance(3590)  // the reset time
            let refilled = try await s.get("\(s.repoPath)/issues")
            #expect(refilled.status == 200)
            #expect(refilled.header("X-RateLimit-Remaining") == "1")
            #expect(refilled.header("X-RateLimit-Reset") == String(start + 7200))
        }
    }

    @Test func setQuotaWithRemainingAndReset() async throws {
        try await Scenario.run(Scenario.issues(1)) { s async throws in
            s.server.setQuota(login: nil, limit: 60, remaining: 0, resetAt: s.clock.now + 100)
            let refused = try await s.get("\(s.repoPath)/issues", token: nil)
            #expect(refused.status == 403)
            #expect(refused.header("X-RateLimit-Reset") == String(s.clock.now + 100))
            #expect((refused.object["message"] as? String)?.hasPrefix("API rate limit exceeded for ") == true)
            #expect(try await s.get("\(s.repoPath)/issues").status == 200)  // alice is not affected
        }
    }

    @Test func rateLimitEndpointIsFreeAndRecorded() async throws {
        try await Scenario.run { s in
            _ = try await s.get("\(s.repoPath)/issues")
            let rate = try await s.get("/rate_limit")
            #expect(rate.status == 200)
            let core = (rate.object["resources"] as! [String: Any])["core"] as! [String: Any]
            #expect(Set(core.keys) == ["limit", "used", "remaining", "reset"])
            #expect(core["remaining"] as? Int == 4999)
            #expect((rate.object["rate"] as! [String: Any])["used"] as? Int == 1)
            #expect(rate.header("X-RateLimit-Remaining") == "4999")
            #expect(try await s.get("/rate_limit").header("X-RateLimit-Remaining") == "4999")
            #expect(s.server.requests.map(\.target) == ["/repos/octo/repo/issues", "/rate_limit", "/rate_limit"])
        }
    }

    @Test func credentialsAndUserEndpoint() async throws {
        try await Scenario.run { s in
            let me = try await s.get("/user")
            #expect(me.object["login"] as? String == "alice")
            #expect(me.object["id"] as? Int == Int(FakeUser("alice").id))
            let anonymous = try await s.get("/user", token: nil)
            #expect(anonymous.status == 401)
            let bad = try await s.get("\(s.repoPath)/issues", token: "nope")
            #expect(bad.status == 401)
            #expect(bad.object["message"] as? String == "Bad credentials")
            #expect(bad.header("X-RateLimit-Limit") == "60")
            #expect(s.server.requests.last?.login == nil)
        }
    }

    @Test func userAgentIsRequired() async throws {
        try await Scenario.run(Scenario.issues(1)) { s async throws in
            let raw = try await RawHTTP.exchange(port: s.port, ["GET /repos/octo/repo/issues HTTP/1.1", "Host: 127.0.0.1"])
            #expect(raw.statusLine == "HTTP/1.1 403 Forbidden")
            let body = try JSONSerialization.jsonObject(with: Data(raw.bodyBytes)) as! [String: Any]
            #expect(body["message"] as? String == "Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://developer.github.com for other possible causes.")
            let ok = try await RawHTTP.exchange(port: s.port, ["GET /repos/octo/repo/issues HTTP/1.1", "Host: 127.0.0.1", "User-Agent: raw"])
            #expect(ok.statusLine == "HTTP/1.1 200 OK")
            #expect(s.server.requests.map(\.userAgent) == [nil, "raw"])
        }
    }

    @Test func onlyGetIsServed() async throws {
        try await Scenario.run(Scenario.issues(1)) { s async throws in
            let raw = try await RawHTTP.exchange(port: s.port, ["POST /repos/octo/repo/issues HTTP/1.1", "Host: 127.0.0.1", "User-Agent: raw", "Content-Length: 0"])
            #expect(raw.statusLine == "HTTP/1.1 404 Not Found")
            #expect(String(decoding: raw.bodyBytes, as: UTF8.self) == #"{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}"#)
        }
    }
}
