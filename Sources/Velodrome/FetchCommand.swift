import VelodromeKit

enum FetchCommand {
    static let options: [OptionSpec] = SharedOptions.repositorySelection + [
        OptionSpec("organization", valueName: "ORG",
                   help: "With --project NAME, the original fetcher's way to name the one repository ORG/NAME."),
    ] + SharedOptions.github(tokenDefault: "the token in GITHUB_TOKEN, else anonymous (60 requests an hour)") + SharedOptions.database + [
        OptionSpec("settle", valueName: "DURATION", default: "5m", environment: "VELODROME_SETTLE",
                   help: "How long GitHub may take to list an event or comment: the watermark stays this far behind the sync's start."),
        OptionSpec("max-wait", valueName: "DURATION", default: "10m",
                   help: "With --once, the longest wait for a rate limit to reset before a repository is given up."),
        OptionSpec("request-timeout", valueName: "DURATION", default: "30s",
                   help: "How long one GitHub request may take before it is retried."),
        OptionSpec("graphql", valueName: "WHEN", default: "auto", environment: "VELODROME_GRAPHQL",
                   help: "Read the histories of issues the events list does not reach through GraphQL, 100 issues a point instead of a request each: auto (with a token, where the server has GraphQL), never, or always."),
    ]

    static let estimate: [OptionSpec] = [
        .flag("estimate", help: "Print how many requests a first sync of each repository needs (asking GitHub about five for each), against the quota left, and exit."),
        OptionSpec("output", valueName: "FORMAT", default: "table", help: "With --estimate, how to print it: table, or json."),
    ]

    static let command = Command(
        name: "fetch",
        summary: "Mirror issues, pull requests, events and comments into SQL",
        usage: "velodrome fetch [options]",
        details: """
        Mirror GitHub issues, pull requests, labels, assignees, issue events, issue
        comments and review comments into SQL, incrementally. Example:
          velodrome fetch --once --repository kubernetes/test-infra
        """,
        sections: [
            .init("Fetch options", options),
            .init("Estimate", estimate),
            .init("Loop options", SharedOptions.loop),
            .init("Global options", SharedOptions.global),
            .init("Original spellings", OriginalSpellings.mysql),
        ],
        run: run
    )

    static func run(_ invocation: Invocation) async throws -> ExitStatus {
        if invocation.parsed.flag("estimate") { return try await runEstimate(invocation) }
        if case .commandLine? = invocation.parsed.sources["output"] {
            throw UsageError("--output says how --estimate prints; fetch itself writes to --database")
        }
        let schedule = try LoopSchedule(parsed: invocation.parsed)
        let settings = try FetchSettings(parsed: invocation.parsed, schedule: schedule, environment: invocation.environment)
        let telemetry = StageTelemetry(stage: "fetch", endpoint: try EndpointSettings(parsed: invocation.parsed, schedule: schedule), logger: invocation.logger)
        let database = try await SharedOptions.database(invocation.parsed, environment: invocation.environment).open(logger: invocation.logger)
        let stage = FetchStage(settings: settings, store: database.store, metrics: telemetry.registry, logger: invocation.logger)
        return await StageRunner.run(stage, schedule: schedule, logger: invocation.logger, services: database.services + telemetry.services,
                                     status: telemetry.status)
    }

    /// `--estimate`: a few requests per repository, no database.
    static func runEstimate(_ invocation: Invocation) async throws -> ExitStatus {
        let parsed = invocation.parsed
        let json = try parsed.choice("output", from: [("table", false), ("json", true)])
        let settings = try FetchSettings(parsed: parsed, schedule: LoopSchedule(once: true, interval: .seconds(0)), environment: invocation.environment)
        let estimator = FirstSyncEstimator(client: settings.client(logger: invocation.logger))
        let report = try await estimator.report(settings.repositories, anonymous: settings.tokens.isEmpty,
                                                throughGraphQL: GraphQLUse(settings: settings).isOn, stop: .never)
        Output.print(json ? report.json : report.table)
        return .success
    }
}
