import Foundation
import TestSupport
import Testing
@testable import VelodromeKit

/// Decoding and header handling checked on real recorded GitHub answers (../shared/fixtures/github).
@Suite struct FixtureDecodingTests {
    struct Exchange: Decodable {
        let method: String
        let path: String
        let status: Int
        let response: JSONValue
        let rawHeaders: [String]

        var headers: [String: String] {
            var headers: [String: String] = [:]
            for index in stride(from: 0, to: rawHeaders.count - 1, by: 2) { headers[rawHeaders[index].lowercased()] = rawHeaders[index + 1] }
            return headers
        }

        var body: Data { try! JSONEncoder().encode(response) }

        var httpResponse: HTTPResponse { HTTPResponse(status: status, headers: headers, body: body, url: URL(string: "https://api.github.com\(path)")!) }
    }

    /// Any JSON, kept so a recorded body can be handed to the decoders as it was.
    enum JSONValue: Codable {
        case object([String: JSONValue]), array([JSONValue]), string(String), number(Double), integer(Int64), bool(Bool), null

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Int64.self) { self = .integer(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else if let value = try? container.decode(String.self) { self = .string(value) }
            else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
            else { self = .object(try container.decode([String: JSONValue].self)) }
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .object(let value): try container.encode(value)
            case .array(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            case .number(let value): try container.encode(value)
            case .integer(let value): try container.encode(value)
            case .bool(let value): try container.encode(value)
            case .null: try container.encodeNil()
            }
        }
    }

    static func exchanges(_ name: String) throws -> [Exchange] {
        try JSONDecoder().decode([Exchange].self, from: SharedFixtures.octokit("\(name).raw-fixture.json"))
    }

    @Test func issuesPageDecodesToRecords() throws {
        let page = try Self.exchanges("paginate-issues").first { $0.path.hasSuffix("/issues?per_page=3") }!
        let issues = try JSONDecoder().decode([IssuePayload].self, from: page.body).map { try $0.record() }
        #expect(issues.map(\.number) == [13, 12, 11])
        #expect(issues[0] == IssueRecord(
            number: 13, githubID: 1_308_969_059, title: "Test issue 13", body: "", user: "octokit-fixture-user-a", state: "open",
            comments: 0, isPullRequest: false, closedAt: nil, createdAt: Timestamp(parsing: "2022-07-19T04:39:16Z")!,
            updatedAt: Timestamp(parsing: "2022-07-19T04:39:16Z")!, mergedAt: nil, labels: [], assignees: []))
    }

    @Test func pagingHeadersPointAtNumericRepositoryIDs() throws {
        let exchanges = try Self.exchanges("paginate-issues").filter { $0.method == "get" }
        let first = exchanges[0].httpResponse
        let links = LinkHeader(first.header("link"))
        #expect(links.next?.absoluteString == "https://api.github.com/repositories/515435940/issues?per_page=3&page=2")
        #expect(links.last?.absoluteString == "https://api.github.com/repositories/515435940/issues?per_page=3&page=5")
        #expect(LinkHeader(exchanges.last!.httpResponse.header("link")).next == nil)
        #expect(RateLimit(headers: first) == RateLimit(limit: 5000, remaining: 4922, reset: Timestamp(seconds: 1_658_208_999), used: 78, resource: "core"))
        #expect(first.header("etag") == "\"33b993150c346057e2d21c5333d4bc506287037296cc0ec3f450bafe9b4bdc72\"")
        #expect(first.header("date").flatMap(HTTPDate.parse) == Timestamp(parsing: "2022-07-19T04:39:16Z"))
        #expect(first.header("cache-control") == "private, max-age=60, s-maxage=60")
    }

    @Test func errorBodiesGiveTheirMessage() throws {
        let validation = try Self.exchanges("errors").first { $0.status == 422 }!
        #expect(validation.httpResponse.explanation == "Validation Failed")
        let missing = try Self.exchanges("branch-protection").first { $0.status == 404 }!
        #expect(missing.httpResponse.explanation == "Branch not protected")
        let moved = try Self.exchanges("rename-repository").first { $0.status == 301 }!
        #expect(moved.headers["location"] == "https://api.github.com/repositories/515436299")
        #expect(moved.httpResponse.explanation == "Moved Permanently")
    }
}
