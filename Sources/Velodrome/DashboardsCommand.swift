import Foundation
import VelodromeKit

enum DashboardsCommand {
    static let options: [OptionSpec] = [
        OptionSpec("project", valueName: "NAME", help: "Only this project of the configuration. Default: every project."),
        OptionSpec("html", valueName: "DIR",
                   help: "Write a self-contained HTML report of the embedded store of --database: a page per project and range, and index.html."),
        OptionSpec("output-dir", valueName: "DIR",
                   help: "Write each project's dashboards and Grafana provisioning files under DIR/PROJECT/."),
        OptionSpec("influx-url", valueName: "URL",
                   help: "The InfluxDB Grafana queries. Default: http://influxdb-PROJECT:8086, the Service gen-manifests makes."),
        OptionSpec("influx-user", valueName: "NAME", default: "root",
                   help: "The InfluxDB user of the datasources; Grafana reads the password from its INFLUX_PASSWORD variable."),
        OptionSpec("prometheus-url", valueName: "URL",
                   help: "The Prometheus of projects with a prometheus section. Default: http://prometheus-PROJECT:9090."),
        OptionSpec("dashboards-path", valueName: "PATH", default: "/var/lib/grafana/dashboards/velodrome",
                   help: "Where Grafana's container finds the dashboard files (the dashboards provider's path)."),
    ]

    static let grafana: [OptionSpec] = [
        OptionSpec("grafana-url", valueName: "URL", environment: "GRAFANA_URL",
                   help: "Push one project's datasources and dashboards to this Grafana through its HTTP API, star the dashboard and make it the organisation's home."),
        OptionSpec("grafana-token-file", valueName: "PATH",
                   help: "A file holding a Grafana service-account token. Default: the GRAFANA_TOKEN variable."),
        OptionSpec("grafana-user", valueName: "NAME", environment: "GRAFANA_USER",
                   help: "Sign in with this user and a password (--grafana-password-file or GRAFANA_PASSWORD) instead of a token."),
        OptionSpec("grafana-password-file", valueName: "PATH", help: "A file holding the Grafana user's password."),
        OptionSpec("influx-password-file", valueName: "PATH",
                   help: "A file holding the InfluxDB password the pushed datasources send. Default: the INFLUX_PASSWORD variable, else none."),
    ]

    static let command = Command(
        name: "dashboards",
        summary: "Build Grafana dashboards and datasources, or an HTML report",
        usage: "velodrome dashboards --html DIR | --output-dir DIR | --grafana-url URL",
        details: """
        Build, from config.yaml, each project's Grafana dashboard (a row per metric,
        a repository variable), its token-usage dashboard, and Grafana's provisioning
        files for them and for the project's InfluxDB and Prometheus; or draw the
        same panels from the embedded store into a self-contained HTML report.
        Examples:
          velodrome dashboards --html report --database sqlite:velodrome.db
          velodrome dashboards --project kubernetes --output-dir grafana
        """,
        sections: [
            .init("Dashboards options", options),
            .init("Grafana's API", grafana),
            .init("The report's database", SharedOptions.database),
            .init("Global options", SharedOptions.global),
        ],
        run: run
    )

    static func run(_ invocation: Invocation) async throws -> ExitStatus {
        let parsed = invocation.parsed
        let directory = parsed.value("output-dir"), grafanaURL = parsed.value("grafana-url"), report = parsed.value("html")
        guard directory != nil || grafanaURL != nil || report != nil else {
            throw UsageError("dashboards needs --html DIR (a report), --output-dir DIR (files for Grafana's provisioning) or --grafana-url URL (Grafana's API)")
        }
        let path = try parsed.string("config")
        let configuration = try ConfigurationLoader.load(path: path)
        var projects = configuration.projects
        if let name = parsed.value("project") { projects = [try configuration.project(named: name, in: path)] }
        let influxURL = try parsed.value("influx-url").map { try URL.service($0, option: "--influx-url", example: "http://influxdb:8086", assumingHTTP: true).absoluteString }
        let influxUser = try parsed.string("influx-user"), dashboardsPath = try parsed.string("dashboards-path")
        let provisionings = projects.map { project in
            GrafanaProvisioning(project: project, influxURL: influxURL, influxUser: influxUser, prometheusURL: parsed.value("prometheus-url"),
                                dashboardsPath: dashboardsPath)
        }
        if let directory {
            for file in try DashboardOutput.write(provisionings, to: directory) { Output.print(file) }
        }
        if let report {
            let database = try await SharedOptions.database(parsed, environment: invocation.environment).open(logger: invocation.logger)
            let loaded = try await database.withServices { [projects] in try await HTMLReport.load(projects, store: database.store) }
            let pages = HTMLReport(projects: loaded, generated: Timestamp(seconds: Int64(Date().timeIntervalSince1970))).pages
            for file in try DashboardOutput.write(pages, to: report) { Output.print(file) }
        }
        if let grafanaURL {
            guard provisionings.count == 1 else {
                throw UsageError("--grafana-url sets up one project's Grafana: add --project NAME (\(path) has \(projects.map(\.name).joined(separator: ", ")))")
            }
            let push = GrafanaPush(url: try URL.service(grafanaURL, option: parsed.culprit("grafana-url"), example: "http://grafana:3000", assumingHTTP: true),
                                   credentials: try GrafanaCredentials(parsed: parsed, environment: invocation.environment),
                                   transport: URLSessionTransport(timeout: .seconds(30)),
                                   influxPassword: try parsed.secret(file: "influx-password-file", environmentVariable: "INFLUX_PASSWORD", environment: invocation.environment))
            let changes = try await push.push(provisionings[0])
            for change in changes { Output.print(change) }
            if changes.isEmpty { Output.print("Grafana at \(grafanaURL) already has \(provisionings[0].project.name)'s datasources and dashboards") }
        }
        return .success
    }
}
