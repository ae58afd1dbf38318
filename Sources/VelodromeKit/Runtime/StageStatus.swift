import Foundation
import Synchronization

/// What a stage's iterations came to, written by the runner as they start and end: the exit
/// status of `--once`, and what health endpoints and metrics read while the stage loops.
package final class StageStatus: Sendable {
    package enum Result: Sendable, Equatable {
        case succeeded
        /// A stop was requested and the iteration ended at a clean boundary.
        case stopped
        /// The iteration could not run, or some of its units failed; the reason says which.
        case failed(String)
    }

    package struct Iteration: Sendable, Equatable {
        package var started: Date
        package var ended: Date?
        /// Nil while the iteration runs.
        package var result: Result?
    }

    package struct Snapshot: Sendable, Equatable {
        /// Iterations started so far.
        package var iterations = 0
        /// The running iteration, or the last one.
        package var current: Iteration?
        package var lastSuccess: Date?
        package var lastFailure: Failure?
        package var consecutiveFailures = 0
    }

    package struct Failure: Sendable, Equatable {
        package var time: Date
        package var reason: String
    }

    private let state = Mutex(Snapshot())
    private let now: @Sendable () -> Date
    private let metrics: StageMetrics?

    package init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
        metrics = nil
    }

    /// A status that also reports to `/metrics`, labelled with the stage's name.
    package init(stage: String, metrics registry: MetricsRegistry, now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
        metrics = StageMetrics(stage: stage, registry: registry)
    }

    package var snapshot: Snapshot { state.withLock { $0 } }

    func begin() {
        let time = now()
        state.withLock {
            $0.iterations += 1
            $0.current = Iteration(started: time)
        }
        metrics?.began()
    }

    func end(_ result: Result) {
        let time = now()
        let started = state.withLock {
            $0.current?.ended = time
            $0.current?.result = result
            switch result {
            case .succeeded, .stopped:
                $0.consecutiveFailures = 0
                if result == .succeeded { $0.lastSuccess = time }
            case .failed(let reason):
                $0.consecutiveFailures += 1
                $0.lastFailure = Failure(time: time, reason: reason)
            }
            return $0.current?.started ?? time
        }
        metrics?.ended(result, started: started, at: time)
    }

    /// The exit status of a stage run once (`--once`): its iteration's result.
    var exitStatus: ExitStatus {
        switch snapshot.current?.result {
        case .succeeded?, .stopped?: .success
        case .failed?, nil: .failure
        }
    }
}
