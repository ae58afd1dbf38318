import Foundation
import Logging
import Synchronization

/// The count-tokens stage: reads every login's quota from `GET /rate_limit` (free), more often as a
/// reset approaches, and records each finished window's use as a `github_token_count` point
/// (tags `login` and `resource`, field `value`, time = the window's reset).
package final class TokenCountStage: Stage {
    package let name = "count-tokens"
    package static let measurement = "github_token_count"
    static let resources = ["core", "graphql", "search"]
    /// Never more than one reading a login in this long; otherwise half the time left until the
    /// login's next reset. The loop ticks this often too.
    package static let floor: Int64 = 5

    /// After a failed `GET /user`, the next try waits this long (a spent quota answers 403 until
    /// its reset).
    static let identifyRetry: Int64 = 60

    private let store: SQLMirrorStore
    private let sink: any PointSink
    private let client: GitHubClient
    private let now: @Sendable () -> Int64
    private let metrics: TokenCountMetrics
    private let logger: Logger
    private let state: Mutex<State>

    struct Login {
        var name: String
        /// Every token of the login: the first is used, the next takes over if GitHub refuses it.
        var tokens: [Secret]
        var nextReading: Int64 = 0
    }

    struct State {
        var logins: [Login] = []
        /// Tokens whose login is not known yet, asked again from `nextIdentify` on.
        var unidentified: [Secret]
        var nextIdentify: Int64 = 0
        /// Where the tokens GitHub refused came from.
        var refused: [String] = []
        /// Where each quota stands, from the database at the first iteration (when the output is
        /// prepared too), then from each reading.
        var windows: [TokenSeries: QuotaWindows] = [:]
        var prepared = false
        /// Points not written yet, and states not saved yet: a failed write keeps them for the
        /// next iteration, so no window is lost while the output is down and none is computed
        /// twice from an older state.
        var pending: [MetricPoint] = []
        var unsaved: [TokenSeries: QuotaWindows] = [:]
        /// The last reading of each login's quotas, for `--once`'s report.
        var readings: [TokenSeries: QuotaReading] = [:]
    }

    package init(tokens: [Secret], githubURL: URL, store: SQLMirrorStore, sink: any PointSink, transport: any HTTPTransport,
                 sleeper: any Sleeper = TaskSleeper(), now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) },
                 metrics: MetricsRegistry = MetricsRegistry(), logger: Logger) {
        self.store = store
        self.sink = sink
        self.now = now
        self.logger = logger
        self.metrics = TokenCountMetrics(registry: metrics)
        state = Mutex(State(unidentified: tokens))
        client = GitHubClient(baseURL: githubURL, tokens: tokens, transport: transport, sleeper: sleeper, metrics: metrics, logger: logger)
    }

    /// Completes unless GitHub could not be asked for some login, or refused a token this
    /// iteration: a refused token fails the iteration that finds it (and so `--once`), then
    /// shows on `velodrome_tokens_refused` and its alert, not as a failing stage that a liveness
    /// probe would restart for nothing.
    package func runIteration(stop: StopSignal) async throws -> IterationOutcome {
        var current = state.withLock { $0 }
        if !current.prepared {
            try await sink.prepare()
            current.windows = try await store.savedQuotaWindows()
            current.prepared = true
        }
        let time = now()
        let refusedBefore = current.refused.count
        var failures: [String] = []
        if !current.unidentified.isEmpty, current.nextIdentify <= time {
            try await identify(&current, failures: &failures, stop: stop)
            if !current.unidentified.isEmpty { current.nextIdentify = time + Self.identifyRetry }
        }
        for index in current.logins.indices where current.logins[index].nextReading <= time {
            let login = current.logins[index]
            let readings: [String: QuotaReading]
            do {
                readings = try await read(login, stop: stop)
            } catch GitHubError.unauthorized {
                let token = current.logins[index].tokens.removeFirst()
                current.refused.append("the token from \(token.origin)")
                let next = current.logins[index].tokens.first.map { " (the token from \($0.origin) takes over)" } ?? "; counting the others"
                logger.error("GitHub refused the token from \(token.origin), a token of \(login.name)\(next)")
                continue
            } catch is StopRequested {
                throw StopRequested()
            } catch {
                logger.warning("cannot read the quota of \(login.name): \(error)")
                failures.append("reading the quota of \(login.name): \(error)")
                current.logins[index].nextReading = time + Self.floor
                continue
            }
            current.pending += record(readings, of: login.name, in: &current)
            let soonest = readings.values.map(\.reset).min() ?? time
            current.logins[index].nextReading = time + max(Self.floor, (soonest - time) / 2)
        }
        current.logins.removeAll { $0.tokens.isEmpty }
        failures = current.refused[refusedBefore...].map { "GitHub refused \($0)" } + failures
        // Points first, then the states that recorded them: once saved, a window is never
        // recorded again; if the process dies before, the same points are written again
        // (the same series and times: InfluxDB keeps one of each).
        var failed: (any Error)?
        do {
            if !current.pending.isEmpty { try await sink.write(current.pending) }
            metrics.recorded(current.pending)
            current.pending = []
            try await store.saveQuotaWindows(current.unsaved)
            current.unsaved = [:]
        } catch {
            failed = error
        }
        state.withLock { [current] in $0 = current }
        report(current, now: time)
        if let failed { throw failed }
        return failures.isEmpty ? .completed : .partialFailure(failures.joined(separator: "; "))
    }

    /// Takes one login's readings; returns the points of the windows they ended. Only series
    /// whose state moved are saved again: an idle login costs the database nothing.
    private func record(_ readings: [String: QuotaReading], of login: String, in current: inout State) -> [MetricPoint] {
        var points: [MetricPoint] = []
        for (resource, reading) in readings.sorted(by: { $0.key < $1.key }) {
            let series = TokenSeries(login: login, resource: resource)
            current.readings[series] = reading
            var windows = current.windows[series, default: QuotaWindows()]
            if let window = windows.read(reading) {
                points.append(Self.point(series, window))
                logger.info("\(login) used \(window.used) of its \(resource) quota in the window that ended at \(Timestamp(seconds: window.reset).iso8601)")
            }
            if windows != current.windows[series] { current.unsaved[series] = windows }
            current.windows[series] = windows
        }
        return points
    }

    /// The last readings, by login and resource, for `--once`'s table.
    package var readings: [TokenSeries: QuotaReading] { state.withLock { $0.readings } }

    /// Where the tokens GitHub refused came from.
    package var refused: [String] { state.withLock { $0.refused } }

    /// Each new token's login (`GET /user`, one request of its quota, once): tokens of one login
    /// share its quota and are counted once. A refused token is reported by its origin and never
    /// asked again; one GitHub did not answer is asked again a minute later.
    private func identify(_ current: inout State, failures: inout [String], stop: StopSignal) async throws {
        var waiting: [Secret] = []
        for token in current.unidentified {
            do {
                let name = try await get("/user", token: token, stop: stop) { try JSONDecoder().decode(UserPayload.self, from: $0).login }
                if let index = current.logins.firstIndex(where: { $0.name == name }) {
                    logger.info("the token from \(token.origin) is another of \(name)'s: its quota is counted once")
                    current.logins[index].tokens.append(token)
                } else {
                    current.logins.append(Login(name: name, tokens: [token]))
                }
            } catch GitHubError.unauthorized {
                logger.error("GitHub refused the token from \(token.origin); counting the others")
                current.refused.append("the token from \(token.origin)")
            } catch is StopRequested {
                throw StopRequested()
            } catch {
                logger.warning("cannot learn the login of the token from \(token.origin): \(error)")
                failures.append("learning the login of the token from \(token.origin): \(error)")
                waiting.append(token)
            }
        }
        current.unidentified = waiting
    }

    private func read(_ login: Login, stop: StopSignal) async throws -> [String: QuotaReading] {
        try await get("/rate_limit", token: login.tokens[0], stop: stop) { try JSONDecoder().decode(RateLimitPayload.self, from: $0).readings(Self.resources) }
    }

    /// Not through the client's pool: `/rate_limit` is free and most worth asking when the quota
    /// is spent, and `/user` names the login the pool would wait for.
    private func get<Value: Sendable>(_ path: String, token: Secret, stop: StopSignal, decode: @Sendable (Data) throws -> Value) async throws -> Value {
        guard case .page(let value, _) = try await client.getUnmetered(client.url(path), token: token, stop: stop, decode: decode) else {
            throw GitHubError.unexpectedStatus(path: path, status: 304, message: "Not Modified, though nothing was asked conditionally")
        }
        return value
    }

    private func report(_ current: State, now: Int64) {
        for (series, reading) in current.readings { metrics.read(reading, series: series, now: now) }
        metrics.refused(current.refused.count)
    }

    static func point(_ series: TokenSeries, _ window: QuotaWindow) -> MetricPoint {
        MetricPoint(measurement: measurement, tags: [MetricTag("login", series.login), MetricTag("resource", series.resource)],
                    time: window.reset * 1_000_000_000, fields: [MetricField("value", .integer(Int64(window.used)))])
    }
}
