import Foundation
import Logging
import VelodromeKit

/// Times a release `velodrome transform` over a synthetic kubernetes-sized mirror: (a) one
/// open-style metric, (b) the kubernetes metric set of config.yaml, into the embedded store and
/// into InfluxDB; and the InfluxDB writer's own throughput.
struct TransformBenchmark {
    let velodrome: String
    let issues: Int
    let events: Int
    let comments: Int
    let influx: String?
    /// A PostgreSQL server to hold the same mirror, beside SQLite.
    let postgres: String?

    init(arguments: [String]) {
        let options = BenchOptions(arguments)
        velodrome = options.string("velodrome", ".build/release/velodrome")
        issues = options.int("issues", 100_000)
        events = options.int("events", 1_000_000)
        comments = options.int("comments", 200_000)
        influx = options.string("influx", "").isEmpty ? nil : options.string("influx", "")
        postgres = options.string("postgres", "").isEmpty ? nil : options.string("postgres", "")
    }

    func run() async throws {
        let directory = NSTemporaryDirectory() + "velodrome-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let items = issues + events + comments
        print("transform benchmark: \(issues) issues/PRs, \(events) events, \(comments) comments (\(items) items)")
        let environment = ["HOME": directory, "PATH": "/usr/bin:/bin"]
        var databases = [BenchDatabase.sqlite(in: directory)]
        if let postgres { databases.append(try await .postgres(server: postgres)) }
        for database in databases {
            let built = ContinuousClock.now
            try await database.withStore { store in
                _ = try await SyntheticMirror.write(into: store, issues: issues, events: events, comments: comments)
                // A mirror written over weeks has long been vacuumed: without this, the first
                // transform over rows written seconds ago also sets their hint bits.
                if store.database.dialect == .postgres { try await store.database.read { try await $0.run("VACUUM ANALYZE", []) } }
            }
            print("  \(database.label) (mirror written in \(seconds(since: built)))")
            try measure(database, "(a) open, embedded", ["--name", "open", "count", "--state=opened,!merged", "--percentiles=50,90"], items: items, environment: environment)
            try measure(database, "(b) kubernetes set, embedded", ["--config", "config.yaml"], items: items, environment: environment)
            if database.label == "SQLite" { try report(database, directory: directory, environment: environment) }
        }
        let sqlite = databases[0]
        guard let influx else {
            print("  (b) into InfluxDB and the writer's throughput: skipped, no --influx URL (bench/run starts one)")
            return
        }
        try measure(sqlite, "(b) kubernetes set, InfluxDB", ["--config", "config.yaml", "--influx-host", influx, "--influx-database", "bench", "--create-database"],
                    items: items, environment: environment)

        // The writer alone: the points (b) computed, sent again in batches of 5000.
        let points = try await sqlite.withStore { store in
            var points: [MetricPoint] = []
            for metric in try ConfigurationLoader.load(path: "config.yaml").metrics(for: try RepositoryName(parsing: SyntheticMirror.repository)) {
                points += try await store.points(measurement: metric.name, repository: SyntheticMirror.repository)
            }
            return points
        }
        let sink = InfluxV1Sink(host: URL(string: influx)!, database: "bench_writer", user: "root", password: nil, createDatabase: true,
                                transport: URLSessionTransport(timeout: .seconds(60)), logger: Logger(label: "bench"))
        try await sink.prepare()
        let started = ContinuousClock.now
        var index = 0
        while index < points.count {
            let end = min(index + 5000, points.count)
            try await sink.write(Array(points[index..<end]))
            index = end
        }
        let writeSeconds = (ContinuousClock.now - started).inSeconds
        print("  InfluxDB writer: \(points.count) points in \(String(format: "%.2f", writeSeconds)) s, \(Int(Double(points.count) / writeSeconds)) points/s")
    }

    private func measure(_ database: BenchDatabase, _ label: String, _ arguments: [String], items: Int, environment: [String: String]) throws {
        let base = ["transform", "--once", "--rebuild", "--repository", SyntheticMirror.repository, "--database", database.url, "--log-format", "json"]
        let result = try MeasuredProcess.run(velodrome, base + arguments, environment: environment)
        guard result.status == 0 else { throw BenchError("\(label) failed (\(result.status)):\n\(result.stderr)") }
        let points = try Self.pointsLogged(result.stderr)
        print("    \(label): \(String(format: "%.2f", result.seconds)) s, \(Int(Double(items) / result.seconds)) items/s, \(points) points, peak memory \(String(format: "%.1f", result.peakMegabytes)) MB")
    }

    /// The HTML report of (b)'s points: how long it takes to write, how heavy its pages are, and
    /// how long a headless Chromium takes to load the heaviest (browser start included).
    private func report(_ database: BenchDatabase, directory: String, environment: [String: String]) throws {
        let output = "\(directory)/report"
        let result = try MeasuredProcess.run(velodrome, ["dashboards", "--html", output, "--project", "kubernetes", "--database", database.url, "--config", "config.yaml"],
                                             environment: environment)
        guard result.status == 0 else { throw BenchError("the report failed (\(result.status)):\n\(result.stderr)") }
        let pages = try FileManager.default.contentsOfDirectory(atPath: output).filter { $0.hasPrefix("kubernetes") }.sorted()
        let sizes = try pages.map { ($0, (try FileManager.default.attributesOfItem(atPath: "\(output)/\($0)")[.size] as? Int) ?? 0) }
        let heaviest = sizes.max { $0.1 < $1.1 }!
        print("    HTML report: \(String(format: "%.2f", result.seconds)) s, peak memory \(String(format: "%.1f", result.peakMegabytes)) MB; pages "
            + sizes.map { "\($0.0) \($0.1 / 1024) KB" }.joined(separator: ", "))
        let chromium = "/usr/bin/chromium"
        guard FileManager.default.fileExists(atPath: chromium) else { return print("    (no Chromium: page load not timed)") }
        let load = try MeasuredProcess.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://\(output)/\(heaviest.0)"], environment: environment)
        print("    Chromium loads \(heaviest.0) headless in \(String(format: "%.2f", load.seconds)) s (browser start included), status \(load.status)")
    }

    /// Points written, from the summary lines of a JSON log.
    static func pointsLogged(_ log: String) throws -> Int {
        var total = 0
        for line in log.split(separator: "\n") where line.contains("\"message\":\"transformed ") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            total += object?["points"] as? Int ?? 0
        }
        return total
    }

    private func seconds(since start: ContinuousClock.Instant) -> String {
        String(format: "%.1f s", (ContinuousClock.now - start).inSeconds)
    }
}
