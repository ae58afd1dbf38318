import Logging
import ServiceLifecycle
import Synchronization

/// One stage of Velodrome (fetch, transform, count-tokens): a unit of work run once or in a loop.
public protocol Stage: Sendable {
    var name: String { get }
    /// Runs one iteration. Returns normally when some work failed but the stage carried on
    /// (e.g. one repository of several); throws when the iteration could not run at all.
    func runIteration(stop: StopSignal) async throws -> IterationOutcome
}

public enum IterationOutcome: Sendable, Equatable {
    case completed
    /// Some units failed; the message says which.
    case partialFailure(String)
    /// A stop was requested and the iteration ended at a clean boundary.
    case stopped
}

/// Runs a stage under swift-service-lifecycle: SIGTERM and SIGINT end it at a clean boundary
/// with exit status 0; a failed iteration is logged and retried with backoff, never fatal in a loop.
public enum StageRunner {
    public static func run(_ stage: some Stage, schedule: LoopSchedule, logger: Logger, sleeper: some Sleeper = TaskSleeper()) async -> ExitStatus {
        let service = StageService(stage: stage, schedule: schedule, logger: logger, sleeper: sleeper)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: Logger(label: "velodrome.lifecycle", factory: { _ in SwiftLogNoOpLogHandler() })
        ))
        do {
            try await group.run()
        } catch {
            logger.error("\(stage.name) stopped unexpectedly: \(error)")
            return .failure
        }
        return service.status.withLock { $0 }
    }
}

final class StageService<S: Stage, Z: Sleeper>: Service {
    let stage: S
    let schedule: LoopSchedule
    let logger: Logger
    let sleeper: Z
    let status = Mutex(ExitStatus.success)

    init(stage: S, schedule: LoopSchedule, logger: Logger, sleeper: Z) {
        self.stage = stage
        self.schedule = schedule
        self.logger = logger
        self.sleeper = sleeper
    }

    func run() async throws {
        var consecutiveFailures = 0
        while true {
            let succeeded = await iterate()
            consecutiveFailures = succeeded ? 0 : consecutiveFailures + 1
            if schedule.once {
                status.withLock { $0 = succeeded ? .success : .failure }
                return
            }
            if Task.isShuttingDownGracefully { return }
            let delay = schedule.delay(afterFailures: consecutiveFailures)
            logger.debug("next \(stage.name) iteration in \(DurationText.format(delay))")
            do {
                try await sleeper.sleep(for: delay)
            } catch {
                return
            }
        }
    }

    /// Runs one iteration; true when everything in it succeeded (or it stopped cleanly on request).
    private func iterate() async -> Bool {
        do {
            switch try await stage.runIteration(stop: .gracefulShutdown) {
            case .completed:
                return true
            case .stopped:
                logger.info("\(stage.name) stopped on request at a clean boundary")
                return true
            case .partialFailure(let message):
                logger.error("\(stage.name) iteration failed in part: \(message)")
                return false
            }
        } catch is StopRequested {
            logger.info("\(stage.name) stopped on request at a clean boundary")
            return true
        } catch is CancellationError where Task.isShuttingDownGracefully {
            logger.info("\(stage.name) stopped on request at a clean boundary")
            return true
        } catch {
            logger.error("\(stage.name) iteration failed: \(error)")
            return false
        }
    }
}
