import Foundation
import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import Synchronization
import TestSupport
import Testing
@testable import VelodromeKit

/// A stage that plays back scripted outcomes, one per iteration.
final class ScriptedStage: Stage {
    enum Step: Sendable { case complete, partial, fail, waitForStop }
    let name = "scripted"
    private let steps: Mutex<[Step]>
    let iterations = Mutex(0)

    init(_ steps: [Step]) { self.steps = Mutex(steps) }

    func runIteration(stop: StopSignal) async throws -> IterationOutcome {
        iterations.withLock { $0 += 1 }
        let step = steps.withLock { $0.isEmpty ? .complete : $0.removeFirst() }
        switch step {
        case .complete: return .completed
        case .partial: return .partialFailure("one of two repositories failed")
        case .fail: throw ScriptedFailure()
        case .waitForStop:
            while !stop.isRequested { try await Task.sleep(for: .milliseconds(5)) }
            return .stopped
        }
    }
}

struct ScriptedFailure: Error {}

@Suite struct StageRunnerTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A wall clock that moves one second per reading, so each recorded time is exact.
    static func ticking() -> @Sendable () -> Date {
        let seconds = Mutex(0.0)
        return { Date(timeIntervalSince1970: seconds.withLock { $0 += 1; return $0 }) }
    }

    @Test func onceReportsTheRecordedOutcomeAsExitStatus() async {
        let schedule = LoopSchedule(once: true, interval: .seconds(60))
        for (step, result, exit) in [
            (ScriptedStage.Step.complete, StageStatus.Result.succeeded, ExitStatus.success),
            (.partial, .failed("one of two repositories failed"), .failure),
            (.fail, .failed("ScriptedFailure()"), .failure),
        ] {
            let status = StageStatus(now: Self.ticking())
            #expect(await StageRunner.run(ScriptedStage([step]), schedule: schedule, logger: logger, status: status) == exit)
            let snapshot = status.snapshot
            #expect(snapshot.iterations == 1)
            #expect(snapshot.current == StageStatus.Iteration(started: Date(timeIntervalSince1970: 1), ended: Date(timeIntervalSince1970: 2), result: result))
            #expect(snapshot.lastSuccess == (result == .succeeded ? Date(timeIntervalSince1970: 2) : nil))
        }
    }

    @Test func loopSurvivesFailuresAndBacksOff() async {
        let stage = ScriptedStage([.fail, .partial, .complete, .complete])
        let sleeper = InstantSleeper(stopAfter: 4)
        let status = StageStatus(now: Self.ticking())
        let schedule = LoopSchedule(once: false, interval: .seconds(1800), retry: .seconds(30))
        let exit = await StageRunner.run(stage, schedule: schedule, logger: logger, status: status, sleeper: sleeper, jitter: .fixed(0.5))
        #expect(exit == .success)
        #expect(stage.iterations.withLock { $0 } == 4)
        // Backoff after the first and second failures (half of the 20% jitter), then the interval.
        #expect(sleeper.recorded == [.seconds(27), .seconds(54), .seconds(1800), .seconds(1800)])
        let snapshot = status.snapshot
        #expect(snapshot.iterations == 4)
        #expect(snapshot.current?.result == .succeeded)
        #expect(snapshot.consecutiveFailures == 0)
        #expect(snapshot.lastSuccess == Date(timeIntervalSince1970: 8))
        #expect(snapshot.lastFailure == StageStatus.Failure(time: Date(timeIntervalSince1970: 4), reason: "one of two repositories failed"))
    }

    @Test func failuresInARowAreCounted() async {
        let stage = ScriptedStage([.fail, .partial, .fail])
        let status = StageStatus(now: Self.ticking())
        let schedule = LoopSchedule(once: false, interval: .seconds(1800), retry: .seconds(30))
        _ = await StageRunner.run(stage, schedule: schedule, logger: logger, status: status, sleeper: InstantSleeper(stopAfter: 3), jitter: .fixed(0))
        #expect(status.snapshot.consecutiveFailures == 3)
        #expect(status.snapshot.lastSuccess == nil)
        #expect(status.snapshot.lastFailure?.reason == "ScriptedFailure()")
    }

    @Test func backoffIsCappedAtTheInterval() {
        let schedule = LoopSchedule(once: false, interval: .seconds(600), retry: .seconds(30))
        #expect(schedule.delay(afterFailures: 0, random: 0.7) == .seconds(600))
        #expect(schedule.delay(afterFailures: 1, random: 0) == .seconds(30))
        #expect(schedule.delay(afterFailures: 3, random: 0) == .seconds(120))
        #expect(schedule.delay(afterFailures: 10, random: 0) == .seconds(600))
        #expect(schedule.delay(afterFailures: 10, random: 1) == .seconds(480))
        #expect(LoopSchedule.perHour(2, once: false).interval == .seconds(1800))
        #expect(LoopSchedule.perHour(4, once: true) == LoopSchedule(once: true, interval: .seconds(900)))
    }

    @Test func gracefulShutdownEndsTheIterationAtABoundary() async throws {
        let stage = ScriptedStage([.waitForStop])
        let status = StageStatus(now: Self.ticking())
        let service = StageService(stage: stage, schedule: LoopSchedule(once: false, interval: .seconds(60)), logger: logger,
                                   status: status, sleeper: TaskSleeper(), jitter: .fixed(0))
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                while stage.iterations.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(5)) }
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        #expect(stage.iterations.withLock { $0 } == 1)
        #expect(status.snapshot.current?.result == .stopped)
        #expect(status.exitStatus == .success)
    }

    @Test func servicesLiveAsLongAsTheStage() async {
        let companion = RecordingService()
        let status = StageStatus(now: Self.ticking())
        let exit = await StageRunner.run(ScriptedStage([.complete]), schedule: LoopSchedule(once: true, interval: .seconds(60)), logger: logger,
                                         services: [companion], status: status)
        #expect(exit == .success)
        #expect(companion.events.withLock { $0 } == ["started", "cancelled"])
    }

    @Test func aFailingServiceEndsTheStage() async {
        let stage = ScriptedStage([.waitForStop])
        let exit = await StageRunner.run(stage, schedule: LoopSchedule(once: false, interval: .seconds(60)), logger: logger,
                                         services: [FailingService()])
        #expect(exit == .failure)
    }
}

/// Runs until cancelled, recording that it did.
final class RecordingService: Service {
    let events = Mutex<[String]>([])

    func run() async throws {
        events.withLock { $0.append("started") }
        do {
            try await Task.sleep(for: .seconds(3600))
        } catch {
            events.withLock { $0.append("cancelled") }
            throw error
        }
    }
}

/// Fails at once, as an HTTP server whose port is taken would.
struct FailingService: Service {
    struct PortTaken: Error {}
    func run() async throws { throw PortTaken() }
}
