import Foundation
import Testing
@testable import VelodromeKit

/// The HTML report of the embedded store: every panel of every metric drawn or said to be empty,
/// nothing fetched from anywhere, and each page loaded by a real headless Chromium.
@Suite struct HTMLReportTests {
    static func project(_ metrics: [MetricDefinition]) throws -> Project {
        Project(name: "acme", repositories: [RepositoryConfiguration(name: try RepositoryName(parsing: "acme/widgets"), metrics: metrics)],
                nginx: nil, grafana: nil, prometheus: nil)
    }

    /// The kubernetes metric set over a random year-long history, in the embedded store.
    static func report() async throws -> (HTMLReport, [MetricDefinition]) {
        let metrics = try ConfigurationLoader.load(path: RepositoryRoot.path("config.yaml")).metrics(for: try RepositoryName(parsing: "kubernetes/kubernetes"))
        let mirror = TransformDeterminismTests.randomHistory(seed: 21, issues: 60, events: 600, comments: 300)
        let data = try await TransformRunner.with(.sqlite) { runner in
            try await mirror.store(into: runner.store, repository: runner.repository, watermark: 1_100)
            try await runner.run(metrics, sink: EmbeddedSink(store: runner.store))
            return try await HTMLReport.load([try project(metrics)], store: runner.store)
        }
        return (HTMLReport(projects: data, generated: Timestamp(seconds: MirrorBuilder.t0 + 2_000)), metrics)
    }

    @Test func everyPanelIsDrawnFromTheStoreAndNothingIsFetched() async throws {
        let (report, metrics) = try await Self.report()
        #expect(report.pages.map(\.path) == ["index.html", "acme-90d.html", "acme.html", "acme-all.html"])
        let page = try #require(report.pages.first { $0.path == "acme.html" }).html
        let panels = metrics.map(PanelCatalog.group).flatMap(\.panels) + PanelCatalog.tokenUsage.panels
        #expect(page.components(separatedBy: "<figure>").count - 1 == panels.count)
        for panel in panels { #expect(page.contains("<h3>\(SVGChart.escape(panel.title))</h3>"), "\(panel.title)") }
        #expect(page.contains(#"data-series="acme/widgets""#))
        // Every value is drawn inside the plot.
        let xs = page.matches(of: /cx="([0-9.\-]+)"/).map { Double($0.output.1)! }
        #expect(!xs.isEmpty && xs.allSatisfy { $0 >= SVGChart.left && $0 <= SVGChart.width - SVGChart.right })
        let ys = page.matches(of: /cy="([0-9.\-]+)"/).map { Double($0.output.1)! }
        #expect(ys.allSatisfy { $0 >= SVGChart.top && $0 <= SVGChart.height - SVGChart.bottom })
        // No token counts in this store: that panel says so rather than drawing empty axes.
        #expect(page.contains("Nothing to show in this period."))
        #expect(page.contains("Metrics computed up to: acme/widgets \(Timestamp(seconds: MirrorBuilder.t0 + 1_100).iso8601)."))
        for page in report.pages {
            #expect(!page.html.contains("<script"))
            #expect(!page.html.contains("<link") && !page.html.contains("src=") && !page.html.contains("url("), "\(page.path) fetches something")
            #expect(page.html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http") == false, "\(page.path)")
        }
    }

    @Test func anEmptyStoreSaysSo() async throws {
        let metrics = [try TransformRunner.metric("merge", ["--event=merged"])]
        let data = try await TransformRunner.with(.sqlite) { runner in try await HTMLReport.load([try Self.project(metrics)], store: runner.store) }
        let page = try #require(HTMLReport(projects: data, generated: Timestamp(seconds: 0)).pages.first { $0.path == "acme.html" }).html
        #expect(page.contains("No metrics in the embedded store yet: run velodrome transform."))
        #expect(page.contains("acme/widgets not fetched yet"))
        #expect(!page.contains("<svg"))
    }

    /// Each page in a real browser: no console message, no failed request, every chart drawn,
    /// and a screenshot kept.
    @Test(Integration.chromium) func chromiumLoadsEveryPageCleanly() async throws {
        let chromium = try #require(Integration.chromiumPath)
        let (report, _) = try await Self.report()
        let directory = try TemporaryDirectory()
        _ = try DashboardOutput.write(report.pages, to: directory.url.path)
        try FileManager.default.createDirectory(atPath: Integration.artifacts, withIntermediateDirectories: true)
        for page in report.pages {
            let url = "file://\(directory.url.path)/\(page.path)"
            let common = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0", "--window-size=1280,2000"]
            let dom = try await Self.run(chromium, common + ["--dump-dom", url])
            #expect(dom.status == 0, "\(page.path): \(dom.stderr.suffix(500))")
            let console = dom.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("net::ERR") || $0.contains("Failed to load") }
            #expect(console.isEmpty, "\(page.path): \(console)")
            #expect(dom.stdout.components(separatedBy: "<svg class=\"chart\"").count == page.html.components(separatedBy: "<svg class=\"chart\"").count, "\(page.path)")
            let shot = try await Self.run(chromium, common + ["--screenshot=\(Integration.artifacts)/report-\(page.path).png", url])
            #expect(shot.status == 0)
            #expect(FileManager.default.fileExists(atPath: "\(Integration.artifacts)/report-\(page.path).png"))
        }
    }

    static func run(_ executable: String, _ arguments: [String]) async throws -> VelodromeProcess.Result {
        try await VelodromeProcess.run(arguments, program: URL(fileURLWithPath: executable), environment: ProcessInfo.processInfo.environment)
    }
}
