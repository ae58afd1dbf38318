/// What `gen-manifests` was asked for, beyond config.yaml.
package struct ManifestSettings: Sendable {
    /// Where the stages' database lives.
    package enum Database: Sendable, Equatable {
        /// A PostgreSQL StatefulSet of its own (the default).
        case statefulSet
        /// A Cloud SQL instance (`PROJECT:REGION:INSTANCE`) behind the Cloud SQL Auth Proxy, as
        /// the original ran its database behind the SQL proxy.
        case cloudSQL(instance: String)
        /// An external database whose URL is the `url` key of this Secret.
        case secret(String)
    }

    /// Pinned images; each can be overridden.
    package struct Images: Sendable, Equatable {
        package var velodrome = "ghcr.io/velodrome/velodrome:\(Velodrome.version)"
        package var postgres = "postgres:17.2"
        package var influxdb = "influxdb:1.11.8"
        package var grafana = "grafana/grafana:11.4.0"
        package var prometheus = "quay.io/prometheus/prometheus:v3.1.0"
        /// nginx's unprivileged build listens on 8080 as a non-root user.
        package var nginx = "nginxinc/nginx-unprivileged:1.27.3"
        package var sqlProxy = "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.3"
        package var prober = "quay.io/prometheus/blackbox-exporter:v0.25.0"

        package init() {}
    }

    package var images = Images()
    package var database: Database = .statefulSet
    /// Cron schedule: the stages become CronJobs that run `--once`.
    package var schedule: String?
    /// One transform per metric, as the original ran them, instead of one per project.
    package var transformPerMetric = false

    package init() {}
}

extension ManifestSettings {
    /// From gen-manifests' options.
    package init(parsed: ParsedArguments) throws(UsageError) {
        self.init()
        images.velodrome = try parsed.string("image")
        images.postgres = try parsed.string("postgres-image")
        images.influxdb = try parsed.string("influxdb-image")
        images.grafana = try parsed.string("grafana-image")
        images.prometheus = try parsed.string("prometheus-image")
        images.nginx = try parsed.string("nginx-image")
        images.sqlProxy = try parsed.string("sqlproxy-image")
        images.prober = try parsed.string("prober-image")
        switch (parsed.value("cloud-sql-instance"), parsed.value("database-secret")) {
        case (let instance?, nil):
            guard instance.split(separator: ":", omittingEmptySubsequences: false).count == 3, !instance.contains("::") else {
                throw UsageError("--cloud-sql-instance \(instance): expected PROJECT:REGION:INSTANCE")
            }
            database = .cloudSQL(instance: instance)
        case (nil, let secret?): database = .secret(secret)
        case (nil, nil): break
        case (_?, _?): throw UsageError("give --cloud-sql-instance or --database-secret, not both")
        }
        schedule = parsed.value("schedule")
        transformPerMetric = parsed.flag("transform-per-metric")
    }
}
