import CoreMetrics
import Foundation

/// What transform reports to `/metrics`: points written per output, each repository's watermark,
/// and how far behind now its metrics were when transform last reached it.
struct TransformStageMetrics: Sendable {
    private let registry: MetricsRegistry
    let pointsWritten: CoreMetrics.Counter

    init(registry: MetricsRegistry, sink: any PointSink) {
        self.registry = registry
        // The output's kind, never its URL: labels stay few and free of addresses.
        let output = String(sink.target.prefix { $0 != ":" })
        pointsWritten = registry.counter("transform", "points_written", help: "Points the output accepted, by output (influxdb, influxdb2, embedded, stdout).",
                                         labels: [("output", output)])
    }

    /// The watermark as a time, for alerts that must see a transform that stopped reaching it
    /// (the lag is only as fresh as the last time transform got there).
    func reached(_ watermark: Timestamp, repository: String, now: Date) {
        let labels = [("repository", repository)]
        registry.gauge("transform", "watermark_timestamp", unit: "seconds",
                       help: "The watermark the repository's metrics are computed up to, in seconds since the epoch.", labels: labels)
            .set(Double(watermark.seconds))
        registry.gauge("transform", "watermark_lag", unit: "seconds",
                       help: "Now minus the watermark the repository's metrics were computed up to, when transform last reached it.",
                       labels: labels).set(now.timeIntervalSince1970 - Double(watermark.seconds))
    }
}
