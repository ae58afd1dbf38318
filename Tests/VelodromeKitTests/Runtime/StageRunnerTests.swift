import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import Synchronization
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

/// Records requested waits instead of waiting, and asks the loop to stop after a number of them.
final class RecordingSleeper: Sleeper {
    let waits = Mutex<[Duration]>([])
    let stopAfter: Int

    init(stopAfter: Int) { self.stopAfter = stopAfter }

    func sleep(for duration: Duration) async throws {
        let count = waits.withLock { $0.append(duration); return $0.count }
        if count >= stopAfter { throw CancellationError() }
    }
}

@Suite struct StageRunnerTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test func onceReportsTheOutcomeAsExitStatus() async {
        let schedule = LoopSchedule(once: true, interval: .seconds(60))
        #expect(await StageRunner.run(ScriptedStage([.complete]), schedule: schedule, logger: logger) == .success)
        #expect(await StageRunner.run(ScriptedStage([.partial]), schedule: schedule, logger: logger) == .failure)
        #expect(await StageRunner.run(ScriptedStage([.fail]), schedule: schedule, logger: logger) == .failure)
    }

    @Test func loopSurvivesFailuresAndBacksOff() async {
        let stage = ScriptedStage([.fail, .partial, .complete, .complete])
        let sleeper = RecordingSleeper(stopAfter: 4)
        let schedule = LoopSchedule(once: false, interval: .seconds(1800), retry: .seconds(30))
        let status = await StageRunner.run(stage, schedule: schedule, logger: logger, sleeper: sleeper)
        #expect(status == .success)
        #expect(stage.iterations.withLock { $0 } == 4)
        let waits = sleeper.waits.withLock { $0 }
        #expect(waits.count == 4)
        // Backoff after the first and second failures (20% jitter), then the regular interval.
        #expect(waits[0] > .seconds(23.9) && waits[0] <= .seconds(30))
        #expect(waits[1] > .seconds(47.9) && waits[1] <= .seconds(60))
        #expect(waits[2] == .seconds(1800))
        #expect(waits[3] == .seconds(1800))
    }

    @Test func backoffIsCappedAtTheInterval() {
        let schedule = LoopSchedule(once: false, interval: .seconds(600), retry: .seconds(30))
        #expect(schedule.delay(afterFailures: 0) == .seconds(600))
        #expect(schedule.delay(afterFailures: 1, random: 0) == .seconds(30))
        #expect(schedule.delay(afterFailures: 3, random: 0) == .seconds(120))
        #expect(schedule.delay(afterFailures: 10, random: 0) == .seconds(600))
        #expect(schedule.delay(afterFailures: 10, random: 1) == .seconds(480))
        #expect(LoopSchedule.perHour(2, once: false).interval == .seconds(1800))
        #expect(LoopSchedule.perHour(4, once: true) == LoopSchedule(once: true, interval: .seconds(900)))
    }

    @Test func gracefulShutdownEndsTheIterationAtABoundary() async throws {
        let stage = ScriptedStage([.waitForStop])
        let service = StageService(stage: stage, schedule: LoopSchedule(once: false, interval: .seconds(60)), logger: logger, sleeper: TaskSleeper())
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                while stage.iterations.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(5)) }
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        #expect(stage.iterations.withLock { $0 } == 1)
        #expect(service.status.withLock { $0 } == .success)
    }
}
