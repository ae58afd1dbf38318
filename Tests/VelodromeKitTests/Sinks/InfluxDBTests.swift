import Foundation
import Logging
import TestSupport
import Testing
@testable import VelodromeKit

/// Against the real InfluxDB 1.x that scripts/test starts: what is written is read back exactly.
@Suite(Integration.influx) struct InfluxDBTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    func sink(_ database: String, host: URL? = nil, create: Bool = true) throws -> InfluxV1Sink {
        InfluxV1Sink(host: try host ?? Integration.influxOrFail(), database: database, user: "root", password: nil, createDatabase: create,
                     transport: URLSessionTransport(timeout: .seconds(10)), sleeper: InstantSleeper(), logger: logger)
    }

    static func freshDatabase() -> String { "velodrome_test_\(UUID().uuidString.prefix(8).lowercased())" }

    @Test func writtenPointsReadBackExactlyWithEscapedNames() async throws {
        let database = Self.freshDatabase()
        let sink = try sink(database)
        try await sink.prepare()
        let author = "we\"ird, name = \\ ½ 🚀\nnext"
        try await sink.write([
            point("needs-rebase", 100, 0, ["count": 3, "sum": 120, "50%": 40]),
            point("needs-rebase", 100, 1, ["count": 2, "sum": 60, "50%": 30]),
            point("contributions", 200, 0, ["comment": 1, "author": author]),
        ])
        let query = InfluxQuery(url: try Integration.influxOrFail(), database: database)
        let rebase = try #require(try await query.select(#"SELECT "count", "sum", "50%", "repository" FROM "needs-rebase""#))
        #expect(rebase.values == [
            ["\((MirrorBuilder.t0 + 100) * 1_000_000_000)", "3", "120", "40", "acme/widgets"],
            ["\((MirrorBuilder.t0 + 100) * 1_000_000_000 + 1)", "2", "60", "30", "acme/widgets"],
        ])
        let contributions = try #require(try await query.select(#"SELECT "author", "comment" FROM "contributions""#))
        // Line protocol cannot carry a newline: it arrives as the two characters \n.
        #expect(contributions.values == [["\((MirrorBuilder.t0 + 200) * 1_000_000_000)", "we\"ird, name = \\ ½ 🚀\\nnext", "1"]])
    }

    @Test func hyphenatedSeriesAreDropped() async throws {
        let database = Self.freshDatabase()
        let sink = try sink(database)
        try await sink.prepare()
        try await sink.write([point("needs-rebase", 100, 0, ["count": 1, "sum": 0]), point("needs-rebase", 100, 0, ["count": 1, "sum": 0], repository: "other/repo")])
        try await sink.dropSeries(measurement: "needs-rebase", repository: "acme/widgets")
        let query = InfluxQuery(url: try Integration.influxOrFail(), database: database)
        let left = try #require(try await query.select(#"SELECT "count", "repository" FROM "needs-rebase""#))
        #expect(left.values.map { $0[2] } == ["other/repo"])
    }

    @Test func missingDatabaseIsAClearError() async throws {
        let sink = try sink(Self.freshDatabase(), create: false)
        await #expect(throws: SinkError("InfluxDB refused a write of 1 points (404): database not found: \"\(sink.database)\"; create it, or pass --create-database")) {
            try await sink.write([point("merge", 1, 0, ["event": 1])])
        }
    }

    @Test(arguments: Backend.all) func transformWritesTheReferencePointsAndResendsAfterAFailedWrite(backend: Backend) async throws {
        let mirror = TransformDeterminismTests.randomHistory(seed: 5, issues: 30, events: 300, comments: 150)
        try await TransformRunner.with(backend) { runner in
            try await mirror.store(into: runner.store, repository: runner.repository, watermark: 1100)
            let metrics = try TransformDeterminismTests.metrics()
            let database = Self.freshDatabase()

            // InfluxDB unreachable: the run fails at the start, naming the address, and no checkpoint moves.
            let unreachable = try sink(database, host: URL(string: "http://127.0.0.1:9")!, create: false)
            await #expect(throws: SinkError("cannot reach InfluxDB at http://127.0.0.1:9: cannot connect to 127.0.0.1:9 (GET /ping)")) {
                try await runner.run(metrics, sink: unreachable)
            }
            #expect(try await runner.store.checkpoints(repository: runner.repository, target: unreachable.target).isEmpty)

            let working = try sink(database)
            try await working.prepare()
            #expect(try await runner.run(metrics, sink: working, batchSize: 1000) == .completed)
            #expect(try await runner.run(metrics, sink: working) == .completed)
            let query = InfluxQuery(url: try Integration.influxOrFail(), database: database)
            for metric in metrics {
                let expected = ReferenceCount.points(metric, repository: runner.repository, issues: mirror.issues, events: mirror.events,
                                                     comments: mirror.comments, until: MirrorBuilder.t0 + 1100)
                let series = try await query.select("SELECT * FROM \(InfluxQL.identifier(metric.name))")
                let times = series?.values.map { Int64($0[0])! } ?? []
                #expect(times == expected.map(\.time), "\(metric.name)")
                // Every field of every point, as InfluxDB returns them.
                for (row, point) in zip(series?.values ?? [], expected) {
                    for field in point.fields {
                        let column = series!.columns.firstIndex(of: field.name)!
                        switch field.value {
                        case .integer(let number): #expect(row[column] == "\(number)", "\(metric.name) \(field.name)")
                        case .string(let text): #expect(row[column] == text, "\(metric.name) \(field.name)")
                        }
                    }
                }
            }
        }
    }
}
