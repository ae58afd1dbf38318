import VelodromeKit

enum FetchCommand {
    static let options: [OptionSpec] = SharedOptions.repositorySelection + [
        OptionSpec("organization", valueName: "ORG",
                   help: "With --project NAME, the original fetcher's way to name the one repository ORG/NAME."),
        OptionSpec("github-url", valueName: "URL", default: "https://api.github.com", environment: "GITHUB_API_URL",
                   help: "GitHub's REST API; for GitHub Enterprise, https://HOST/api/v3."),
        OptionSpec("token-file", kind: .repeated, valueName: "PATH", environment: "GITHUB_TOKEN_FILE",
                   help: "A file holding a GitHub token; repeatable. Default: the GITHUB_TOKEN variable, else anonymous (60 requests an hour)."),
        SharedOptions.database,
        OptionSpec("max-wait", valueName: "DURATION", default: "10m",
                   help: "With --once, the longest wait for a rate limit to reset before a repository is given up."),
        OptionSpec("request-timeout", valueName: "DURATION", default: "30s",
                   help: "How long one GitHub request may take before it is retried."),
    ]

    static let command = Command(
        name: "fetch",
        summary: "Mirror GitHub issues, pull requests, events and comments into SQL",
        usage: "velodrome fetch [options]",
        details: """
        Mirror GitHub issues, pull requests, labels, assignees, issue events, issue comments and
        review comments into SQL, incrementally. Example:
          velodrome fetch --once --repository kubernetes/test-infra
        """,
        sections: [
            .init("Fetch options", options),
            .init("Loop options", SharedOptions.loop),
            .init("Global options", SharedOptions.global),
            .init("Original spellings", OriginalSpellings.mysql),
        ],
        run: run
    )

    static func run(_ invocation: Invocation) async throws -> ExitStatus {
        let parsed = invocation.parsed
        let schedule = invocation.schedule!
        let repositories = try SharedOptions.selection(parsed).resolve()
        let maxWait = try parsed.duration("max-wait") ?? .seconds(600)
        let settings = FetchSettings(
            repositories: repositories,
            githubURL: try GitHubTokens.apiURL(parsed.value("github-url") ?? "https://api.github.com"),
            tokens: try GitHubTokens.resolve(files: parsed.all("token-file"), environment: invocation.environment),
            requestTimeout: try parsed.duration("request-timeout") ?? .seconds(30),
            maxWait: schedule.once ? maxWait : nil
        )
        let store = try SharedOptions.database(parsed).open()
        let stage = FetchStage(settings: settings, store: store, logger: invocation.logger)
        return await StageRunner.run(stage, schedule: schedule, logger: invocation.logger)
    }
}

/// Spellings of the original tool that no longer apply: each gets a message saying what replaced it.
enum OriginalSpellings {
    static let mysql: [OptionSpec] = ["host", "port", "user", "password"].map {
        OptionSpec($0, hidden: true, help: "The original's MySQL connection setting.")
    }

    static func rejectMySQL(_ parsed: ParsedArguments) throws(UsageError) {
        if let name = ["host", "port", "user", "password"].first(where: parsed.has) {
            throw UsageError("--\(name) was the original's MySQL setting; Velodrome takes --database URL (sqlite:PATH)")
        }
    }
}
