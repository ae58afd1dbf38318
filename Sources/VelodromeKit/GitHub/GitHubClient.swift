import Foundation
import Logging
import Synchronization

/// What a GET to GitHub brought back: a decoded page, or "not modified" for a matching ETag.
package enum GitHubAnswer<Value: Sendable>: Sendable {
    case page(Value, GitHubResponseInfo)
    case notModified(GitHubResponseInfo)

    package var info: GitHubResponseInfo {
        switch self {
        case .page(_, let info), .notModified(let info): info
        }
    }
}

package struct GitHubResponseInfo: Sendable {
    package var etag: String?
    package var links: LinkHeader
    /// GitHub's clock (the `Date` header).
    package var date: Timestamp?
    /// The quota of the login that asked, as this answer left it.
    package var rate: RateLimit?
}

/// Counters for progress lines and the per-repository summary.
package struct GitHubCounters: Sendable, Equatable {
    package var requests = 0
    package var notModified = 0
    package var retries = 0
    package var quotaRemaining: Int?
    /// GraphQL queries sent (`requests` counts REST's), and the points they cost
    /// (`rateLimit.cost`; for a query that timed out, what the quota headers say it took).
    package var graphQLQueries = 0
    package var graphQLPoints = 0
}

/// GitHub's two budgets: REST requests (`core`) and GraphQL points, apart per login.
package enum GitHubResource: Sendable {
    case core, graphql
}

