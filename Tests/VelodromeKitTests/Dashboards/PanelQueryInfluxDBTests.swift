import Foundation
import Logging
import TestSupport
import Testing
@testable import VelodromeKit

/// Each panel's InfluxQL against the real InfluxDB, after transform wrote a known history there,
/// with Grafana's `$timeFilter` and `$repository` filled in as Grafana fills them.
@Suite(Integration.influx) struct PanelQueryInfluxDBTests {
    /// Two pull requests by alice, one by bob, one issue; lgtm, merges and a first response.
    static func history() -> MirrorBuilder {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.issue(2, by: "bob", at: 60)
        mirror.issue(3, by: "alice", at: 120)
        mirror.issue(4, by: "carol", pr: false, at: 180)
        mirror.comment(1, "looks good", by: "bob", at: 900)
        mirror.event(1, "labeled", by: "bob", label: "lgtm", at: 1_800)
        mirror.event(1, "merged", by: "k8s-merge-robot", at: 3_600)
        mirror.event(2, "labeled", by: "alice", label: "lgtm", at: 4_000)
        mirror.event(2, "merged", by: "k8s-merge-robot", at: 7_200)
        return mirror
    }

    static let start = MirrorBuilder.t0 - 10 * 86_400, end = MirrorBuilder.t0 + 10 * 86_400

    /// What Grafana sends for the panel over the twenty days around the history, for acme/widgets.
    static func filled(_ query: PanelQuery) -> String {
        let start = Timestamp(seconds: start).iso8601, end = Timestamp(seconds: end).iso8601
        return query.influxQL.replacingOccurrences(of: "$timeFilter", with: "time >= '\(start)' AND time < '\(end)'")
            .replacingOccurrences(of: "$repository", with: #"acme\/widgets"#)
    }

    @Test func everyShippedPanelRunsAndTheKnownOnesReturnTheHistory() async throws {
        let metrics = try ConfigurationLoader.load(path: RepositoryRoot.path("config.yaml")).metrics(for: try RepositoryName(parsing: "kubernetes/kubernetes"))
        let database = InfluxDBTests.freshDatabase()
        let influx = try Integration.influxOrFail()
        let points = try await TransformRunner.with(.sqlite) { runner in
            try await Self.history().store(into: runner.store, repository: runner.repository, watermark: 10_000)
            let sink = InfluxV1Sink(host: influx, database: database, user: "root", password: nil, createDatabase: true,
                                    transport: URLSessionTransport(timeout: .seconds(10)), sleeper: InstantSleeper(),
                                    logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            #expect(try await runner.run(metrics, sink: sink) == .completed)
            let recording = RecordingSink()
            try await runner.run(metrics, sink: recording)
            return recording.all
        }
        let client = InfluxQuery(url: influx, database: database)
        var answers: [String: [String]] = [:]
        for metric in metrics {
            for (index, panel) in PanelCatalog.group(for: metric).panels.enumerated() {
                for (offset, query) in panel.queries.enumerated() {
                    // A query InfluxDB rejects throws here, naming its error.
                    let series = try await client.select(Self.filled(query))
                    let rows = (series?.values ?? []).filter { $0[1] != "null" }
                    answers["\(metric.name) \(index).\(offset)"] = rows.map { $0[1] }.filter { $0 != "0" }
                    // The HTML report computes the same series from the points themselves. InfluxDB
                    // answers nothing at all for a measurement without points in the range, and its
                    // moving average starts one bucket earlier (it reaches back before the range).
                    let name = "\(metric.name) \(index).\(offset)"
                    let ours = query.series(points, from: Self.start, until: Self.end - 1).first?.values ?? []
                    let theirs = Dictionary(uniqueKeysWithValues: rows.map { (Int64($0[0])! / 1_000_000_000, Double($0[1])!) })
                    if theirs.isEmpty {
                        #expect(ours.allSatisfy { $0.value == 0 }, "\(name)")
                    } else {
                        let agreeing = ours.filter { bucket in
                            guard let value = theirs[bucket.time] else { return false }
                            return abs(value - bucket.value) < 1e-9
                        }
                        #expect(agreeing.count == ours.count, "\(name): \(ours) \(rows)")
                        #expect(theirs.count - ours.count == (query.movingAverage == nil ? 0 : 1), "\(name)")
                    }
                }
            }
        }
        // Merges: two in one week, one on each of two days; the 7-day average peaks at 2/7.
        #expect(answers["merge 1.0"] == ["2"])
        let peak = answers["merge 0.0"]?.compactMap(Double.init).max() ?? 0
        #expect(abs(peak - 2.0 / 7) < 1e-9)
        // Three pull requests opened by two people, in one week; comments by one.
        #expect(answers["contributions 1.0"] == ["3"])
        #expect(answers["contributions 2.0"] == ["2"])
        #expect(answers["contributions 5.0"] == ["1"])
        // Merge times: 60 and 119 minutes; InfluxDB's percentile is the nearest rank.
        #expect(answers["time-to-merge 0.0"] == ["60"])
        #expect(answers["time-to-merge 0.1"] == ["119"])
        #expect(answers["time-to-merge 1.0"] == ["2"])
        #expect(answers["lgtm-to-merge 0.0"] == ["30"])
        #expect(answers["time-to-first-response 0.0"] == ["15"])
        #expect(answers["new-contributors 0.0"] == ["2"])
        // Open and not merged, at the end of the day: the PR never merged.
        #expect(answers["open 0.0"]?.last == "1")
    }
}
