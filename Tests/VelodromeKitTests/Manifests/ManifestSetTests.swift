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
        #expect(kubernetes.objects.allSatisfy { $0.project == "kubernetes" })
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

    static func manifests(_ yaml: String, selector: String? = nil) throws -> ManifestSet {
        try ManifestSet(configuration: try ConfigurationLoader.parse(yaml, file: "config.yaml"), configurationText: yaml,
                        settings: ManifestSettings(), selector: try selector.map(LabelSelector.init(parsing:)))
    }

    /// The names of the objects of `kind`, or of all.
    static func names(_ set: ManifestSet, kind: String? = nil) -> [String] {
        set.objects.filter { kind == nil || $0.tree["kind"] == .string(kind!) }.compactMap {
            if case .string(let name)? = $0.tree["metadata"]?["name"] { name } else { nil }
        }
    }

    @Test func aRepositoryInTwoProjectsIsFetchedOnceByTheFirst() throws {
        let set = try Self.manifests("""
            projects:
              first:
                repositories:
                  acme/widgets: {}
              second:
                repositories:
                  acme/widgets: {}
                  acme/gadgets: {}

            """)
        #expect(Self.names(set, kind: "Deployment").filter { $0.hasPrefix("fetcher-") } == ["fetcher-acme-widgets", "fetcher-acme-gadgets"])
        #expect(set.objects.first { $0.labels.repository == "widgets" }?.labels.project == "first")
    }

    @Test func namesThatMeetAfterCleaningAreRefused() {
        #expect(throws: ConfigurationProblem("config.yaml gives two Services the name fetcher-foo-bar-baz, for foo-bar/baz and foo/bar-baz: rename one")) {
            try Self.manifests("""
                projects:
                  one:
                    repositories:
                      foo-bar/baz: {}
                      foo/bar-baz: {}

                """)
        }
    }

    /// `merge-` and `merge` are two metrics: the one whose name had to change ends in a hash, in
    /// its object's name and its label, and every label value starts and ends with a letter or digit.
    @Test func aNameThatHadToChangeKeepsApartFromTheOneItLooksLike() throws {
        let yaml = """
            projects:
              one:
                repositories:
                  acme/.github:
                    merge:
                      plugin: count
                      args: [--event=merged]
                    merge-:
                      plugin: count
                      args: [--event=merged]

            """
        var settings = ManifestSettings()
        settings.transformPerMetric = true
        let set = try ManifestSet(configuration: try ConfigurationLoader.parse(yaml, file: "config.yaml"), configurationText: yaml, settings: settings)
        let transforms = Self.names(set, kind: "Deployment").filter { $0.hasPrefix("transform-") }
        #expect(transforms.count == 2)
        #expect(transforms[0] == "transform-one-merge")
        #expect(transforms[1].firstMatch(of: /^transform-one-merge-[0-9a-f]{10}$/) != nil)
        let fetcher = try #require(set.objects.first { $0.labels.app == "fetcher" })
        #expect(Self.names(set, kind: "Deployment").contains { $0.firstMatch(of: /^fetcher-acme-github-[0-9a-f]{10}$/) != nil })
        let repositoryLabel = try #require(fetcher.labels.dictionary["gh-repository"])
        #expect(repositoryLabel.firstMatch(of: /^github-[0-9a-f]{10}$/) != nil)
        let metricLabels = set.objects.compactMap { $0.labels.dictionary["transform-metric"] }
        #expect(Set(metricLabels).count == 2)
        for value in set.objects.flatMap({ $0.labels.dictionary.values }) {
            #expect(value.first!.isLetter || value.first!.isNumber, "\(value)")
            #expect(value.last!.isLetter || value.last!.isNumber, "\(value)")
        }
    }

    /// A CronJob's Jobs add 11 characters to its name, a StatefulSet's pods' revision label as many:
    /// every name fits in 52.
    @Test func longNamesFitACronJobAndAStatefulSet() throws {
        let project = String(repeating: "p", count: 60)
        let set = try Self.manifests("""
            projects:
              \(project):
                repositories:
                  \(String(repeating: "o", count: 39))/\(String(repeating: "r", count: 90)): {}

            """)
        let names = Self.names(set)
        #expect(names.count == set.objects.count)
        #expect(names.allSatisfy { $0.count <= 52 }, "\(names.filter { $0.count > 52 })")
        #expect(names.contains { $0.firstMatch(of: /^influxdb-p{32}-[0-9a-f]{10}$/) != nil })
    }

    /// `-l og-format` is what `-log-format` parses to: a selector that keeps nothing is refused.
    @Test func aSelectorMatchingNothingIsAnError() {
        #expect(throws: UsageError("the selector og-format matches no object; their labels are app, project, gh-organization, gh-repository and transform-metric (see docs/deploying.md)")) {
            try Self.shipped(selector: "og-format")
        }
    }

    /// A project named `shared` or `kustomization` keeps a file of its own.
    @Test func aProjectsFileNeverMeetsTheOthers() throws {
        let set = try Self.manifests("""
            projects:
              shared:
                repositories:
                  acme/one: {}
              kustomization:
                repositories:
                  acme/two: {}

            """)
        #expect(try set.files().map(\.path) == ["shared.yaml", "project-shared.yaml", "project-kustomization.yaml", "kustomization.yaml"])
    }

    /// Prometheus is alive long before it is ready; InfluxDB, Prometheus and PostgreSQL get
    /// minutes to start before liveness counts.
    @Test func slowStartersHaveAStartupProbe() throws {
        let set = try Self.shipped(selector: "app in (prometheus,influxdb,postgres),project notin (istio,tensorflow,beam)")
        var containers: [String: YAMLTree] = [:]
        for object in set.objects where object.tree["kind"] == "StatefulSet" {
            containers[object.labels.app] = try #require(GeneratedStageArgumentsTests.containers(object.tree).first)
        }
        #expect(containers["prometheus"]?["livenessProbe"]?["httpGet"]?["path"] == "/prometheus/-/healthy")
        #expect(containers["prometheus"]?["readinessProbe"]?["httpGet"]?["path"] == "/prometheus/-/ready")
        #expect(containers["prometheus"]?["startupProbe"]?["httpGet"]?["path"] == "/prometheus/-/healthy")
        #expect(containers["influxdb"]?["startupProbe"]?["httpGet"]?["path"] == "/ping")
        #expect(containers["postgres"]?["readinessProbe"]?["exec"]?["command"] == ["pg_isready", "--host=127.0.0.1", "--username=velodrome", "--dbname=velodrome"])
        for app in ["prometheus", "influxdb", "postgres"] {
            #expect(containers[app]?["startupProbe"]?["failureThreshold"] == 60, "\(app)")
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
