import Foundation
import Yams

/// One project's own services: InfluxDB (its `github` and `monitoring` databases), Grafana set
/// up from the same provisioning files `dashboards --output-dir` writes, Prometheus when
/// config.yaml has a `prometheus` section, and nginx in front of all three; then its stages.
package struct ProjectManifests: Sendable {
    package let project: Project
    package let settings: ManifestSettings
    /// Repository keys an earlier project already fetches into the shared database.
    package let fetchedElsewhere: Set<String>

    package init(project: Project, settings: ManifestSettings, fetchedElsewhere: Set<String> = []) {
        self.project = project
        self.settings = settings
        self.fetchedElsewhere = fetchedElsewhere
    }

    private var influxName: String { StageManifests.influxService(project.name) }
    private var grafanaName: String { KubernetesName.dnsLabel("grafana", project.name) }
    private var prometheusName: String { KubernetesName.dnsLabel("prometheus", project.name) }
    private var nginxName: String { KubernetesName.dnsLabel("nginx", project.name) }

    package func objects() throws -> [(labels: ManifestLabels, tree: YAMLTree)] {
        var objects: [(labels: ManifestLabels, tree: YAMLTree)] = []
        let influx = influxdb
        objects += [(influx.labels, influx.service()), (influx.labels, influx.statefulSet(storage: "100Gi", dataPath: "/var/lib/influxdb"))]
        objects += try grafana()
        let stages = StageManifests(settings: settings)
        let workloads = stages.fetchers(project, skipping: fetchedElsewhere) + stages.transforms(project) + [stages.tokenCounter(project)]
        // A looping stage has a Service, so that Prometheus finds its /metrics by name; a
        // scheduled one serves nothing.
        let looping = settings.schedule == nil
        if let configuration = project.prometheus?.configuration { objects += try prometheus(configuration, scraping: looping ? workloads : []) }
        objects += nginx
        for workload in workloads {
            if looping { objects.append((workload.labels, workload.service())) }
            objects.append((workload.labels, settings.schedule.map(workload.cronJob) ?? workload.deployment()))
        }
        return objects
    }

    private var influxdb: Workload {
        var workload = Workload(name: influxName, labels: ManifestLabels(app: "influxdb", project: project.name), image: settings.images.influxdb, arguments: [])
        workload.ports = [(name: "http", port: 8086)]
        workload.health = .http(path: "/ping", port: "http")
        // Opening a large database's index takes minutes before /ping answers.
        workload.startupSeconds = 600
        workload.user = 1500
        workload.resources = .init(cpu: "500m", memory: "1Gi", memoryLimit: "4Gi")
        workload.environment = [
            .value("INFLUXDB_HTTP_AUTH_ENABLED", "true"),
            .value("INFLUXDB_ADMIN_USER", "root"),
            .secret("INFLUXDB_ADMIN_PASSWORD", secret: influxName, key: "admin-password"),
            .value("INFLUXDB_DB", "github"),
        ]
        return workload
    }

    private func grafana() throws -> [(labels: ManifestLabels, tree: YAMLTree)] {
        let labels = ManifestLabels(app: "grafana", project: project.name)
        let dashboardsPath = "/etc/velodrome/dashboards"
        let provisioning = GrafanaProvisioning(project: project, influxURL: "http://\(influxName):8086",
                                               prometheusURL: project.prometheus == nil ? nil : "http://\(prometheusName):9090/prometheus",
                                               dashboardsPath: dashboardsPath)
        var byFolder: [String: [(String, String)]] = [:]
        for file in try provisioning.files() {
            let folder = (file.path as NSString).deletingLastPathComponent
            byFolder[folder, default: []].append(((file.path as NSString).lastPathComponent, String(decoding: file.contents, as: UTF8.self)))
        }
        let mounts = [("dashboards", "dashboards", dashboardsPath),
                      ("provisioning/datasources", "datasources", "/etc/grafana/provisioning/datasources"),
                      ("provisioning/dashboards", "providers", "/etc/grafana/provisioning/dashboards")]
        var workload = Workload(name: grafanaName, labels: labels, image: settings.images.grafana, arguments: [])
        workload.ports = [(name: "http", port: 3000)]
        workload.health = .http(path: "/api/health", port: "http")
        workload.user = 472
        workload.resources = .init(cpu: "100m", memory: "256Mi", memoryLimit: "1Gi")
        workload.environment = [
            .value("GF_AUTH_ANONYMOUS_ENABLED", "true"),
            .value("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer"),
            .value("GF_USERS_ALLOW_SIGN_UP", "false"),
            .secret("GF_SECURITY_ADMIN_PASSWORD", secret: grafanaName, key: "admin-password"),
            StageManifests.influxPassword(project.name),
        ]
        if let analytics = project.grafana?.googleAnalyticsID, !analytics.isEmpty {
            workload.environment.append(.value("GF_ANALYTICS_GOOGLE_ANALYTICS_UA_ID", analytics))
        }
        var objects: [(labels: ManifestLabels, tree: YAMLTree)] = []
        for (folder, suffix, path) in mounts {
            let name = KubernetesName.dnsLabel("grafana", project.name, suffix)
            objects.append((labels, SharedManifests.configMap(name, labels: labels, files: byFolder[folder] ?? [])))
            workload.volumes.append(.init(name: suffix, source: .configMap(name), mountPath: path, readOnly: true))
        }
        workload.volumes.append(.init(name: "tmp", source: .emptyDirectory, mountPath: "/tmp", readOnly: false))
        workload.volumes.append(.init(name: "logs", source: .emptyDirectory, mountPath: "/var/log/grafana", readOnly: false))
        objects += [(labels, workload.service()), (labels, workload.statefulSet(storage: "10Gi", dataPath: "/var/lib/grafana"))]
        return objects
    }

    private func prometheus(_ configuration: String, scraping stages: [Workload]) throws -> [(labels: ManifestLabels, tree: YAMLTree)] {
        let labels = ManifestLabels(app: "prometheus", project: project.name)
        var workload = Workload(name: prometheusName, labels: labels, image: settings.images.prometheus,
                                arguments: ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus",
                                            "--storage.tsdb.retention.time=90d", "--web.external-url=/prometheus/"])
        workload.ports = [(name: "http", port: 9090)]
        workload.health = .http(path: "/prometheus/-/ready", port: "http")
        // Ready only after replaying its write-ahead log, which takes minutes; alive long before.
        workload.liveness = .http(path: "/prometheus/-/healthy", port: "http")
        workload.startupSeconds = 600
        workload.user = 65534
        workload.resources = .init(cpu: "200m", memory: "512Mi", memoryLimit: "2Gi")
        workload.volumes = [.init(name: "config", source: .configMap(prometheusName), mountPath: "/etc/prometheus", readOnly: true)]
        let file = try Self.scraping(stages, in: configuration)
        return [
            (labels, SharedManifests.configMap(prometheusName, labels: labels, files: [("prometheus.yml", file)])),
            (labels, workload.service()),
            (labels, workload.statefulSet(storage: "20Gi", dataPath: "/prometheus")),
        ]
    }

    /// config.yaml's Prometheus configuration with a `velodrome` job appended that scrapes the
    /// project's stages through their Services, labelled by stage: no pod discovery, so
    /// Prometheus needs no service-account token (and Debian's promtool, built without
    /// Kubernetes discovery, checks the file).
    static func scraping(_ stages: [Workload], in configuration: String) throws -> String {
        guard !stages.isEmpty else { return configuration.hasSuffix("\n") ? configuration : configuration + "\n" }
        var groups: [String: [String]] = [:]
        for stage in stages { groups[stage.labels.app, default: []].append("\(stage.name):\(StageManifests.port)") }
        let job: YAMLTree = [
            "job_name": "velodrome",
            "static_configs": .list(groups.keys.sorted().map { app in
                ["targets": .list(groups[app]!.map(YAMLTree.string)), "labels": ["stage": .string(app)]]
            }),
        ]
        guard let composed = try Yams.compose(yaml: configuration), case .mapping(var root) = composed else {
            throw ConfigurationProblem("the project's prometheus-config.yml is not a mapping")
        }
        var scrapes: [Node] = root["scrape_configs"]?.sequence.map { Array($0) } ?? []
        scrapes.append(job.node)
        root["scrape_configs"] = Node.sequence(Node.Sequence(scrapes))
        return try Yams.serialize(node: Node.mapping(root), indent: 2, width: -1, allowUnicode: true)
    }

    private var nginx: [(labels: ManifestLabels, tree: YAMLTree)] {
        let labels = ManifestLabels(app: "nginx", project: project.name)
        let configuration = NginxConfiguration(listen: 8080, grafana: "\(grafanaName):3000", influxdb: "\(influxName):8086",
                                               prometheus: project.prometheus == nil ? nil : "\(prometheusName):9090")
        var workload = Workload(name: nginxName, labels: labels, image: settings.images.nginx,
                                arguments: ["-c", "/etc/velodrome-nginx/nginx.conf", "-g", "daemon off;"])
        workload.command = ["nginx"]
        workload.ports = [(name: "http", port: 8080)]
        workload.health = .http(path: "/nginx-health", port: "http")
        workload.user = 101
        workload.resources = .init(cpu: "50m", memory: "64Mi", memoryLimit: "256Mi")
        workload.volumes = [
            .init(name: "config", source: .configMap(nginxName), mountPath: "/etc/velodrome-nginx", readOnly: true),
            .init(name: "tmp", source: .emptyDirectory, mountPath: "/tmp", readOnly: false),
        ]
        return [
            (labels, SharedManifests.configMap(nginxName, labels: labels, files: [("nginx.conf", configuration.text)])),
            (labels, workload.service(type: "LoadBalancer", loadBalancerIP: project.nginx?.publicIP, published: ["http": 80])),
            (labels, workload.deployment()),
        ]
    }
}
