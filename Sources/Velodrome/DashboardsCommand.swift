import Foundation
import VelodromeKit

enum DashboardsCommand {
    static let options: [OptionSpec] = [
        OptionSpec("project", valueName: "NAME", help: "Only this project of the configuration. Default: every project."),
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
        summary: "Build the Grafana dashboards and datasources of each project",
        usage: "velodrome dashboards --output-dir DIR | --grafana-url URL [options]",
        details: """
        Build, from config.yaml, each project's Grafana dashboard (a row per metric,
        a repository variable), its token-usage dashboard, and Grafana's provisioning
        files for them and for the project's InfluxDB and Prometheus. Example:
          velodrome dashboards --project kubernetes --output-dir grafana
        """,
        sections: [
            .init("Dashboards options", options),
            .init("Grafana's API", grafana),
            .init("Global options", SharedOptions.global),
        ],
        run: run
    )

    static func run(_ invocation: Invocation) async throws -> ExitStatus {
        let parsed = invocation.parsed
        let directory = parsed.value("output-dir"), grafanaURL = parsed.value("grafana-url")
        guard directory != nil || grafanaURL != nil else {
            throw UsageError("dashboards needs --output-dir DIR (files for Grafana's provisioning) or --grafana-url URL (Grafana's API)")
        }
        let path = try parsed.string("config")
        let configuration = try ConfigurationLoader.load(path: path)
        var projects = configuration.projects
        if let name = parsed.value("project") { projects = [try configuration.project(named: name, in: path)] }
        let provisionings = try projects.map { project in
            GrafanaProvisioning(project: project, influxURL: try parsed.value("influx-url").map { try URL.service($0, option: "--influx-url", example: "http://influxdb:8086", assumingHTTP: true).absoluteString },
                                influxUser: try parsed.string("influx-user"), prometheusURL: parsed.value("prometheus-url"),
                                dashboardsPath: try parsed.string("dashboards-path"))
        }
        if let directory {
            for file in try DashboardOutput.write(provisionings, to: directory) { Output.print(file) }
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
