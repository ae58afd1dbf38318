import VelodromeKit

enum TransformCommand {
    static let selection: [OptionSpec] = SharedOptions.repositorySelection + [
        OptionSpec("metric", kind: .list, valueName: "NAME",
                   help: "Compute only these metrics of the configuration; repeatable or comma-separated."),
        OptionSpec("name", valueName: "METRIC",
                   help: "The original's form: names the metric that the plugin arguments after it define (count ...)."),
        SharedOptions.database,
        .flag("rebuild", help: "Recompute every selected series from the start and replace what was written."),
    ]

    static let outputs: [OptionSpec] = [
        OptionSpec("influx-host", valueName: "URL", environment: "INFLUX_HOST",
                   help: "InfluxDB 1.x to write to, e.g. http://influxdb:8086. Default: the embedded store in the database."),
        OptionSpec("influx-database", valueName: "NAME", default: "github", environment: "INFLUX_DATABASE",
                   help: "InfluxDB 1.x database."),
        OptionSpec("influx-user", valueName: "NAME", default: "root", environment: "INFLUX_USER",
                   help: "InfluxDB 1.x user, used with a password."),
        OptionSpec("influx-password", valueName: "PASSWORD", environment: "INFLUX_PASSWORD",
                   help: "InfluxDB 1.x password; prefer the variable or --influx-password-file."),
        OptionSpec("influx-password-file", valueName: "PATH", help: "A file holding the InfluxDB 1.x password."),
        .flag("create-database", help: "Create the InfluxDB 1.x database if it does not exist."),
        OptionSpec("influx-url", valueName: "URL", environment: "INFLUX_URL",
                   help: "InfluxDB 2 or 3 to write to through /api/v2/write."),
        OptionSpec("influx-token", valueName: "TOKEN", environment: "INFLUX_TOKEN",
                   help: "InfluxDB 2/3 API token; prefer the variable or --influx-token-file."),
        OptionSpec("influx-token-file", valueName: "PATH", help: "A file holding the InfluxDB 2/3 API token."),
        OptionSpec("influx-org", valueName: "ORG", environment: "INFLUX_ORG", help: "InfluxDB 2/3 organization."),
        OptionSpec("influx-bucket", valueName: "BUCKET", environment: "INFLUX_BUCKET", help: "InfluxDB 2/3 bucket."),
        OptionSpec("output", valueName: "-", help: "Write line protocol to stdout (-) instead of a store."),
        OptionSpec("batch-size", valueName: "N", default: "5000", help: "Points per write request."),
    ]

    static let command = Command(
        name: "transform",
        summary: "Turn the mirror into time-series metrics in InfluxDB or the embedded store",
        usage: "velodrome transform [options] [--name METRIC count [count options]]",
        details: """
        Compute the metrics of the configuration from the SQL mirror that fetch keeps, and write
        them to InfluxDB, to the embedded store (the metric_points table), or to stdout. Example:
          velodrome transform --once --project kubernetes --influx-host http://localhost:8086
        """,
        sections: [
            .init("Selection", selection),
            .init("Outputs", outputs),
            .init("Loop options", SharedOptions.loop),
            .init("Global options", SharedOptions.global),
            .init("Original spellings", OriginalSpellings.mysql),
        ],
        plugins: ["count"],
        footer: "Run 'velodrome help transform count' for the count plugin's options.",
        run: run
    )

    static func run(_ invocation: Invocation) async throws -> ExitStatus {
        let parsed = invocation.parsed
        let adHoc: (name: String, arguments: [String])?
        if parsed.positionals.first == "count" {
            let transformOnly = Set(command.options.flatMap { [$0.name] + $0.aliases }).subtracting(CountOptions.optionTable.map(\.name))
            if let misplaced = parsed.remainder.first(where: { transformOnly.contains(String($0.dropFirst(2).prefix { $0 != "=" })) && $0.hasPrefix("--") }) {
                throw UsageError("\(misplaced.prefix { $0 != "=" }) is an option of transform, not of count: put it before count")
            }
            guard let name = parsed.value("name") else { throw UsageError("count needs --name METRIC, the name of the metric its arguments define") }
            adHoc = (name, parsed.remainder)
        } else {
            adHoc = nil
        }
        var metricNames = parsed.all("metric")
        if adHoc == nil, let name = parsed.value("name") { metricNames.append(name) }
        let jobs = try TransformPlan(selection: SharedOptions.selection(parsed), metricNames: metricNames, adHoc: adHoc).jobs()

        var sinkSettings = SinkSettings()
        sinkSettings.output = parsed.value("output")
        sinkSettings.influxHost = parsed.value("influx-host")
        sinkSettings.database = parsed.value("influx-database") ?? "github"
        sinkSettings.user = parsed.value("influx-user") ?? "root"
        sinkSettings.password = try secret(parsed, file: "influx-password-file", value: "influx-password")
        sinkSettings.createDatabase = parsed.flag("create-database")
        sinkSettings.influxURL = parsed.value("influx-url")
        sinkSettings.token = try secret(parsed, file: "influx-token-file", value: "influx-token")
        sinkSettings.organization = parsed.value("influx-org")
        sinkSettings.bucket = parsed.value("influx-bucket")
        let output = try sinkSettings.choice()
        let batchSize = try parsed.integer("batch-size", in: 1...1_000_000) ?? 5000

        let store = try SharedOptions.database(parsed).open()
        let sink = output.makeSink(store: store, transport: URLSessionTransport(timeout: .seconds(60)), logger: invocation.logger)
        let stage = TransformStage(jobs: jobs, store: store, sink: sink, rebuild: parsed.flag("rebuild"), batchSize: batchSize, logger: invocation.logger)
        return await StageRunner.run(stage, schedule: invocation.schedule!, logger: invocation.logger)
    }

    /// A secret from its file option, else from its value option (or that option's variable).
    static func secret(_ parsed: ParsedArguments, file: String, value: String) throws -> Secret? {
        if let path = parsed.value(file) { return try Secret.read(file: path, origin: "--\(file) \(path)") }
        return parsed.value(value).map { Secret($0, origin: parsed.culprit(value)) }
    }
}
