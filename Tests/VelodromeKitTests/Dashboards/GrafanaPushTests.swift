import FakeGrafana
import Foundation
import Testing
@testable import VelodromeKit

/// `dashboards --grafana-url` against a fake Grafana that checks the credentials and records
/// every request: the first run sets everything up, the second changes nothing, refusals are
/// clear and never show a credential.
@Suite(.serialized) struct GrafanaPushTests {
    static let token = "glsa_test_service_account_token"

    func with(_ body: (FakeGrafana, GrafanaProvisioning) async throws -> Void) async throws {
        let grafana = FakeGrafana(authorization: "Bearer \(Self.token)")
        try await grafana.start()
        let configuration = try ConfigurationLoader.load(path: RepositoryRoot.path("config.yaml"))
        do {
            try await body(grafana, GrafanaProvisioning(project: try #require(configuration.project(named: "kubernetes"))))
            try await grafana.stop()
        } catch {
            try? await grafana.stop()
            throw error
        }
    }

    func push(_ grafana: FakeGrafana, token: String = Self.token, password: Secret? = Secret("influx-secret", origin: "test")) -> GrafanaPush {
        GrafanaPush(url: grafana.url, credentials: .token(Secret(token, origin: "--grafana-token-file /etc/grafana/token")),
                    transport: URLSessionTransport(timeout: .seconds(5)), influxPassword: password)
    }

    @Test func theFirstRunSetsEverythingUpAndTheSecondChangesNothing() async throws {
        try await with { grafana, provisioning in
            #expect(try await push(grafana).push(provisioning) == [
                "created datasource velodrome-github", "created datasource velodrome-monitoring", "created datasource velodrome-prometheus",
                "saved dashboard velodrome-kubernetes (version 1)", "saved dashboard velodrome-tokens-kubernetes (version 1)",
                "starred dashboard velodrome-kubernetes", "made dashboard velodrome-kubernetes the organisation's home",
            ])
            #expect(grafana.homeDashboardUID == "velodrome-kubernetes" && grafana.isStarred("velodrome-kubernetes"))
            let github = try #require(grafana.datasource("velodrome-github"))
            #expect(github["url"] as? String == "http://influxdb-kubernetes:8086")
            #expect((github["jsonData"] as? [String: Any])?["dbName"] as? String == "github")
            #expect((github["secureJsonFields"] as? [String: Any])?["password"] as? Bool == true)
            #expect(grafana.datasource("velodrome-prometheus")?["secureJsonFields"] == nil)

            grafana.resetRequests()
            #expect(try await push(grafana).push(provisioning) == [])
            #expect(Set(grafana.requests.map(\.method)) == ["GET"])
            #expect(grafana.dashboardVersion("velodrome-kubernetes") == 1)
        }
    }

    @Test func aChangedAddressUpdatesTheDatasourcesOnly() async throws {
        try await with { grafana, provisioning in
            _ = try await push(grafana).push(provisioning)
            var moved = provisioning
            moved.influxURL = "http://influxdb.monitoring:8086"
            #expect(try await push(grafana).push(moved) == ["updated datasource velodrome-github", "updated datasource velodrome-monitoring"])
            #expect(grafana.datasource("velodrome-github")?["url"] as? String == "http://influxdb.monitoring:8086")
            // The password Grafana holds is kept: a PUT without one does not remove it.
            #expect((grafana.datasource("velodrome-github")?["secureJsonFields"] as? [String: Any])?["password"] as? Bool == true)
        }
    }

    @Test func refusalsNameTheRequestAndGrafanasMessageButNeverTheToken() async throws {
        try await with { grafana, provisioning in
            let wrong = "glsa_wrong_token"
            do {
                _ = try await push(grafana, token: wrong).push(provisioning)
                Issue.record("a wrong token was accepted")
            } catch let error as GrafanaError {
                #expect(error.description == "Grafana at \(grafana.url.absoluteString) refused GET /api/datasources/uid/velodrome-github (401): Unauthorized; check the credentials (--grafana-token-file /etc/grafana/token)")
                #expect(!error.description.contains(wrong))
            }
            grafana.fail("/api/dashboards/db", status: 412, message: "The dashboard has been changed by someone else")
            do {
                _ = try await push(grafana).push(provisioning)
                Issue.record("a 412 was taken for success")
            } catch let error as GrafanaError {
                #expect(error.description == "Grafana at \(grafana.url.absoluteString) refused POST /api/dashboards/db (412): The dashboard has been changed by someone else")
            }
            grafana.fail("/api/org/preferences", status: 500, message: "Failed to get preferences")
            do {
                _ = try await push(grafana).push(provisioning)
                Issue.record("a 500 was taken for success")
            } catch let error as GrafanaError {
                #expect(error.description == "Grafana at \(grafana.url.absoluteString) refused GET /api/org/preferences (500): Failed to get preferences")
            }
            // Once Grafana answers again, a run completes what the failed ones left.
            #expect(try await push(grafana).push(provisioning) == ["made dashboard velodrome-kubernetes the organisation's home"])
        }
    }

    @Test func theCommandPushesOneProjectAndExitsOneOnARefusal() async throws {
        try await with { grafana, _ in
            let config = RepositoryRoot.path("config.yaml")
            let arguments = ["dashboards", "--config", config, "--project", "kubernetes", "--grafana-url", grafana.url.absoluteString]
            let first = try await VelodromeProcess.run(arguments, environment: VelodromeProcess.cleanEnvironment(["GRAFANA_TOKEN": Self.token]))
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.split(separator: "\n").count == 7)
            let second = try await VelodromeProcess.run(arguments, environment: VelodromeProcess.cleanEnvironment(["GRAFANA_TOKEN": Self.token]))
            #expect(second.stdout == "Grafana at \(grafana.url.absoluteString) already has kubernetes's datasources and dashboards\n")
            let refused = try await VelodromeProcess.run(arguments, environment: VelodromeProcess.cleanEnvironment(["GRAFANA_TOKEN": "glsa_nope"]))
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("(401): Unauthorized; check the credentials (the GRAFANA_TOKEN variable)"))
            #expect(!refused.stderr.contains("glsa_nope"))
            let everyProject = try await VelodromeProcess.run(["dashboards", "--config", config, "--grafana-url", grafana.url.absoluteString],
                                                             environment: VelodromeProcess.cleanEnvironment(["GRAFANA_TOKEN": Self.token]))
            #expect(everyProject.status == 2)
            #expect(everyProject.stderr == "velodrome dashboards: --grafana-url sets up one project's Grafana: add --project NAME (\(config) has kubernetes, istio, tensorflow, beam)\n")
        }
    }
}
