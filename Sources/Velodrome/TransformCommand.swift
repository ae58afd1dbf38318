import VelodromeKit

enum TransformCommand {
    static let selection: [OptionSpec] = SharedOptions.repositorySelection + [
        OptionSpec("metric", kind: .list, valueName: "NAME",
                   help: "Compute only these metrics of the configuration; repeatable or comma-separated."),
        OptionSpec("name", valueName: "METRIC",
                   help: "The original's form: names the metric that the plugin arguments after it define (count ...)."),
    ] + SharedOptions.database + [
        .flag("rebuild", help: "Recompute every selected series from the start and replace what was written."),
    ]

    static let outputs: [OptionSpec] = SharedOptions.influx(defaultDatabase: "github") + [
        OptionSpec("output", valueName: "-", help: "Write line protocol to stdout (-) instead of a store."),
    ]

    /// Credentials and tuning: listed last, below the options most runs need.
    static let lessUsed: [OptionSpec] = SharedOptions.influxCredentials + [
        OptionSpec("batch-size", valueName: "N", default: "5000", help: "Points per write request."),
    ]

    static let command = Command(
        name: "transform",
        summary: "Turn the mirror into metrics in InfluxDB or the embedded store",
        usage: "velodrome transform [options] [--name METRIC count|latency [options]]",
        details: """
        Compute the metrics of the configuration from the SQL mirror that fetch keeps,
        and write them to InfluxDB, to the embedded store (the metric_points table),
        or to stdout. Example:
          velodrome transform --once --project kubernetes --influx-host localhost:8086
        """,
        sections: [
            .init("Selection", selection),
            .init("Outputs", outputs),
            .init("Loop options", SharedOptions.loop),
            .init("Global options", SharedOptions.global),
            .init("Credentials and tuning", lessUsed),
            .init("Original spellings", OriginalSpellings.mysql),
        ],
        plugins: [
            CountOptions.pluginName: PluginCommand(options: CountOptions.optionTable, help: CountOptions.help),
            LatencyOptions.pluginName: PluginCommand(options: LatencyOptions.optionTable, help: LatencyOptions.help),
        ],
        footer: "Run 'velodrome help transform count' (or latency) for a plugin's options.",
        run: run
    )

    static func run(_ invocation: Invocation) async throws -> ExitStatus {
        let parsed = invocation.parsed
        let schedule = try LoopSchedule(parsed: parsed)
        let jobs = try TransformPlan(parsed: parsed, selection: RepositorySelection(parsed: parsed)).jobs()
        let output = try SinkSettings(parsed: parsed, lineProtocolOption: "output").choice()
        let batchSize = try parsed.integer("batch-size", in: 1...1_000_000)
        let telemetry = StageTelemetry(stage: "transform", endpoint: try EndpointSettings(parsed: parsed, schedule: schedule), logger: invocation.logger)

        let database = try await SharedOptions.database(parsed, environment: invocation.environment).open(logger: invocation.logger)
        let sink = output.makeSink(store: database.store, transport: URLSessionTransport(timeout: .seconds(60)), logger: invocation.logger)
        let stage = TransformStage(jobs: jobs, store: database.store, sink: sink, rebuild: parsed.flag("rebuild"), batchSize: batchSize,
                                   metrics: telemetry.registry, logger: invocation.logger)
        return await StageRunner.run(stage, schedule: schedule, logger: invocation.logger, services: database.services + telemetry.services,
                                     status: telemetry.status)
    }
}