/// A GitHub REST client that is careful with the quota and patient with failures: it reads the
/// rate limit from every answer, spreads requests over logins, waits out limits, and retries
/// transient failures with capped exponential backoff and jitter.
package final class GitHubClient: Sendable {
    package static let apiVersion = "2022-11-28"

    package let baseURL: URL
    private let transport: any HTTPTransport
    private let sleeper: any Sleeper
    private let policy: GitHubPolicy
    private let logger: Logger
    private let metrics: GitHubMetrics
    private let userAgent = "velodrome/\(Velodrome.version)"
    private let state: Mutex<State>

    private struct State {
        var pool: TokenPool
        var graphQLPool: TokenPool
        var counters = GitHubCounters()
        /// GitHub's clock as last seen, with the local clock at that moment.
        var serverTime: (Timestamp, Duration)?
    }

    package init(baseURL: URL, tokens: [Secret], transport: any HTTPTransport, sleeper: any Sleeper = TaskSleeper(),
                policy: GitHubPolicy = GitHubPolicy(), metrics: MetricsRegistry = MetricsRegistry(), logger: Logger) {
        self.baseURL = baseURL
        self.metrics = GitHubMetrics(registry: metrics)
        self.transport = transport
        self.sleeper = sleeper
        self.policy = policy
        self.logger = logger
        state = Mutex(State(pool: TokenPool(tokens: tokens), graphQLPool: TokenPool(tokens: tokens)))
    }

    package var counters: GitHubCounters { state.withLock { $0.counters } }

    /// The quota of every login the tokens belong to, as one (see `identifyLogins`).
    package var quota: (rate: RateLimit?, logins: Int) { state.withLock { ($0.pool.combined, $0.pool.logins.count) } }

    /// `baseURL` + path, e.g. `/repos/o/r/issues`.
    package func url(_ path: String, query: [(String, String)] = []) -> URL {
        baseURL.appendingEndpoint(path, query: query)
    }

    /// Learns which login each token belongs to (`GET /user`), so tokens of one login share its quota.
    /// Only needed with several tokens; a bad token fails here, named by its file.
    package func identifyLogins(stop: StopSignal) async throws {
        let tokens = state.withLock { $0.pool.logins.flatMap(\.tokens) }
        guard tokens.count > 1 else { return }
        for token in tokens {
            let answer = try await get(url("/user"), etag: nil, token: token, stop: stop) { data in
                try JSONDecoder().decode(UserPayload.self, from: data).login
            }
            if case .page(let login, _) = answer {
                state.withLock {
                    $0.pool.assign(login: login, to: token)
                    $0.graphQLPool.assign(login: login, to: token)
                }
            }
        }
        let names = state.withLock { $0.pool.logins.map { "\($0.name ?? "?") (\($0.tokens.count) token\($0.tokens.count == 1 ? "" : "s"))" } }
        logger.info("GitHub tokens by login: \(names.joined(separator: ", "))")
    }

    /// GETs `url`, decoding a successful body with `decode`; a body that does not decode is
    /// retried like a dropped connection, so a partial page is never returned.
    package func get<Value: Sendable>(_ url: URL, etag: String?, stop: StopSignal,
                                     decode: @Sendable (Data) throws -> Value) async throws -> GitHubAnswer<Value> {
        try await get(url, etag: etag, token: nil, stop: stop, decode: decode)
    }

    /// GETs what costs no quota (`/rate_limit`) with `token`, without waiting for its login's
    /// quota to reset: that is when it is most worth asking.
    package func getUnmetered<Value: Sendable>(_ url: URL, token: Secret, stop: StopSignal,
                                              decode: @Sendable (Data) throws -> Value) async throws -> GitHubAnswer<Value> {
        try await get(url, etag: nil, token: token, metered: false, stop: stop, decode: decode)
    }

    /// POSTs a GraphQL query to `graphQLURL`, spending the GraphQL points of the login with the
    /// most left. GitHub answers a query that runs past its 10 s with a 502 that still costs;
    /// unless `retryingTimeouts`, that is thrown at once as `GitHubError.timedOut`, for the caller
    /// to ask for less.
    package func graphQL<Value: Sendable>(_ query: GraphQLRequest, stop: StopSignal, retryingTimeouts: Bool,
                                         decode: @Sendable (Data) throws -> Value) async throws -> Value {
        let answer = try await get(graphQLURL, method: "POST", body: query.body, etag: nil, token: nil, resource: .graphql,
                                   retryingTimeouts: retryingTimeouts, stop: stop) { data in
            let envelope = try GraphQLEnvelope(data)
            return (try decode(data), envelope.cost)
        }
        guard case .page(let (value, cost), _) = answer else { throw GitHubError.unexpectedStatus(path: graphQLURL.path, status: 304, message: "") }
        state.withLock { $0.counters.graphQLPoints += cost }
        metrics.graphQLPoints.increment(by: cost)
        return value
    }

    /// `/graphql` beside the REST API: `https://api.github.com/graphql`, or GitHub Enterprise's
    /// `https://HOST/api/graphql` for `https://HOST/api/v3`.
    package var graphQLURL: URL {
        let base = baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        if base.hasSuffix("/api/v3") { return URL(string: String(base.dropLast(3)) + "graphql")! }
        return URL(string: base + "/graphql")!
    }

    private func get<Value: Sendable>(_ url: URL, method: String = "GET", body: Data? = nil, etag: String?, token fixedToken: Secret?,
                                      metered: Bool = true, resource: GitHubResource = .core, retryingTimeouts: Bool = true, stop: StopSignal,
                                      decode: @Sendable (Data) throws -> Value) async throws -> GitHubAnswer<Value> {
        let path = url.path
        var secondaryHits = 0
        var lastFailureWasConnect = false
        return try await policy.transient.run(
            sleeper: sleeper,
            onRetry: { reason, failures, delay in
                state.withLock { $0.counters.retries += 1 }
                metrics.retries.increment()
                logger.warning("GitHub request failed, retrying in \(DurationText.format(delay)): \(reason)", metadata: ["attempt": "\(failures)"])
            },
            giveUp: { reason, failures in
                lastFailureWasConnect
                    ? GitHubError.unreachable(apiURL: baseURL.absoluteString, reason: reason, attempts: failures)
                    : GitHubError.unavailable(path: path, reason: reason, attempts: failures)
            }
        ) { () async throws -> Retry.Step<GitHubAnswer<Value>> in
            try stop.check()
            let (token, login) = metered ? try await pickToken(fixed: fixedToken, resource: resource) : (fixedToken, nil)
            var headers = [("Accept", "application/vnd.github+json"), ("X-GitHub-Api-Version", Self.apiVersion), ("User-Agent", userAgent)]
            if let token { headers.append(("Authorization", "Bearer \(token.value)")) }
            if let etag { headers.append(("If-None-Match", etag)) }

            let response: HTTPResponse
            do {
                if body != nil { headers.append(("Content-Type", "application/json")) }
                // Not cancelled on a stop: on Linux, cancelling a URLSession task while its transfer
                // completes deadlocks Foundation (a stop waits for the answer, at most the timeout).
                response = try await transport.send(HTTPRequest(method: method, url: url, headers: headers, body: body))
                counted(status: response.status, resource: resource)
            } catch let error as TransportError {
                counted(status: nil, resource: resource)
                try stop.check()
                lastFailureWasConnect = error.couldNotConnect
                return .failed(error.message)
            }
            lastFailureWasConnect = false
            // `GET /user` learns a token's login: its quota would be reported under a name
            // about to change, so only pooled requests report it.
            let info = observe(response, login: login, resource: resource, reportQuota: fixedToken == nil)
            switch response.status {
            case 200..<300:
                do {
                    return .done(.page(try decode(response.body), info))
                } catch GraphQLEnvelope.Problem.rateLimited {
                    // The login's points are spent (its headers said so): the next pick waits or takes another.
                    return .again
                } catch GraphQLEnvelope.Problem.refused(let message) {
                    throw GitHubError.graphQL(message)
                } catch {
                    return .failed("malformed body of GET \(path) (\(response.body.count) bytes): \(Self.describe(error))")
                }
            case 304:
                state.withLock { $0.counters.notModified += 1 }
                metrics.notModified.increment()
                return .done(.notModified(info))
            case 401:
                throw GitHubError.unauthorized(tokenOrigin: token?.origin ?? "(no token: anonymous request)")
            case 403, 429:
                let message = response.explanation
                if let seconds = response.header("retry-after").flatMap(Int.init) {
                    secondaryHits += 1
                    try await waitForLimit(.seconds(max(seconds, 1)), why: "GitHub asked to retry \(path) after \(seconds)s (\(response.status))", hits: secondaryHits)
                } else if response.header("x-ratelimit-remaining") == "0" {
                    // The login is marked spent: the next pick waits for its reset or takes another
                    // login. Outside the pool nothing would wait: asking again at once would spin.
                    guard metered else { throw GitHubError.rateLimited("GitHub quota of the token from \(token?.origin ?? "nobody") is spent (GET \(path)): \(message)") }
                } else if response.status == 429 || message.lowercased().contains("secondary rate limit") || message.lowercased().contains("abuse") {
                    secondaryHits += 1
                    let delay = max(.seconds(60), policy.secondaryBackoff.delay(attempt: secondaryHits, random: 0))
                    try await waitForLimit(delay, why: "GitHub secondary rate limit on \(path)", hits: secondaryHits)
                } else {
                    throw GitHubError.forbidden(path: path, message: message)
                }
                return .again
            case 404:
                throw GitHubError.notFound(path: path)
            case 422:
                throw GitHubError.unprocessable(path: path, message: response.explanation)
            case 502 where resource == .graphql && !retryingTimeouts, 504 where resource == .graphql && !retryingTimeouts:
                throw GitHubError.timedOut(path: path)
            case 500...599:
                return .failed("\(response.status) \(response.explanation) (\(method) \(path))")
            default:
                throw GitHubError.unexpectedStatus(path: path, status: response.status, message: response.explanation)
            }
        }
    }

    /// The token for the next request: the given one, or the one of the login with the most quota
    /// left; waits for a reset when the quota it needs is spent.
    private func pickToken(fixed: Secret?, resource: GitHubResource) async throws -> (Secret?, Int?) {
        let pool = Self.pool(resource)
        while true {
            let (choice, now) = state.withLock { state in
                let now = Self.serverNow(state.serverTime, elapsed: policy.elapsed())
                return (fixed.map { state[keyPath: pool].choose(token: $0, now: now) } ?? state[keyPath: pool].choose(now: now), now)
            }
            switch choice {
            case .use(let token, let login):
                return (token, login)
            case .wait(let reset, let login, let index):
                let delay = Duration.seconds(max(reset.seconds - now.seconds, 0) + 1)
                if let maxWait = policy.maxWait, delay > maxWait {
                    throw GitHubError.rateLimited("GitHub \(Self.quotaName(resource)) of \(login) is spent until \(reset) (\(DurationText.format(delay)) from now), longer than --max-wait \(DurationText.format(maxWait))")
                }
                logger.warning("GitHub \(Self.quotaName(resource)) of \(login) is spent; waiting \(DurationText.format(delay)) until it resets at \(reset)")
                try await sleeper.sleepOrStop(for: delay)
                state.withLock { $0[keyPath: pool].forgetRate(login: index) }
            }
        }
    }

    private static func pool(_ resource: GitHubResource) -> WritableKeyPath<State, TokenPool> {
        switch resource {
        case .core: return \State.pool
        case .graphql: return \State.graphQLPool
        }
    }

    private static func quotaName(_ resource: GitHubResource) -> String { resource == .core ? "quota" : "GraphQL quota" }

    private func observe(_ response: HTTPResponse, login: Int?, resource: GitHubResource, reportQuota: Bool) -> GitHubResponseInfo {
        let date = response.header("date").flatMap(HTTPDate.parse)
        let rate = RateLimit(headers: response)
        let pool = Self.pool(resource)
        let label = state.withLock { state -> String? in
            if let date { state.serverTime = (date, policy.elapsed()) }
            guard let rate, let login else { return nil }
            // A query that timed out reports no cost; its points show in the quota it left (the
            // window's whole spend, when it is the login's first answer of the window).
            if resource == .graphql, response.status >= 500 {
                let before = state[keyPath: pool].logins[login].rate.flatMap { $0.reset == rate.reset ? $0.remaining : nil } ?? rate.limit
                state.counters.graphQLPoints += max(0, before - rate.remaining)
            }
            state[keyPath: pool].observe(rate, login: login)
            if resource == .core { state.counters.quotaRemaining = state.pool.remaining }
            return state[keyPath: pool].logins[login].label
        }
        // Outside the client's lock: the registry takes its own.
        if reportQuota, let rate, let label { metrics.quota(rate, login: label) }
        return GitHubResponseInfo(etag: response.header("etag"), links: LinkHeader(response.header("link")), date: date, rate: rate)
    }

    /// One request sent: answered with `status`, or not answered at all (nil).
    private func counted(status: Int?, resource: GitHubResource) {
        state.withLock {
            if resource == .core { $0.counters.requests += 1 } else { $0.counters.graphQLQueries += 1 }
        }
        metrics.answered(status: status)
    }

    private func waitForLimit(_ delay: Duration, why: String, hits: Int) async throws {
        guard hits <= policy.secondaryAttempts else {
            throw GitHubError.rateLimited("\(why): still limited after \(hits - 1) waits")
        }
        if let maxWait = policy.maxWait, delay > maxWait {
            throw GitHubError.rateLimited("\(why): the wait of \(DurationText.format(delay)) is longer than --max-wait \(DurationText.format(maxWait))")
        }
        logger.warning("\(why); waiting \(DurationText.format(delay))")
        try await sleeper.sleepOrStop(for: delay)
    }

    private static func serverNow(_ serverTime: (Timestamp, Duration)?, elapsed now: Duration) -> Timestamp {
        guard let (date, seen) = serverTime else { return Timestamp(Date()) }
        return date.adding(seconds: (now - seen).components.seconds)
    }

    private static func describe(_ error: Error) -> String {
        if let decoding = error as? DecodingError {
            switch decoding {
            case .dataCorrupted(let context): return context.debugDescription
            case .keyNotFound(let key, let context): return "missing \(key.stringValue) at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                return "\(context.debugDescription) at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
            @unknown default: return "\(decoding)"
            }
        }
        return "\(error)"
    }
}
