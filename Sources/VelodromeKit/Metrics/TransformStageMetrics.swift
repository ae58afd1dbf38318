import CoreMetrics
import Foundation

/// What transform reports to `/metrics`: points written per output, and how far behind now each
/// repository's metrics are (its watermark's age when transform last reached it).
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

    func reached(_ watermark: Timestamp, repository: String, now: Date) {
        registry.gauge("transform", "watermark_lag", unit: "seconds",
                       help: "Now minus the watermark the repository's metrics were computed up to, when transform last reached it.",
                       labels: [("repository", repository)]).set(now.timeIntervalSince1970 - Double(watermark.seconds))
    }
}
