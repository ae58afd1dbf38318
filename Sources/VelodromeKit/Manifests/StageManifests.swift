/// Velodrome's own stages as workloads: a fetch per repository, a transform per project (or per
/// metric), and count-tokens per project, each with the database, tokens and InfluxDB it needs.
package struct StageManifests: Sendable {
    package let settings: ManifestSettings

    package init(settings: ManifestSettings) {
        self.settings = settings
    }

    /// Where `/metrics`, `/healthz` and `/readyz` are served in a looping stage's pod.
    static let port = 9090
    /// The Secret of GitHub tokens, one file each, mounted where `--token-dir` reads them.
    static let tokensSecret = "github-tokens"
    static let tokensPath = "/etc/github"
    /// The ConfigMap holding config.yaml, for transform.
    static let configMap = "velodrome-config"
    static let configPath = "/etc/velodrome"
    /// The Secret of the in-cluster or Cloud SQL database's password (key `password`).
    static let databaseSecret = "velodrome-database"

    /// Each project's InfluxDB, its Service name and the Secret of its admin password.
    static func influxService(_ project: String) -> String { KubernetesName.dnsLabel("influxdb", project) }

    /// The project InfluxDB's admin password, as `INFLUX_PASSWORD` (what Velodrome and Grafana's
    /// datasources read), from that Secret.
    static func influxPassword(_ project: String) -> Workload.Environment {
        .secret("INFLUX_PASSWORD", secret: influxService(project), key: "admin-password")
    }

    package func fetchers(_ project: Project, skipping fetched: Set<String> = []) -> [Workload] {
        project.repositories.filter { !fetched.contains($0.name.key) }.map { repository in
            var workload = stage("fetcher", name: KubernetesName.dnsLabel("fetcher", repository.name.owner, repository.name.name),
                                 labels: ManifestLabels(app: "fetcher", project: project.name, organization: repository.name.owner, repository: repository.name.name),
                                 arguments: ["fetch", "--repository", repository.name.description, "--token-dir", Self.tokensPath])
            workload.volumes.append(Self.tokens)
            return workload
        }
    }

    package func transforms(_ project: Project) -> [Workload] {
        let influx = ["--influx-host", "http://\(Self.influxService(project.name)):8086", "--create-database", "--config", "\(Self.configPath)/config.yaml"]
        let units: [(name: String, labels: ManifestLabels, arguments: [String])] = settings.transformPerMetric
            ? project.metrics.map { metric in
                (KubernetesName.dnsLabel("transform", project.name, metric.name), ManifestLabels(app: "transform", project: project.name, metric: metric.name),
                 ["transform", "--project", project.name, "--metric", metric.name] + influx)
            }
            : [(KubernetesName.dnsLabel("transform", project.name), ManifestLabels(app: "transform", project: project.name),
                ["transform", "--project", project.name] + influx)]
        return units.map { unit in
            var workload = stage("transform", name: unit.name, labels: unit.labels, arguments: unit.arguments)
            workload.environment.append(Self.influxPassword(project.name))
            workload.volumes.append(.init(name: "config", source: .configMap(Self.configMap), mountPath: Self.configPath, readOnly: true))
            return workload
        }
    }

    /// Per project, beside the InfluxDB its token dashboard reads: `/rate_limit` costs no quota,
    /// so a counter per project costs nothing.
    package func tokenCounter(_ project: Project) -> Workload {
        var workload = stage("count-tokens", name: KubernetesName.dnsLabel("count-tokens", project.name),
                             labels: ManifestLabels(app: "count-tokens", project: project.name),
                             arguments: ["count-tokens", "--token-dir", Self.tokensPath, "--influx-host", "http://\(Self.influxService(project.name)):8086", "--create-database"])
        workload.environment.append(Self.influxPassword(project.name))
        workload.volumes.append(Self.tokens)
        return workload
    }

    private static let tokens = Workload.Volume(name: "github-tokens", source: .secret(tokensSecret), mountPath: tokensPath, readOnly: true)

    private func stage(_ app: String, name: String, labels: ManifestLabels, arguments: [String]) -> Workload {
        var workload = Workload(name: name, labels: labels, image: settings.images.velodrome, arguments: arguments + ["--log-format", "json"])
        workload.stagePort = Self.port
        workload.environment = databaseEnvironment
        workload.initArguments = ["migrate"]
        workload.initEnvironment = databaseEnvironment
        return workload
    }

    /// The database the stages share, without its password in the output.
    var databaseEnvironment: [Workload.Environment] {
        switch settings.database {
        case .statefulSet:
            [.value("VELODROME_DATABASE_URL", "postgres://velodrome@postgres:5432/velodrome?sslmode=disable"),
             .secret("PGPASSWORD", secret: Self.databaseSecret, key: "password")]
        case .cloudSQL:
            [.value("VELODROME_DATABASE_URL", "postgres://velodrome@sqlproxy:5432/velodrome?sslmode=disable"),
             .secret("PGPASSWORD", secret: Self.databaseSecret, key: "password")]
        case .secret(let name):
            [.secret("VELODROME_DATABASE_URL", secret: name, key: "url")]
        }
    }
}
