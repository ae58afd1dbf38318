import Foundation
import Logging
import Synchronization

/// The transform stage: each iteration computes every job's metrics up to its watermark.
/// `--rebuild` applies to the first iteration only.
public final class TransformStage: Stage {
    public let name = "transform"
    private let jobs: [TransformJob]
    private let store: any MirrorStore
    private let sink: any PointSink
    private let batchSize: Int
    private let logger: Logger
    private let pendingRebuild: Mutex<Bool>
    private let prepared = Mutex(false)

    public init(jobs: [TransformJob], store: any MirrorStore, sink: any PointSink, rebuild: Bool, batchSize: Int, logger: Logger) {
        self.jobs = jobs
        self.store = store
        self.sink = sink
        self.batchSize = batchSize
        self.logger = logger
        pendingRebuild = Mutex(rebuild)
    }

    public func runIteration(stop: StopSignal) async throws -> IterationOutcome {
        if !prepared.withLock({ $0 }) {
            try await sink.prepare()
            prepared.withLock { $0 = true }
        }
        let rebuild = pendingRebuild.withLock { $0 }
        var failed: [String] = []
        for job in jobs {
            if stop.isRequested { return .stopped }
            let started = ContinuousClock.now
            let transform = RepositoryTransform(job: job, store: store, sink: sink, rebuild: rebuild, batchSize: batchSize, stop: stop,
                                                logger: logger.with("repository", job.repository.key))
            do {
                guard let summary = try await transform.run() else { continue }
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
            } catch is StopRequested {
                return .stopped
            } catch {
                logger.error("\(job.repository.key) was not transformed: \(error)")
                failed.append(job.repository.key)
            }
        }
        pendingRebuild.withLock { $0 = false }
        if failed.isEmpty { return .completed }
        return .partialFailure("\(failed.count) of \(jobs.count) repositories were not transformed: \(failed.joined(separator: ", "))")
    }
}
