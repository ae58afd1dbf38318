import Foundation
import Logging
import Synchronization

/// The fetch stage: each iteration syncs every repository in turn. One repository failing
/// (say, a 404) does not stop the others; a bad token (401) stops the iteration.
package final class FetchStage: Stage {
    package let name = "fetch"
    private let settings: FetchSettings
    private let store: any MirrorStore
    private let client: GitHubClient
    private let logger: Logger
    private let metrics: MetricsRegistry
    private let live: Bool
    private let loginsKnown = Mutex(false)
    private let graphQL: GraphQLUse

    package init(settings: FetchSettings, store: any MirrorStore, transport: (any HTTPTransport)? = nil,
                sleeper: any Sleeper = TaskSleeper(), jitter: Jitter = .random,
                elapsed: @escaping @Sendable () -> Duration = GitHubPolicy.processUptime, metrics: MetricsRegistry = MetricsRegistry(),
                logger: Logger, liveProgress: Bool = isatty(STDERR_FILENO) == 1) {
        self.settings = settings
        self.store = store
        self.logger = logger
        self.metrics = metrics
        live = liveProgress
        client = settings.client(transport: transport, sleeper: sleeper, jitter: jitter, elapsed: elapsed, metrics: metrics, logger: logger)
        graphQL = GraphQLUse(settings: settings)
    }

    package var counters: GitHubCounters { client.counters }

    package func runIteration(stop: StopSignal) async throws -> IterationOutcome {
        if !loginsKnown.withLock({ $0 }) {
            if settings.tokens.isEmpty {
                logger.warning("no GitHub token: anonymous requests get 60 an hour from \(settings.githubURL.absoluteString); give --token-file PATH or set GITHUB_TOKEN")
            }
            try await client.identifyLogins(stop: stop)
            loginsKnown.withLock { $0 = true }
        }
        let loop = UnitLoop(noun: "repositories", failedOne: "did not sync", failedMany: "did not sync", logger: logger)
        return try await loop.run(settings.repositories, key: \.key, stop: stop, endsIteration: Self.endsIteration) { repository in
            let progress = SyncProgress(repository: repository.key, client: client, metrics: metrics, live: live)
            let environment = SyncEnvironment(client: client, store: store, repository: repository, stop: stop, progress: progress,
                                              logger: logger.with("repository", repository.key), settle: settings.settle, graphQL: graphQL)
            do {
                try await RepositorySync(environment: environment).run()
            } catch {
                progress.finish()
                if error is StopRequested { logSummary(progress, outcome: "stopped") }
                throw error
            }
            progress.finish()
            logSummary(progress, outcome: "synced")
        }
    }

    /// A refused token or an unreachable GitHub fails every repository alike: say it once.
    private static func endsIteration(_ error: any Error) -> Bool {
        switch error as? GitHubError {
        case .unauthorized?, .unreachable?: true
        default: false
        }
    }

    private func logSummary(_ progress: SyncProgress, outcome: String) {
        let snapshot = progress.snapshot
        let spent = progress.spent
        var metadata: Logger.Metadata = [
            "repository": "\(progress.repository)",
            "fetched": .stringConvertible(snapshot.items.values.reduce(0, +)),
            "written": .stringConvertible(snapshot.written),
            "pages": .stringConvertible(snapshot.pages),
            "requests": .stringConvertible(spent.requests),
            "not_modified": .stringConvertible(spent.notModified),
            "retries": .stringConvertible(spent.retries),
            "seconds": "\(String(format: "%.1f", progress.seconds))",
        ]
        for (list, count) in snapshot.items { metadata[list] = .stringConvertible(count) }
        if let quota = spent.quotaRemaining { metadata["quota_remaining"] = .stringConvertible(quota) }
        if spent.graphQLQueries > 0 {
            metadata["graphql_queries"] = .stringConvertible(spent.graphQLQueries)
            metadata["graphql_points"] = .stringConvertible(spent.graphQLPoints)
        }
        logger.info("\(outcome) \(progress.repository)", metadata: metadata)
    }
}
