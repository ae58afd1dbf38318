/// What all projects share: the database (a PostgreSQL StatefulSet, or the Cloud SQL Auth Proxy
/// in front of a managed one, or nothing for an external one), config.yaml as a ConfigMap, and
/// the HTTP prober that the projects' Prometheus configurations probe through (`blackbox:9115`).
package struct SharedManifests: Sendable {
    package let settings: ManifestSettings
    /// config.yaml as written.
    package let configuration: String

    package init(settings: ManifestSettings, configuration: String) {
        self.settings = settings
        self.configuration = configuration
    }

    package var objects: [(labels: ManifestLabels, tree: YAMLTree)] {
        var objects: [(labels: ManifestLabels, tree: YAMLTree)] = []
        let config = ManifestLabels(app: "velodrome-config")
        objects.append((config, Self.configMap(StageManifests.configMap, labels: config, files: [("config.yaml", configuration)])))
        switch settings.database {
        case .statefulSet:
            let postgres = postgres
            objects.append((postgres.labels, postgres.service()))
            objects.append((postgres.labels, postgres.statefulSet(storage: "50Gi", dataPath: "/var/lib/postgresql/data")))
        case .cloudSQL(let instance):
            let proxy = sqlProxy(instance)
            objects.append((proxy.labels, proxy.service()))
            objects.append((proxy.labels, proxy.deployment()))
        case .secret:
            break
        }
        let prober = prober
        objects.append((prober.labels, Self.configMap("blackbox", labels: prober.labels, files: [("blackbox.yml", Self.blackboxConfiguration)])))
        objects.append((prober.labels, prober.service()))
        objects.append((prober.labels, prober.deployment()))
        return objects
    }

    private var postgres: Workload {
        var workload = Workload(name: "postgres", labels: ManifestLabels(app: "postgres"), image: settings.images.postgres, arguments: [])
        workload.ports = [(name: "postgres", port: 5432)]
        workload.health = .command(["pg_isready", "--host=127.0.0.1", "--username=velodrome", "--dbname=velodrome"])
        // Crash recovery replays the write-ahead log before the server accepts connections.
        workload.startupSeconds = 600
        workload.user = 999
        workload.resources = .init(cpu: "500m", memory: "1Gi", memoryLimit: "4Gi")
        workload.environment = [
            .value("POSTGRES_USER", "velodrome"), .value("POSTGRES_DB", "velodrome"),
            .secret("POSTGRES_PASSWORD", secret: StageManifests.databaseSecret, key: "password"),
            .value("PGDATA", "/var/lib/postgresql/data/pgdata"),
        ]
        // The server writes its socket and temporary files outside the data volume.
        workload.volumes = [
            .init(name: "run", source: .emptyDirectory, mountPath: "/var/run/postgresql", readOnly: false),
            .init(name: "tmp", source: .emptyDirectory, mountPath: "/tmp", readOnly: false),
        ]
        return workload
    }

    private func sqlProxy(_ instance: String) -> Workload {
        var workload = Workload(name: "sqlproxy", labels: ManifestLabels(app: "sqlproxy"), image: settings.images.sqlProxy,
                                arguments: ["--port=5432", "--address=0.0.0.0", "--structured-logs", "--health-check",
                                            "--http-address=0.0.0.0", "--http-port=9090", instance])
        workload.ports = [(name: "postgres", port: 5432), (name: "health", port: 9090)]
        workload.health = .http(path: "/readiness", port: "health")
        workload.liveness = .http(path: "/liveness", port: "health")
        workload.resources = .init(cpu: "100m", memory: "128Mi", memoryLimit: "512Mi")
        return workload
    }

    private var prober: Workload {
        var workload = Workload(name: "blackbox", labels: ManifestLabels(app: "prober"), image: settings.images.prober,
                                arguments: ["--config.file=/config/blackbox.yml"])
        workload.ports = [(name: "http", port: 9115)]
        workload.health = .http(path: "/-/healthy", port: "http")
        workload.resources = .init(cpu: "50m", memory: "64Mi", memoryLimit: "256Mi")
        workload.volumes = [.init(name: "config", source: .configMap("blackbox"), mountPath: "/config", readOnly: true)]
        return workload
    }

    static let blackboxConfiguration = """
        modules:
          http_2xx:
            prober: http
            timeout: 10s
            http:
              preferred_ip_protocol: ip4

        """

    static func configMap(_ name: String, labels: ManifestLabels, files: [(String, String)]) -> YAMLTree {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "labels": labels.tree],
         "data": .map(files.map { YAMLTree.Entry($0.0, .string($0.1)) })]
    }
}
