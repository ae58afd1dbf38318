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

    static let command = Command(
        name: "dashboards",
        summary: "Build the Grafana dashboards and datasources of each project",
        usage: "velodrome dashboards --output-dir DIR [options]",
        details: """
        Build, from config.yaml, each project's Grafana dashboard (a row per metric,
        a repository variable), its token-usage dashboard, and Grafana's provisioning
        files for them and for the project's InfluxDB and Prometheus. Example:
          velodrome dashboards --project kubernetes --output-dir grafana
        """,
        sections: [
            .init("Dashboards options", options),
            .init("Global options", SharedOptions.global),
        ],
        run: run
    )

    static func run(_ invocation: Invocation) async throws -> ExitStatus {
        let parsed = invocation.parsed
        guard let directory = parsed.value("output-dir") else {
            throw UsageError("dashboards needs --output-dir DIR: where to write the Grafana files")
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
        for file in try DashboardOutput.write(provisionings, to: directory) { Output.print(file) }
        return .success
    }
}
