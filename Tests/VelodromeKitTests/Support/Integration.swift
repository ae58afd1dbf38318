import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Real servers the test script started on 127.0.0.1. Under scripts/test
/// (VELODROME_REQUIRE_INTEGRATION=1) a missing server fails the tests that need it, never skips them.
enum Integration {
    static let environment = ProcessInfo.processInfo.environment
    static let required = environment["VELODROME_REQUIRE_INTEGRATION"] == "1"
    static let influxURL = environment["VELODROME_TEST_INFLUX_URL"].flatMap(URL.init(string:))
    /// `postgres://postgres:PASSWORD@127.0.0.1:PORT/postgres`: the server's superuser and its default database.
    static let postgresURL = environment["VELODROME_TEST_POSTGRES_URL"]

    /// Runs the test where InfluxDB is given, and wherever the script demands it.
    /// A second server, which the restart test may stop and start, and how to do it.
    static let restartablePostgres = environment["VELODROME_TEST_POSTGRES_RESTART_URL"].map { url in
        (url: url, bin: environment["VELODROME_TEST_POSTGRES_BIN"] ?? "", data: environment["VELODROME_TEST_POSTGRES_DATA"] ?? "")
    }

    static var postgresRestart: ConditionTrait {
        .enabled(if: restartablePostgres != nil || required, "needs a restartable PostgreSQL: run scripts/test")
    }

    static var postgres: ConditionTrait { .enabled(if: postgresURL != nil || required, "needs PostgreSQL: run scripts/test") }

    /// Prometheus' binaries, which the test script installs.
    static let promtoolPath = environment["VELODROME_TEST_PROMTOOL"]
    static let prometheusPath = environment["VELODROME_TEST_PROMETHEUS"]

    static var promtool: ConditionTrait { .enabled(if: promtoolPath != nil || required, "needs promtool: run scripts/test") }

    static var prometheus: ConditionTrait {
        .enabled(if: (prometheusPath != nil && promtoolPath != nil) || required, "needs Prometheus: run scripts/test")
    }

    static var influx: ConditionTrait { .enabled(if: influxURL != nil || required, "needs InfluxDB: run scripts/test") }

    /// Headless Chromium, which the test script installs, and where screenshots go.
    /// Offline checks of generated manifests: kubernetes-validate (PyPI), nginx, kubectl.
    static let kubernetesValidatePath = environment["VELODROME_TEST_KUBERNETES_VALIDATE"]
    static let nginxPath = environment["VELODROME_TEST_NGINX"]
    static let kubectlPath = environment["VELODROME_TEST_KUBECTL"]
    static let hadolintPath = environment["VELODROME_TEST_HADOLINT"]
    static var hadolint: ConditionTrait { .enabled(if: hadolintPath != nil || required, "needs hadolint: run scripts/test") }
    static var manifestTools: ConditionTrait {
        .enabled(if: (kubernetesValidatePath != nil && nginxPath != nil && kubectlPath != nil && promtoolPath != nil) || required,
                 "needs kubernetes-validate, nginx, kubectl and promtool: run scripts/test")
    }

    static let chromiumPath = environment["VELODROME_TEST_CHROMIUM"]
    static let artifacts = environment["VELODROME_TEST_ARTIFACTS"] ?? NSTemporaryDirectory() + "velodrome-test-artifacts"

    static var chromium: ConditionTrait { .enabled(if: chromiumPath != nil || required, "needs Chromium: run scripts/test") }

    static func postgresOrFail() throws -> String {
        try #require(postgresURL, "VELODROME_TEST_POSTGRES_URL is not set: scripts/test starts PostgreSQL and sets it")
    }

    static func influxOrFail() throws -> URL {
        try #require(influxURL, "VELODROME_TEST_INFLUX_URL is not set: scripts/test starts InfluxDB and sets it")
    }
}

/// InfluxQL against the real server, for reading back what was written.
struct InfluxQuery {
    let url: URL
    let database: String

    struct Series: Equatable {
        var columns: [String]
        var values: [[String]]
    }

    /// The rows of a SELECT, every value as text (times in nanoseconds).
    func select(_ statement: String) async throws -> Series? {
        var components = URLComponents(url: url.appendingPathComponent("query"), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "db", value: database), URLQueryItem(name: "epoch", value: "ns"), URLQueryItem(name: "q", value: statement)]
        let (data, _) = try await URLSession.shared.data(from: components.url!)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let result = (object["results"] as! [[String: Any]])[0]
        if let error = result["error"] as? String { throw QueryError(message: error) }
        guard let series = (result["series"] as? [[String: Any]])?.first else { return nil }
        let values = (series["values"] as! [[Any]]).map { row in row.map { value -> String in
            if let number = value as? NSNumber { return number.stringValue }
            return value as? String ?? "null"
        } }
        return Series(columns: series["columns"] as! [String], values: values)
    }

    struct QueryError: Error { let message: String }
}
