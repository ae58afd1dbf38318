import Foundation
import Testing
@testable import VelodromeKit

/// `velodrome dashboards` as a process: the files it writes, and its usage errors.
@Suite struct DashboardsCommandTests {
    @Test func writesEachProjectsFilesAndNamesThem() async throws {
        let directory = try TemporaryDirectory()
        let config = RepositoryRoot.path("config.yaml")
        let result = try await VelodromeProcess.run(["dashboards", "--config", config, "--project", "kubernetes", "--output-dir", directory.url.path,
                                                    "--influx-url", "influxdb.monitoring:8086"])
        #expect(result.status == 0, "\(result.stderr)")
        let paths = ["dashboards/kubernetes.json", "dashboards/github-tokens.json", "provisioning/datasources/velodrome.yaml", "provisioning/dashboards/velodrome.yaml"]
            .map { "\(directory.url.path)/kubernetes/\($0)" }
        #expect(result.stdout == paths.joined(separator: "\n") + "\n")
        let project = try #require(try ConfigurationLoader.load(path: config).project(named: "kubernetes"))
        let expected = try GrafanaProvisioning(project: project, influxURL: "http://influxdb.monitoring:8086").files()
        for (path, file) in zip(paths, expected) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == file.contents, "\(path)")
        }
        let every = try await VelodromeProcess.run(["dashboards", "--config", config, "--output-dir", directory.url.path])
        #expect(every.stdout.split(separator: "\n").count == 4 * 4)
    }

    @Test(arguments: Backend.all) func writesTheReportOfTheDatabase(backend: Backend) async throws {
        let directory = try TemporaryDirectory()
        try await TestDatabase.with(backend, in: directory) { database in
            let config = RepositoryRoot.path("config.yaml")
            let result = try await VelodromeProcess.run(["dashboards", "--config", config, "--html", directory.path("report"), "--database", database.url])
            #expect(result.status == 0, "\(result.stderr)")
            let written = result.stdout.split(separator: "\n").map { String($0.dropFirst(directory.path("report").count + 1)) }
            #expect(written == ["index.html"] + ["kubernetes", "istio", "tensorflow", "beam"].flatMap { ["\($0)-90d.html", "\($0).html", "\($0)-all.html"] })
            let page = try String(contentsOfFile: directory.path("report/kubernetes.html"), encoding: .utf8)
            #expect(page.contains("No metrics in the embedded store yet: run velodrome transform."))
            #expect(page.contains("kubernetes/kubernetes not fetched yet"))
        }
    }

    @Test(arguments: [
        (["dashboards"], "velodrome dashboards: dashboards needs --html DIR (a report), --output-dir DIR (files for Grafana's provisioning) or --grafana-url URL (Grafana's API)"),
        (["dashboards", "--output-dir", "/tmp/x", "--project", "kubernets"],
         "velodrome dashboards: unknown project \"kubernets\"; did you mean kubernetes? (CONFIG has kubernetes, istio, tensorflow, beam)"),
        (["dashboards", "--output-dir", "/tmp/x", "--influx-url", "ftp://x"],
         "velodrome dashboards: --influx-url: \"ftp://x\" is not an http(s) URL such as http://influxdb:8086"),
    ])
    func usageErrorsExitTwo(arguments: [String], message: String) async throws {
        let config = RepositoryRoot.path("config.yaml")
        let result = try await VelodromeProcess.run(arguments + ["--config", config])
        #expect(result.status == 2)
        #expect(result.stderr == message.replacingOccurrences(of: "CONFIG", with: config) + "\n")
    }
}
