import Foundation
import Logging
import Synchronization

/// What `velodrome fetch` was asked to do, resolved and validated.
public struct FetchSettings: Sendable {
    public var repositories: [RepositoryName]
    public var githubURL: URL
    public var tokens: [Secret]
    public var requestTimeout: Duration
    /// Bounds rate-limit waits (`--max-wait`, with `--once`); nil waits as long as it takes.
    public var maxWait: Duration?

    public init(repositories: [RepositoryName], githubURL: URL, tokens: [Secret], requestTimeout: Duration, maxWait: Duration?) {
        self.repositories = repositories
        self.githubURL = githubURL
        self.tokens = tokens
        self.requestTimeout = requestTimeout
        self.maxWait = maxWait
    }
}

/// The fetch stage: each iteration syncs every repository in turn. One repository failing
/// (say, a 404) does not stop the others; a bad token (401) stops the iteration.
public final class FetchStage: Stage {
    public let name = "fetch"
    private let settings: FetchSettings
    private let store: any MirrorStore
    private let client: GitHubClient
    private let logger: Logger
    private let live: Bool
    private let loginsKnown = Mutex(false)

    public init(settings: FetchSettings, store: any MirrorStore, transport: (any HTTPTransport)? = nil,
                sleeper: any Sleeper = TaskSleeper(), logger: Logger, liveProgress: Bool = isatty(STDERR_FILENO) == 1) {
        self.settings = settings
        self.store = store
        self.logger = logger
        live = liveProgress
        client = GitHubClient(baseURL: settings.githubURL, tokens: settings.tokens,
                              transport: transport ?? URLSessionTransport(timeout: settings.requestTimeout),
                              sleeper: sleeper, policy: GitHubPolicy(maxWait: settings.maxWait), logger: logger)
    }

    public var counters: GitHubCounters { client.counters }

    public func runIteration(stop: StopSignal) async throws -> IterationOutcome {
        if !loginsKnown.withLock({ $0 }) {
            try await client.identifyLogins(stop: stop)
            loginsKnown.withLock { $0 = true }
        }
        var failed: [String] = []
        for repository in settings.repositories {
            if stop.isRequested { return .stopped }
            let progress = SyncProgress(repository: repository.key, client: client, live: live)
            let environment = SyncEnvironment(client: client, store: store, repository: repository, stop: stop, progress: progress,
                                              logger: logger.with("repository", repository.key))
            do {
                try await RepositorySync(environment: environment).run()
                progress.finish()
                logSummary(progress, outcome: "synced")
            } catch is StopRequested {
                progress.finish()
                logSummary(progress, outcome: "stopped")
                return .stopped
            } catch let error as GitHubError {
                progress.finish()
                if case .unauthorized = error { throw error }
                logger.error("\(repository.key) did not sync: \(error)")
                failed.append(repository.key)
            } catch {
                progress.finish()
                logger.error("\(repository.key) did not sync: \(error)")
                failed.append(repository.key)
            }
        }
        if failed.isEmpty { return .completed }
        return .partialFailure("\(failed.count) of \(settings.repositories.count) repositories did not sync: \(failed.joined(separator: ", "))")
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
        logger.info("\(outcome) \(progress.repository)", metadata: metadata)
    }
}

extension Logger {
    func with(_ key: String, _ value: String) -> Logger {
        var copy = self
        copy[metadataKey: key] = "\(value)"
        return copy
    }
}
