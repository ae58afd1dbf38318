import Testing
@testable import VelodromeKit

/// Points of series other than a repository's (token counts: `login`, `resource`).
@Suite struct MetricTagTests {
    static let tokenCount = MetricPoint(measurement: "github_token_count", tags: [MetricTag("login", "k8s ci-robot"), MetricTag("resource", "core")],
                                        time: 1_800_000_000_000_000_000, fields: [MetricField("value", .integer(4321))])

    @Test func lineProtocolWritesEveryTagEscaped() {
        #expect(LineProtocol.line(Self.tokenCount) == #"github_token_count,login=k8s\ ci-robot,resource=core value=4321i 1800000000000000000"#)
        #expect(LineProtocol.line(MetricPoint(measurement: "merge", repository: "a/b", time: 5, fields: [MetricField("event", .integer(1))]))
            == "merge,repository=a/b event=1i 5")
    }

    @Test func seriesIsTheRepositoryOrTheTagsSpelledOut() {
        #expect(MetricPoint(measurement: "merge", repository: "a/b", time: 5, fields: []).series == "a/b")
        #expect(Self.tokenCount.series == "login=k8s ci-robot,resource=core")
        #expect(Self.tokenCount.repository == "")
    }

    @Test(arguments: Backend.all) func theEmbeddedStoreKeysPointsBySeries(backend: Backend) async throws {
        let directory = try TemporaryDirectory()
        try await TestDatabase.with(backend, in: directory, name: "tags") { database in
            var other = Self.tokenCount
            other.tags[1].value = "graphql"
            try await database.store.writePoints([Self.tokenCount, other, Self.tokenCount])
            let core = try await database.store.points(measurement: "github_token_count", repository: "login=k8s ci-robot,resource=core")
            #expect(core == [Self.tokenCount])
        }
    }
}
