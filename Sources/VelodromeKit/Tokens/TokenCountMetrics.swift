import CoreMetrics

/// What count-tokens reports to `/metrics`: each login's quota of each resource as last read,
/// the windows it recorded, and how many tokens GitHub refused.
struct TokenCountMetrics: Sendable {
    private let registry: MetricsRegistry

    init(registry: MetricsRegistry) {
        self.registry = registry
    }

    func read(_ reading: QuotaReading, series: TokenSeries, now: Int64) {
        let labels = [("login", series.login), ("resource", series.resource)]
        registry.gauge("tokens", "limit", help: "The login's quota of the resource in one window.", labels: labels).set(reading.limit)
        registry.gauge("tokens", "remaining", help: "What is left of the login's quota, at the last reading.", labels: labels).set(reading.remaining)
        registry.gauge("tokens", "used", help: "What the login has used of its quota in the current window, at the last reading.", labels: labels)
            .set(reading.used)
        registry.gauge("tokens", "until_reset", unit: "seconds", help: "How long until the login's quota resets, as of the last iteration.", labels: labels)
            .set(Double(max(0, reading.reset - now)))
    }

    func recorded(_ points: [MetricPoint]) {
        for point in points {
            registry.counter("tokens", "windows_recorded", help: "Finished windows written as github_token_count points.",
                             labels: point.tags.map { ($0.name, $0.value) }).increment()
        }
    }

    func refused(_ count: Int) {
        registry.gauge("tokens", "refused", help: "Tokens GitHub refused (401): named by file in the log and in /healthz.").set(count)
    }
}
