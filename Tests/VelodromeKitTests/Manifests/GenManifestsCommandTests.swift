import Foundation
import Testing
@testable import VelodromeKit

/// `velodrome gen-manifests` as a process, on the shipped config.yaml and on small ones.
@Suite struct GenManifestsCommandTests {
    static let golden = RepositoryRoot.path("Tests/VelodromeKitTests/Manifests/Golden/shipped.yaml")

    func run(_ arguments: [String]) async throws -> VelodromeProcess.Result {
        try await VelodromeProcess.run(["gen-manifests", "--config", RepositoryRoot.path("config.yaml")] + arguments)
    }

    /// gen-manifests on a configuration of this text.
    func run(configuration text: String) async throws -> VelodromeProcess.Result {
        let directory = try TemporaryDirectory()
        let config = directory.path("config.yaml")
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        return try await VelodromeProcess.run(["gen-manifests", "--config", config])
    }

    /// `VELODROME_UPDATE_GOLDEN=1 swift test --filter GenManifestsCommandTests` rewrites it after a
    /// deliberate change; review the diff.
    @Test func theShippedConfigurationsManifestsEqualTheGoldenFile() async throws {
        let result = try await run([])
        #expect(result.status == 0, "\(result.stderr)")
        if ProcessInfo.processInfo.environment["VELODROME_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: (Self.golden as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try result.stdout.write(toFile: Self.golden, atomically: true, encoding: .utf8)
        }
        #expect(result.stdout == (try String(contentsOfFile: Self.golden, encoding: .utf8)), "run with VELODROME_UPDATE_GOLDEN=1 and review the diff")
        // Secrets are named, never written.
        #expect(!result.stdout.contains("kind: Secret"))
        // The database password in each stage and its migrate init container (15 fetchers, 4
        // transforms, 4 token counters) and in PostgreSQL; InfluxDB's admin password in each
        // project's InfluxDB, Grafana, transform and token counter; Grafana's own.
        #expect(result.stdout.components(separatedBy: "secretKeyRef:").count - 1 == 2 * (15 + 4 + 4) + 1 + 4 * 4 + 4)
    }

    @Test func aSelectorKeepsTheObjectsItMatches() async throws {
        let kubernetes = try await run(["-l", "project=kubernetes,app in (fetcher)"])
        #expect(kubernetes.status == 0)
        let names = kubernetes.stdout.split(separator: "\n").filter { $0.hasPrefix("  name: fetcher-") }
        // A Service and a Deployment for each of kubernetes' six repositories.
        #expect(names.count == 2 * 6)
        #expect(!kubernetes.stdout.contains("project: istio"))
    }

    @Test func aProjectWithoutPrometheusOrGrafanaSectionsStillGetsItsStack() async throws {
        let result = try await run(configuration: """
            projects:
              small:
                repositories:
                  acme/widgets:
                    merge:
                      plugin: count
                      args: [--no-issues, --event=merged]

            """)
        #expect(result.status == 0, "\(result.stderr)")
        let kinds = result.stdout.split(separator: "\n").filter { $0.hasPrefix("kind: ") }.count
        #expect(kinds > 0)
        #expect(result.stdout.contains("name: grafana-small\n"))
        #expect(!result.stdout.contains("prometheus-small"))
        #expect(!result.stdout.contains("location /prometheus/"))
        #expect(!result.stdout.contains("GF_ANALYTICS_GOOGLE_ANALYTICS_UA_ID"))
    }

    @Test(arguments: [
        (["--cloud-sql-instance", "p:r:i", "--database-secret", "db"], "velodrome gen-manifests: give --cloud-sql-instance or --database-secret, not both"),
        (["--cloud-sql-instance", "just-a-name"], "velodrome gen-manifests: --cloud-sql-instance just-a-name: expected PROJECT:REGION:INSTANCE"),
        (["-l", "app=a b"], "velodrome gen-manifests: --selector \"app=a b\": \"a b\" is not a label value"),
        (["-x"], "velodrome gen-manifests: unknown option -x"),
    ])
    func badUsageExitsTwo(arguments: [String], message: String) async throws {
        let result = try await run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr == message + "\n")
        #expect(result.stdout == "")
    }

    @Test func anUnknownKeyOfANginxSectionNamesIt() async throws {
        let result = try await run(configuration: """
            projects:
              small:
                repositories:
                  acme/widgets: {}
                nginx:
                  public-ip: ""
                  public-port: 80

            """)
        #expect(result.status == 2)
        #expect(result.stderr.contains("public-port"), "\(result.stderr)")
    }
}

/// Every stage's arguments, as the generated pods run them, parse with the real binary's
/// option tables (`--help` after them stops before any work).
@Suite struct GeneratedStageArgumentsTests {
    @Test(arguments: ManifestSetTests.modes.map(\.0))
    func everyStagesArgumentsParse(mode: String) async throws {
        let settings = try #require(ManifestSetTests.modes.first { $0.0 == mode }?.1)
        var seen = Set<[String]>()
        for object in try ManifestSetTests.shipped(settings).objects where object.labels.app != "velodrome-config" {
            let image = settings.images.velodrome
            for container in Self.containers(object.tree) where container["image"] == .string(image) {
                guard case .list(let items)? = container["args"] else { continue }
                let arguments = items.compactMap { if case .string(let text) = $0 { text } else { nil } }
                // One of each shape: repositories and projects differ only in names.
                let shape = arguments.map { $0.contains("/") || $0.hasPrefix("http") ? "X" : $0 }
                guard seen.insert(shape).inserted else { continue }
                let result = try await VelodromeProcess.run(arguments + ["--help"])
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
            }
        }
        #expect(seen.count >= 4)
    }

    static func containers(_ tree: YAMLTree) -> [YAMLTree] {
        let spec = tree["spec"]?["template"]?["spec"] ?? tree["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"]
        var found: [YAMLTree] = []
        for key in ["initContainers", "containers"] {
            if case .list(let items)? = spec?[key] { found += items }
        }
        return found
    }
}
