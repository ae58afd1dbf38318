import Foundation
import VelodromeKit

enum GenManifestsCommand {
    static let options: [OptionSpec] = [
        OptionSpec("selector", short: "l", valueName: "SELECTOR",
                   help: "Only the objects whose labels match, in kubectl's syntax: project=kubernetes, app=fetcher, app!=transform, app in (grafana,nginx)."),
        OptionSpec("output-dir", valueName: "DIR",
                   help: "Write shared.yaml, a file per project and a kustomization.yaml (for kubectl apply -k DIR) instead of printing."),
        OptionSpec("cloud-sql-instance", valueName: "PROJECT:REGION:INSTANCE",
                   help: "Run the stages against this Cloud SQL instance through the Cloud SQL Auth Proxy, instead of a PostgreSQL StatefulSet."),
        OptionSpec("database-secret", valueName: "NAME",
                   help: "Run the stages against an external database whose URL is the url key of this Secret."),
        OptionSpec("schedule", valueName: "CRON",
                   help: "Run the stages as CronJobs on this schedule (\"*/30 * * * *\"), each with --once, instead of looping Deployments."),
        .flag("transform-per-metric", help: "One transform per metric, as the original ran them, instead of one per project."),
    ]

    static let images: [OptionSpec] = {
        let pinned = ManifestSettings.Images()
        return [
            OptionSpec("image", valueName: "IMAGE", default: pinned.velodrome, help: "Velodrome's image."),
            OptionSpec("postgres-image", valueName: "IMAGE", default: pinned.postgres, help: "PostgreSQL's image."),
            OptionSpec("influxdb-image", valueName: "IMAGE", default: pinned.influxdb, help: "InfluxDB's image (1.x)."),
            OptionSpec("grafana-image", valueName: "IMAGE", default: pinned.grafana, help: "Grafana's image."),
            OptionSpec("prometheus-image", valueName: "IMAGE", default: pinned.prometheus, help: "Prometheus' image."),
            OptionSpec("nginx-image", valueName: "IMAGE", default: pinned.nginx, help: "nginx's image; it must run as a non-root user on port 8080."),
            OptionSpec("sqlproxy-image", valueName: "IMAGE", default: pinned.sqlProxy, help: "The Cloud SQL Auth Proxy's image (v2)."),
            OptionSpec("prober-image", valueName: "IMAGE", default: pinned.prober, help: "The blackbox exporter's image."),
        ]
    }()

    static let command = Command(
        name: "gen-manifests",
        summary: "Print the Kubernetes manifests that run Velodrome per project",
        usage: "velodrome gen-manifests [options] | kubectl apply -f -",
        details: """
        Print, from config.yaml, the Kubernetes objects that run everything it
        describes: the shared database and prober; per project InfluxDB, Grafana with
        its dashboards, Prometheus and nginx; a fetch per repository, a transform per
        project and count-tokens. Secrets are named, never written. Example:
          velodrome gen-manifests -l project=kubernetes | kubectl apply -f -
        """,
        sections: [
            .init("Options", options),
            .init("Images", images),
            .init("Global options", SharedOptions.global),
        ],
        run: run
    )

    static func run(_ invocation: Invocation) async throws -> ExitStatus {
        let parsed = invocation.parsed
        let settings = try ManifestSettings(parsed: parsed)
        let selector = try parsed.value("selector").map(LabelSelector.init(parsing:))
        let path = try parsed.string("config")
        let text = try ConfigurationLoader.read(path: path)
        let manifests = try ManifestSet(configuration: try ConfigurationLoader.parse(text, file: path), configurationText: text,
                                        settings: settings, selector: selector)
        if let directory = parsed.value("output-dir") {
            for file in try manifests.files() {
                try TextFile.writeWhole(Data(file.contents.utf8), to: "\(directory)/\(file.path)")
                Output.print("\(directory)/\(file.path)")
            }
        } else {
            FileHandle.standardOutput.write(Data(try manifests.stream().utf8))
        }
        return .success
    }
}
