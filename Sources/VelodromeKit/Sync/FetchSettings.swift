import Foundation
import Logging

/// What `velodrome fetch` was asked to do, resolved and validated.
package struct FetchSettings: Sendable {
    package var repositories: [RepositoryName]
    package var githubURL: URL
    package var tokens: [Secret]
    package var requestTimeout: Duration
    /// Bounds rate-limit waits (`--max-wait`, with `--once`); nil waits as long as it takes.
    package var maxWait: Duration?
    /// How far behind the sync's start the watermark stays (`--settle`), for GitHub's lists show
    /// an event or comment some time after its timestamp.
    package var settle: Duration
    package var graphQL: GraphQLMode

    package init(repositories: [RepositoryName], githubURL: URL, tokens: [Secret], requestTimeout: Duration, maxWait: Duration?, settle: Duration,
                 graphQL: GraphQLMode = .auto) {
        self.repositories = repositories
        self.githubURL = githubURL
        self.tokens = tokens
        self.requestTimeout = requestTimeout
        self.maxWait = maxWait
        self.settle = settle
        self.graphQL = graphQL
    }

    /// From fetch's options. `--max-wait` bounds waits only with `--once`: a loop waits as long
    /// as a reset takes, since nothing else is waiting for it.
    package init(parsed: ParsedArguments, schedule: LoopSchedule, environment: [String: String]) throws {
        let maxWait = try parsed.duration("max-wait")
        let graphQL = try parsed.choice("graphql", from: GraphQLMode.allCases.map { ($0.rawValue, $0) })
        let tokens = try GitHubTokens.resolve(files: parsed.all("token-file"), directory: parsed.value("token-dir"), environment: environment)
        if graphQL == .always, tokens.isEmpty {
            throw UsageError("--graphql always needs a token: GitHub answers GraphQL to tokens only (give --token-file PATH or set GITHUB_TOKEN)")
        }
        self.init(
            repositories: try RepositorySelection(parsed: parsed).resolve(),
            githubURL: try GitHubTokens.apiURL(parsed.string("github-url")),
            tokens: tokens,
            requestTimeout: try parsed.duration("request-timeout"),
            maxWait: schedule.once ? maxWait : nil,
            settle: try parsed.duration("settle"),
            graphQL: graphQL
        )
    }

    /// The GitHub client these settings describe.
    package func client(transport: (any HTTPTransport)? = nil, sleeper: any Sleeper = TaskSleeper(), jitter: Jitter = .random,
                        elapsed: @escaping @Sendable () -> Duration = GitHubPolicy.processUptime, metrics: MetricsRegistry = MetricsRegistry(),
                        logger: Logger) -> GitHubClient {
        GitHubClient(baseURL: githubURL, tokens: tokens, transport: transport ?? URLSessionTransport(timeout: requestTimeout),
                     sleeper: sleeper, policy: GitHubPolicy(maxWait: maxWait, jitter: jitter, elapsed: elapsed), metrics: metrics, logger: logger)
    }
}
