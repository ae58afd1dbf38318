import Foundation
import Synchronization
import Testing
@testable import FakeGitHub
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct FaultTests {
    @Test func statusFaultIsServedTheGivenNumberOfTimes() async throws {
        try await Scenario.run(Scenario.issues(1)) { s async throws in
            s.server.inject(.status(502, body: "{\"message\":\"Server Error\"}"), times: 2) { $0.hasSuffix("/issues") }
            let first = try await s.get("\(s.repoPath)/issues")
            #expect(first.status == 502)
            #expect(first.text == "{\"message\":\"Server Error\"}")
            #expect(first.header("X-RateLimit-Remaining") == "5000")  // faults do not use quota
            #expect(try await s.get("\(s.repoPath)/issues/comments").status == 200)  // not matched
            #expect(try await s.get("\(s.repoPath)/issues").status == 502)
            #expect(try await s.get("\(s.repoPath)/issues").status == 200)
            #expect(s.server.requests.map(\.status) == [502, 200, 502, 200])
        }
    }

    @Test func faultsAreConsumedInOrder() async throws {
        try await Scenario.run(Scenario.issues(1)) { s async throws in
            s.server.inject(.status(500)) { _ in true }
            s.server.inject(.status(503)) { _ in true }
            #expect(try await s.get("\(s.repoPath)/issues").status == 500)
            #expect(try await s.get("\(s.repoPath)/issues").status == 503)
            #expect(try await s.get("\(s.repoPath)/issues").status == 200)
        }
    }

    @Test func secondaryRateLimitAndTooManyRequests() async throws {
        try await Scenario.run(Scenario.issues(1)) { s async throws in
            s.server.inject(.secondaryRateLimit(retryAfter: 7)) { _ in true }
            let secondary = try await s.get("\(s.repoPath)/issues")
            #expect(secondary.status == 403)
            #expect(secondary.header("Retry-After") == "7")
            #expect((secondary.object["message"] as? String)?.hasPrefix("You have exceeded a secondary rate limit") == true)
            #expect(secondary.header("X-RateLimit-Remaining") == "5000")
            s.server.inject(.tooManyRequests(retryAfter: nil)) { _ in true }
            let tooMany = try await s.get("\(s.repoPath)/issues")
            #expect(tooMany.status == 429)
            #expect(tooMany.header("Retry-After") == nil)
            #expect((tooMany.object["message"] as? String)?.hasPrefix("You have exceeded a secondary rate limit") == true)
        }
    }

    @Test func stallThenAnswer() async throws {
        try await Scenario.run(Scenario.issues(1)) { s async throws in
            s.server.inject(.stall(seconds: 0.3, then: nil)) { _ in true }
            let started = Date()
            let answer = try await s.get("\(s.repoPath)/issues")
            #expect(Date().timeIntervalSince(started) >= 0.3)
            #expect(answer.status == 200)
            #expect(answer.array.count == 1)
            s.server.inject(.stall(seconds: 0.05, then: .status(503))) { _ in true }
            #expect(try await s.get("\(s.repoPath)/issues").status == 503)
        }
    }

    @Test func stalledNormalAnswerSeesChangesMadeDuringTheStall() async throws {
        try await Scenario.run(Scenario.issues(1)) { s async throws in
            // The change is made once the request is held (its fault matched), however slowly
            // this machine runs, and well before the stall ends.
            let held = Mutex(false)
            s.server.inject(.stall(seconds: 2, then: nil)) { target in
                guard target.hasSuffix("/issues") else { return false }
                held.withLock { $0 = true }
                return true
            }
            async let answer = s.get("\(s.repoPath)/issues")
            while !held.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
            s.server.mutate("octo/repo") { $0.addIssue(title: "late", user: "bob", at: 1_800_000_000) }
            #expect(try await answer.array.count == 2)
        }
    }

    @Test func dropConnection() async throws {
        try await Scenario.run(Scenario.issues(1)) { s async throws in
            s.server.inject(.dropConnection) { _ in true }
            let raw = try await RawHTTP.exchange(port: s.port, ["GET /repos/octo/repo/issues HTTP/1.1", "Host: x", "User-Agent: raw"])
            #expect(raw.bytes.isEmpty)
            s.server.inject(.dropConnection) { _ in true }
            await #expect(throws: (any Error).self) { try await s.get("\(s.repoPath)/issues") }
            #expect(s.server.requests.map(\.status) == [0, 0])
        }
    }

    @Test func truncatedBody() async throws {
        try await Scenario.run(Scenario.issues(3)) { s async throws in
            let full = try await s.get("\(s.repoPath)/issues")
            s.server.inject(.truncatedBody) { _ in true }
            let raw = try await RawHTTP.exchange(port: s.port, ["GET /repos/octo/repo/issues HTTP/1.1", "Host: x", "User-Agent: raw", "Authorization: token tok-alice"])
            #expect(raw.statusLine == "HTTP/1.1 200 OK")
            #expect(raw.header("Content-Length") == String(full.body.count))
            #expect(raw.bodyBytes.count == full.body.count / 2)
            #expect(raw.bodyBytes == Array(full.body.prefix(full.body.count / 2)))
            s.server.inject(.truncatedBody) { _ in true }
            await #expect(throws: (any Error).self) { try await s.get("\(s.repoPath)/issues") }
        }
    }

    @Test func malformedJSONAndUnauthorized() async throws {
        try await Scenario.run(Scenario.issues(1)) { s async throws in
            s.server.inject(.malformedJSON) { _ in true }
            let malformed = try await s.get("\(s.repoPath)/issues")
            #expect(malformed.status == 200)
            #expect(!malformed.body.isEmpty)
            #expect((try? JSONSerialization.jsonObject(with: malformed.body)) == nil)
            s.server.inject(.unauthorized) { _ in true }
            let unauthorized = try await s.get("\(s.repoPath)/issues")
            #expect(unauthorized.status == 401)
            #expect(unauthorized.object["message"] as? String == "Bad credentials")
        }
    }
}
