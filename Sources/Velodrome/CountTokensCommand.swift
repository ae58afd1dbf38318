import Foundation
import VelodromeKit

enum CountTokensCommand {
    static let tokens: [OptionSpec] = SharedOptions.github(tokenDefault: "the token in GITHUB_TOKEN")

    static let outputs: [OptionSpec] = SharedOptions.influx(defaultDatabase: "monitoring") + SharedOptions.database + [
        OptionSpec("output", valueName: "FORMAT", default: "table",
                   help: "With --once, how to print every login's quotas: table, or json."),
    ]

    /// count-tokens ticks every few seconds, reading each login only when its quota is due, so
    /// it has no period to set.
    static let loop: [OptionSpec] = SharedOptions.loop.filter { !["frequency", "interval", "stale-after"].contains($0.name) } + [
        OptionSpec("stale-after", valueName: "DURATION", default: "5m",
                   help: "/healthz fails once readings have failed for this long since the last success."),
    ]

    static let command = Command(
        name: "count-tokens",
        summary: "Record how much of each GitHub token's hourly quota is used",
        usage: "velodrome count-tokens [options]",
        details: """
        Watch every token's quotas (core, graphql, search) through GET /rate_limit,
        which costs none, and record how much each login used in every reset window,
        as the github_token_count measurement (tags login and resource, field value).
        Tokens of one login share its quota and are counted once. Example:
          velodrome count-tokens --token-dir /etc/github --influx-host influxdb:8086
        """,
        sections: [
            .init("Tokens", tokens),
            .init("Outputs", outputs),
            .init("Loop options", loop),
            .init("Global options", SharedOptions.global),
            .init("Credentials", SharedOptions.influxCredentials),
            .init("Original spellings", OriginalSpellings.mysql),
        ],
        run: run
    )

    static func run(_ invocation: Invocation) async throws -> ExitStatus {
        let parsed = invocation.parsed
        let schedule = LoopSchedule(once: parsed.flag("once"), interval: .seconds(TokenCountStage.floor))
        let json = try parsed.choice("output", from: [("table", false), ("json", true)])
        if !schedule.once, case .commandLine? = parsed.sources["output"] {
            throw UsageError("--output says how --once prints the quotas; a loop serves them on /metrics (--listen)")
        }
        let tokens = try GitHubTokens.resolve(files: parsed.all("token-file"), directory: parsed.value("token-dir"), environment: invocation.environment)
        guard !tokens.isEmpty else { throw UsageError("count-tokens needs a token: --token-file PATH, --token-dir DIR, or GITHUB_TOKEN") }
        let githubURL = try GitHubTokens.apiURL(parsed.string("github-url"))
        let output = try SinkSettings(parsed: parsed).choice()
        let telemetry = StageTelemetry(stage: "count-tokens", endpoint: try EndpointSettings(parsed: parsed, schedule: schedule), logger: invocation.logger)

        let database = try await SharedOptions.database(parsed, environment: invocation.environment).open(logger: invocation.logger)
        let transport = URLSessionTransport(timeout: .seconds(30))
        let sink = output.makeSink(store: database.store, transport: transport, logger: invocation.logger)
        let stage = TokenCountStage(tokens: tokens, githubURL: githubURL, store: database.store, sink: sink, transport: transport,
                                    metrics: telemetry.registry, logger: invocation.logger)
        let status = await StageRunner.run(stage, schedule: schedule, logger: invocation.logger, services: database.services + telemetry.services,
                                           status: telemetry.status)
        if schedule.once {
            let report = QuotaReport(readings: stage.readings, refused: stage.refused, now: Int64(Date().timeIntervalSince1970))
            Output.print(json ? report.json : report.table)
        }
        return status
    }
}
