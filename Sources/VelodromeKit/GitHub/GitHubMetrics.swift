import CoreMetrics

/// What the GitHub client reports to `/metrics`, counted in the same places as the
/// `GitHubCounters` that progress lines and summaries read.
struct GitHubMetrics: Sendable {
    private let registry: MetricsRegistry
    /// By the class of GitHub's answer (`2xx` ... `5xx`), or `error` when none came.
    private let requests: [String: CoreMetrics.Counter]
    let notModified: CoreMetrics.Counter
    let retries: CoreMetrics.Counter
    let graphQLPoints: CoreMetrics.Counter

    static let classes = ["2xx", "3xx", "4xx", "5xx", "error"]

    init(registry: MetricsRegistry) {
        self.registry = registry
        requests = Dictionary(uniqueKeysWithValues: Self.classes.map { code in
            (code, registry.counter("github", "requests", help: "Requests to GitHub's REST and GraphQL APIs, by the class of the answer (error: none came).",
                                    labels: [("code", code)]))
        })
        notModified = registry.counter("github", "not_modified", help: "Conditional requests GitHub answered 304 Not Modified: no quota spent.")
        retries = registry.counter("github", "retries", help: "Requests retried after a transient failure (a dropped connection, a 5xx).")
        graphQLPoints = registry.counter("github", "graphql_points", help: "Points of GitHub's GraphQL quota the queries cost.")
    }

    func answered(status: Int?) {
        let code = status.map { "\(min(max($0 / 100, 2), 5))xx" } ?? "error"
        requests[code]?.increment()
    }

    /// A login's quota of one resource (`core`, `search`, `graphql`), as GitHub last reported it.
    func quota(_ rate: RateLimit, login: String) {
        let labels = [("login", login), ("resource", rate.resource ?? "core")]
        registry.gauge("github", "quota_remaining", help: "Requests left in the login's hourly quota.", labels: labels).set(rate.remaining)
        registry.gauge("github", "quota_limit", help: "The login's hourly quota.", labels: labels).set(rate.limit)
        registry.gauge("github", "quota_reset_timestamp", unit: "seconds", help: "When the login's quota resets, in seconds since the epoch.",
                       labels: labels).set(Double(rate.reset.seconds))
    }
}
