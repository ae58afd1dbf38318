import Foundation
import Yams

/// A Grafana datasource as provisioning declares it. Passwords are never written: Grafana reads
/// them from an environment variable (`$__env{NAME}`).
package struct GrafanaDatasource: Sendable, Equatable {
    package var name: String
    package var uid: String
    package var type: String
    package var url: String
    package var database: String?
    package var user: String?
    package var passwordVariable: String?
}

/// Everything a new Grafana needs for one project: datasources (its InfluxDB's `github` and
/// `monitoring` databases, and its Prometheus when config.yaml has one), a dashboards provider,
/// the project's dashboard and the token-usage dashboard. `dashboards --output-dir` writes these
/// files; gen-manifests mounts them as ConfigMaps.
package struct GrafanaProvisioning: Sendable {
    package struct File: Sendable, Equatable {
        package var path: String
        package var contents: Data
    }

    package var project: Project
    package var influxURL: String
    package var influxUser: String
    package var prometheusURL: String?
    /// Where the dashboards provider finds the dashboard files inside Grafana's container.
    package var dashboardsPath: String

    package init(project: Project, influxURL: String? = nil, influxUser: String = "root", prometheusURL: String? = nil,
                 dashboardsPath: String = "/var/lib/grafana/dashboards/velodrome") {
        self.project = project
        self.influxURL = influxURL ?? "http://influxdb-\(project.name):8086"
        self.influxUser = influxUser
        self.prometheusURL = project.prometheus == nil ? nil : (prometheusURL ?? "http://prometheus-\(project.name):9090")
        self.dashboardsPath = dashboardsPath
    }

    package var githubDatasource: GrafanaDatasource {
        influx(name: "github", database: "github")
    }

    package var monitoringDatasource: GrafanaDatasource {
        influx(name: "monitoring", database: "monitoring")
    }

    package var datasources: [GrafanaDatasource] {
        var all = [githubDatasource, monitoringDatasource]
        if let prometheusURL {
            all.append(GrafanaDatasource(name: "prometheus", uid: "velodrome-prometheus", type: "prometheus", url: prometheusURL))
        }
        return all
    }

    private func influx(name: String, database: String) -> GrafanaDatasource {
        GrafanaDatasource(name: name, uid: "velodrome-\(name)", type: "influxdb", url: influxURL, database: database, user: influxUser,
                          passwordVariable: "INFLUX_PASSWORD")
    }

    package var projectDashboard: GrafanaDashboard {
        GrafanaDashboard(uid: Self.uid("velodrome-\(project.name)"), title: "Velodrome: \(project.name)",
                         description: "Developer activity of the \(project.name) repositories, from Velodrome's transform (config.yaml).",
                         groups: project.metrics.map(PanelCatalog.group), datasource: githubDatasource, perRepository: true)
    }

    package var tokenDashboard: GrafanaDashboard {
        GrafanaDashboard(uid: Self.uid("velodrome-tokens-\(project.name)"), title: "Velodrome: GitHub token usage (\(project.name))",
                         description: "How much of each GitHub login's quota was used, window by window, from count-tokens.",
                         groups: [PanelCatalog.tokenUsage], datasource: monitoringDatasource, perRepository: false)
    }

    /// Grafana's uids are at most 40 characters: longer ones keep their start and a hash of the whole.
    static func uid(_ text: String) -> String {
        let clean = String(text.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
        guard clean.count > 40 else { return clean }
        return String(clean.prefix(23)) + "-" + String(String(FNV1a.hash(text), radix: 16).prefix(16))
    }

    package func files() throws -> [File] {
        [
            File(path: "dashboards/\(project.name).json", contents: projectDashboard.json),
            File(path: "dashboards/github-tokens.json", contents: tokenDashboard.json),
            File(path: "provisioning/datasources/velodrome.yaml", contents: try datasourcesYAML()),
            File(path: "provisioning/dashboards/velodrome.yaml", contents: try providerYAML()),
        ]
    }

    private struct DatasourcesFile: Encodable {
        struct Entry: Encodable {
            struct JSONData: Encodable {
                let dbName: String?
                let httpMode: String?
            }
            struct Secure: Encodable {
                let password: String
            }
            let name, uid, type: String
            let access = "proxy"
            let url: String
            let user: String?
            let isDefault: Bool
            let editable = false
            let jsonData: JSONData?
            let secureJsonData: Secure?
        }
        let apiVersion = 1
        let datasources: [Entry]
    }

    private struct ProviderFile: Encodable {
        struct Provider: Encodable {
            struct Options: Encodable {
                let path: String
            }
            let name = "velodrome"
            let type = "file"
            let disableDeletion = true
            let allowUiUpdates = false
            let updateIntervalSeconds = 60
            let options: Options
        }
        let apiVersion = 1
        let providers: [Provider]
    }

    func datasourcesYAML() throws -> Data {
        let entries = datasources.map { source in
            DatasourcesFile.Entry(name: source.name, uid: source.uid, type: source.type, url: source.url, user: source.user, isDefault: source.name == "github",
                                  jsonData: source.database.map { .init(dbName: $0, httpMode: "GET") },
                                  secureJsonData: source.passwordVariable.map { .init(password: "$__env{\($0)}") })
        }
        return Data(("# Written by velodrome dashboards: Grafana's datasources for \(project.name).\n"
            + (try YAMLEncoder().encode(DatasourcesFile(datasources: entries)))).utf8)
    }

    func providerYAML() throws -> Data {
        Data(("# Written by velodrome dashboards: where Grafana finds Velodrome's dashboards.\n"
            + (try YAMLEncoder().encode(ProviderFile(providers: [.init(options: .init(path: dashboardsPath))])))).utf8)
    }
}
