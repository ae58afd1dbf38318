import Foundation
import Logging
import Synchronization

/// The transform stage: each iteration computes every job's metrics up to its watermark.
/// `--rebuild` applies to the first iteration only.
package final class TransformStage: Stage {
    package let name = "transform"
    private let jobs: [TransformJob]
    private let store: any MirrorStore
    private let sink: any PointSink
    private let batchSize: Int
    private let logger: Logger
    private let reporting: TransformStageMetrics
    private let pendingRebuild: Mutex<Bool>
    private let prepared = Mutex(false)

    package init(jobs: [TransformJob], store: any MirrorStore, sink: any PointSink, rebuild: Bool, batchSize: Int,
                metrics: MetricsRegistry = MetricsRegistry(), logger: Logger) {
        reporting = TransformStageMetrics(registry: metrics, sink: sink)
        self.jobs = jobs
        self.store = store
        self.sink = sink
        self.batchSize = batchSize
        self.logger = logger
        pendingRebuild = Mutex(rebuild)
    }

    package func runIteration(stop: StopSignal) async throws -> IterationOutcome {
        if !prepared.withLock({ $0 }) {
            try await sink.prepare()
            prepared.withLock { $0 = true }
        }
        let rebuild = pendingRebuild.withLock { $0 }
        let loop = UnitLoop(noun: "repositories", failedOne: "was not transformed", failedMany: "were not transformed", logger: logger)
        let outcome = try await loop.run(jobs, key: \.repository.key, stop: stop) { job in
            let started = ContinuousClock.now
            let transform = RepositoryTransform(job: job, store: store, sink: sink, rebuild: rebuild, batchSize: batchSize, stop: stop,
                                                reporting: reporting, logger: logger.with("repository", job.repository.key))
            guard let summary = try await transform.run() else { return }
            reporting.reached(summary.watermark, repository: job.repository.key, now: Date())
            let seconds = (ContinuousClock.now - started).inSeconds
            var metadata: Logger.Metadata = [
                "repository": "\(job.repository.key)",
                "metrics": .stringConvertible(job.metrics.count),
                "items": .stringConvertible(summary.items),
                "points": .stringConvertible(summary.points),
                "seconds": "\(String(format: "%.2f", seconds))",
            ]
            if !summary.rebuilt.isEmpty { metadata["rebuilt"] = "\(summary.rebuilt.joined(separator: ","))" }
            logger.info(summary.upToDate ? "\(job.repository.key) is up to date" : "transformed \(job.repository.key)", metadata: metadata)
        }
        // A stopped iteration rebuilds again next time: part of the rebuild may not have run.
        if outcome != .stopped { pendingRebuild.withLock { $0 = false } }
        return outcome
    }
}
