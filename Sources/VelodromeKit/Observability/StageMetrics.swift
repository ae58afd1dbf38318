import CoreMetrics
import Foundation

/// What every looping stage reports, labelled by stage: written by `StageStatus` as iterations
/// start and end, so the health endpoints and `/metrics` read one record.
struct StageMetrics: Sendable {
    let iterations: CoreMetrics.Counter
    let failures: CoreMetrics.Counter
    let lastSuccess: Meter
    let duration: CoreMetrics.Timer

    /// From seconds to hours: a re-sync takes seconds, a first sync of a big repository hours.
    static let durationBuckets: [Duration] = [1, 5, 15, 60, 300, 900, 1800, 3600, 7200, 21600].map { .seconds($0) }

    init(stage: String, registry: MetricsRegistry) {
        let labels = [("stage", stage)]
        iterations = registry.counter("stage", "iterations", help: "Iterations the stage has started.", labels: labels)
        failures = registry.counter("stage", "iteration_failures", help: "Iterations that failed, in whole or in part (one repository of several).",
                                    labels: labels)
        lastSuccess = registry.gauge("stage", "last_success_timestamp", unit: "seconds",
                                     help: "When the last successful iteration ended, in seconds since the epoch; 0 before the first.", labels: labels)
        duration = registry.histogram("stage", "iteration_duration", help: "How long iterations took, stopped ones included.",
                                      buckets: Self.durationBuckets, labels: labels)
        lastSuccess.set(0)
    }

    func began() {
        iterations.increment()
    }

    func ended(_ result: StageStatus.Result, started: Date, at time: Date) {
        duration.recordNanoseconds(Int64(time.timeIntervalSince(started) * 1e9))
        switch result {
        case .succeeded: lastSuccess.set(time.timeIntervalSince1970)
        case .failed: failures.increment()
        case .stopped: break
        }
    }
}
