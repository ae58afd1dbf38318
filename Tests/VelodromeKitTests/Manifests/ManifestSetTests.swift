import Foundation
import Testing
@testable import VelodromeKit

@Suite struct ManifestSetTests {
    static func shipped(_ settings: ManifestSettings = ManifestSettings(), selector: String? = nil) throws -> ManifestSet {
        let path = RepositoryRoot.path("config.yaml")
        return try ManifestSet(configuration: try ConfigurationLoader.load(path: path), configurationText: try String(contentsOfFile: path, encoding: .utf8),
                               settings: settings, selector: try selector.map(LabelSelector.init(parsing:)))
    }

    @Test func selectorsPickAsTheOriginalsREADMEDid() throws {
        let all = try Self.shipped()
        let kubernetes = try Self.shipped(selector: "project=kubernetes")
        #expect(kubernetes.objects.allSatisfy { $0.group == "kubernetes" })
        // A Service and a Deployment for each of the 15 repositories.
        let fetchers = try Self.shipped(selector: "app=fetcher")
        #expect(fetchers.objects.map { $0.tree["kind"] } == Array(repeating: ["Service", "Deployment"], count: 15).flatMap { $0 })
        // One transform per project, each a Service and a Deployment.
        let notTransform = try Self.shipped(selector: "app!=transform")
        #expect(notTransform.objects.count == all.objects.count - 4 * 2)
    }

    @Test func theCloudSQLProxyIsProbedOnItsOwnHealthPaths() throws {
        var settings = ManifestSettings()
        settings.database = .cloudSQL(instance: "velodrome:us-central1:mirror")
        let proxy = try #require(try Self.shipped(settings).objects.first { $0.labels.app == "sqlproxy" && $0.tree["kind"] == "Deployment" })
        let container = try #require(GeneratedStageArgumentsTests.containers(proxy.tree).first)
        #expect(container["args"] == ["--port=5432", "--address=0.0.0.0", "--structured-logs", "--health-check", "--http-address=0.0.0.0",
                                      "--http-port=9090", "velodrome:us-central1:mirror"])
        #expect(container["livenessProbe"]?["httpGet"]?["path"] == "/liveness")
        #expect(container["readinessProbe"]?["httpGet"]?["path"] == "/readiness")
    }

    @Test func dumpsForInspection() throws {
        let directory = ProcessInfo.processInfo.environment["VELODROME_MANIFEST_DUMP"] ?? ""
        guard !directory.isEmpty else { return }
        for (name, settings) in Self.modes {
            try Self.shipped(settings).stream().write(toFile: "\(directory)/\(name).yaml", atomically: true, encoding: .utf8)
        }
    }

    static var modes: [(String, ManifestSettings)] {
        var cloud = ManifestSettings(); cloud.database = .cloudSQL(instance: "velodrome:us-central1:mirror")
        var secret = ManifestSettings(); secret.database = .secret("velodrome-database-url")
        var cron = ManifestSettings(); cron.schedule = "*/30 * * * *"
        var perMetric = ManifestSettings(); perMetric.transformPerMetric = true
        return [("default", ManifestSettings()), ("cloud-sql", cloud), ("database-secret", secret), ("schedule", cron), ("per-metric", perMetric)]
    }
}
