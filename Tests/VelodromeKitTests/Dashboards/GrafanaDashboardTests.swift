import Foundation
import Testing
@testable import VelodromeKit

/// The Grafana files of the shipped config.yaml: held to golden files, deterministic, laid out on
/// Grafana's grid, and querying only what transform and count-tokens write.
@Suite struct GrafanaDashboardTests {
    let configuration: Configuration

    init() throws {
        configuration = try ConfigurationLoader.load(path: RepositoryRoot.path("config.yaml"))
    }

    func provisioning(_ project: String) throws -> GrafanaProvisioning {
        GrafanaProvisioning(project: try #require(configuration.project(named: project)))
    }

    static let golden = RepositoryRoot.path("Tests/VelodromeKitTests/Dashboards/Golden")

    /// `VELODROME_UPDATE_GOLDEN=1 swift test --filter GrafanaDashboardTests` rewrites them after
    /// a deliberate change; review the diff.
    @Test(arguments: ["kubernetes", "beam"]) func filesEqualTheGoldenFiles(project: String) throws {
        for file in try provisioning(project).files() {
            let path = "\(Self.golden)/\(project)/\(file.path)"
            if ProcessInfo.processInfo.environment["VELODROME_UPDATE_GOLDEN"] == "1" {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try file.contents.write(to: URL(fileURLWithPath: path))
            }
            let expected = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(file.contents == expected, "\(path) differs: run with VELODROME_UPDATE_GOLDEN=1 and review the diff")
        }
    }

    @Test func twoRunsWriteTheSameBytes() throws {
        #expect(try provisioning("kubernetes").files() == provisioning("kubernetes").files())
    }

    @Test func datasourcesNameTheProjectsServersAndNoPassword() throws {
        let kubernetes = try provisioning("kubernetes")
        #expect(kubernetes.datasources.map(\.uid) == ["velodrome-github", "velodrome-monitoring", "velodrome-prometheus"])
        #expect(kubernetes.datasources.map(\.url) == ["http://influxdb-kubernetes:8086", "http://influxdb-kubernetes:8086", "http://prometheus-kubernetes:9090"])
        // beam has no prometheus section.
        #expect(try provisioning("beam").datasources.map(\.name) == ["github", "monitoring"])
        let yaml = String(decoding: try kubernetes.datasourcesYAML(), as: UTF8.self)
        #expect(yaml.contains("password: $__env{INFLUX_PASSWORD}"))
        #expect(yaml.contains("dbName: monitoring"))
    }

    @Test func panelsSitOnTheGridWithoutOverlapAndUniqueIDs() throws {
        let json = try JSONSerialization.jsonObject(with: try provisioning("kubernetes").projectDashboard.json) as! [String: Any]
        #expect(json["uid"] as? String == "velodrome-kubernetes")
        #expect(json["schemaVersion"] as? Int == GrafanaDashboard.schemaVersion)
        let panels = json["panels"] as! [[String: Any]]
        #expect(Set(panels.map { $0["id"] as! Int }).count == panels.count)
        var taken: Set<[Int]> = []
        for panel in panels {
            let grid = panel["gridPos"] as! [String: Int]
            #expect(grid["x"]! + grid["w"]! <= 24)
            for x in grid["x"]!..<(grid["x"]! + grid["w"]!) {
                for y in grid["y"]!..<(grid["y"]! + grid["h"]!) { #expect(taken.insert([x, y]).inserted, "\(panel["title"]!) overlaps") }
            }
        }
        let rows = panels.filter { $0["type"] as? String == "row" }.map { $0["title"] as! String }
        #expect(rows == configuration.metrics(for: try RepositoryName(parsing: "kubernetes/kubernetes")).map(\.name))
        let variable = ((json["templating"] as! [String: Any])["list"] as! [[String: Any]])[0]
        #expect(variable["query"] as? String == #"SHOW TAG VALUES WITH KEY = "repository""#)
    }

    @Test func titlesSayInWordsWhatIsMeasured() throws {
        let titles = try provisioning("kubernetes").project.metrics.map(PanelCatalog.group).flatMap(\.panels).map(\.title)
        #expect(titles.contains("Pull requests merged per day, 7-day average"))
        #expect(titles.contains("People who opened pull requests, per week"))
        #expect(titles.contains("People who commented on pull requests, per week"))
        #expect(titles.contains("People who labeled pull requests lgtm, per week"))
        #expect(titles.contains("Comments matching /(?m)^/lgtm$/ on pull requests per week"))
        #expect(titles.contains("Pull requests merged, per week"))
        #expect(titles.contains("Pull requests answered, per week"))
        #expect(titles.contains("Pull requests open and not merged, per day"))
        #expect(titles.contains("Age of pull requests open and not merged (median)"))
        #expect(titles.contains("Time from the lgtm label to merge for pull requests, per week (median, 85th percentile)"))
        #expect(titles.contains("Time from opening to the first response for pull requests, per week (median, 85th percentile)"))
        #expect(titles.contains("Pull requests opened by first-time authors, per week"))
        #expect(Words.percentile(21) == "21st percentile" && Words.percentile(12) == "12th percentile" && Words.percentile(93) == "93rd percentile")
    }

    @Test func longUIDsAreCutAndKeptApart() {
        #expect(GrafanaProvisioning.uid("velodrome-kubernetes") == "velodrome-kubernetes")
        let long = GrafanaProvisioning.uid("velodrome-tokens-a-project-with-a-very-long-name-1")
        #expect(long.count == 40 && long.hasPrefix("velodrome-tokens-a-proj"))
        #expect(long != GrafanaProvisioning.uid("velodrome-tokens-a-project-with-a-very-long-name-2"))
    }

    /// Every query names a measurement and fields that transform (or count-tokens) writes.
    @Test func everyQueryReadsWhatIsWritten() async throws {
        let metrics = try provisioning("kubernetes").project.metrics
        let mirror = TransformDeterminismTests.randomHistory(seed: 3, issues: 40, events: 400, comments: 200)
        let written = try await TransformRunner.with(.sqlite) { runner in
            try await mirror.store(into: runner.store, repository: runner.repository, watermark: 1100)
            let sink = RecordingSink()
            try await runner.run(metrics, sink: sink)
            return sink.all
        }
        let token = TokenCountStage.point(TokenSeries(login: "bot", resource: "core"), QuotaWindow(reset: 1, used: 1))
        let groups = metrics.map(PanelCatalog.group) + [PanelCatalog.tokenUsage]
        for query in groups.flatMap(\.panels).flatMap(\.queries) {
            let points = (written + [token]).filter { $0.measurement == query.measurement }
            let fields = Set(points.flatMap(\.fields).map(\.name))
            let needed: [String] = switch query.aggregate {
            case .sum(let field), .last(let field), .max(let field), .percentile(let field, _): [field]
            case .distinctAuthors(let field): [field, "author"]
            }
            #expect(!points.isEmpty, "\(query.measurement) has no points")
            #expect(Set(needed).isSubset(of: fields), "\(query.measurement) lacks \(needed) (has \(fields.sorted()))")
            #expect(Set(query.groupBy).isSubset(of: Set(points.flatMap(\.tags).map(\.name))))
        }
    }
}
