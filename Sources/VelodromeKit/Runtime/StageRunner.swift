import Logging
import ServiceLifecycle

/// One stage of Velodrome (fetch, transform, count-tokens): a unit of work run once or in a loop.
package protocol Stage: Sendable {
    var name: String { get }
    /// Runs one iteration. Returns `.partialFailure` when some units failed but the stage carried
    /// on (one repository of several); throws when the iteration could not run at all.
    func runIteration(stop: StopSignal) async throws -> IterationOutcome
}

package enum IterationOutcome: Sendable, Equatable {
    case completed
    /// Some units failed; the message says which.
    case partialFailure(String)
    /// A stop was requested and the iteration ended at a clean boundary.
    case stopped
}

/// Runs a stage under swift-service-lifecycle, in one `ServiceGroup` with the services that live
/// as long as it (a database client, an HTTP server for metrics): SIGTERM and SIGINT end the
/// stage at a clean boundary with exit status 0, then the services; a failed iteration is logged
/// and retried with backoff, never fatal in a loop; a service that fails ends the stage.
package enum StageRunner {
    package static func run(
        _ stage: some Stage, schedule: LoopSchedule, logger: Logger, services: [any Service] = [],
        status: StageStatus = StageStatus(), sleeper: some Sleeper = TaskSleeper(), jitter: Jitter = .random
    ) async -> ExitStatus {
        let service = StageService(stage: stage, schedule: schedule, logger: logger, status: status, sleeper: sleeper, jitter: jitter)
        // The group stops services in the reverse of this order: the stage first, then what it uses.
        let members = services.map { CompanionService($0) as any Service } + [service]
        let group = ServiceGroup(configuration: .init(
            services: members.map { .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: Logger(label: "velodrome.lifecycle", factory: { _ in SwiftLogNoOpLogHandler() })
        ))
        do {
            try await group.run()
        } catch {
            logger.error("\(stage.name) stopped: \(error)")
            return .failure
        }
        // A loop ends only on a signal, which is success; once, the iteration's result decides.
        return schedule.once ? status.exitStatus : .success
    }
}

/// A service that lives as long as the stage: cancelled once the stage has ended, and not
/// counted as failed for that.
struct CompanionService: Service {
    let inner: any Service

    init(_ inner: any Service) { self.inner = inner }

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await inner.run() }
        } catch is CancellationError where Task.isShuttingDownGracefully || Task.isCancelled {
            return
        }
    }
}

final class StageService<S: Stage, Z: Sleeper>: Service {
    let stage: S
    let schedule: LoopSchedule
    let logger: Logger
    let status: StageStatus
    let sleeper: Z
    let jitter: Jitter

    init(stage: S, schedule: LoopSchedule, logger: Logger, status: StageStatus, sleeper: Z, jitter: Jitter) {
        self.stage = stage
        self.schedule = schedule
        self.logger = logger
        self.status = status
        self.sleeper = sleeper
        self.jitter = jitter
    }

    func run() async throws {
        while true {
            status.begin()
            status.end(await iterate())
            if schedule.once { return }
            if Task.isShuttingDownGracefully {
                // An iteration cut short has said so already.
                if status.snapshot.current?.result != .stopped { stoppedBetweenIterations() }
                return
            }
            let delay = schedule.delay(afterFailures: status.snapshot.consecutiveFailures, random: jitter.next())
            logger.debug("next \(stage.name) iteration in \(DurationText.format(delay))")
            do {
                try await sleeper.sleep(for: delay)
            } catch {
                return stoppedBetweenIterations()
            }
        }
    }

    private func iterate() async -> StageStatus.Result {
        do {
            switch try await stage.runIteration(stop: .gracefulShutdown) {
            case .completed:
                return .succeeded
            case .stopped:
                return stopped()
            case .partialFailure(let message):
                logger.error("\(stage.name) iteration failed in part: \(message)")
                return .failed(message)
            }
        } catch is StopRequested {
            return stopped()
        } catch is CancellationError where Task.isShuttingDownGracefully {
            return stopped()
        } catch {
            logger.error("\(stage.name) iteration failed: \(error)")
            return .failed("\(error)")
        }
    }

    private func stoppedBetweenIterations() {
        logger.info("\(stage.name) stopped on request between iterations")
    }

    private func stopped() -> StageStatus.Result {
        logger.info("\(stage.name) stopped on request at a clean boundary")
        return .stopped
    }
}
