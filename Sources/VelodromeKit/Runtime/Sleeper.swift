import ServiceLifecycle

/// Waits that a graceful shutdown interrupts. Injected so tests can check waits without taking them.
package protocol Sleeper: Sendable {
    /// Throws `CancellationError` when the process is asked to stop during the wait.
    func sleep(for duration: Duration) async throws
}

extension Sleeper {
    /// Waits, turning an interrupted wait into `StopRequested`, which unwinds a stage cleanly.
    package func sleepOrStop(for duration: Duration) async throws {
        do {
            try await sleep(for: duration)
        } catch {
            throw StopRequested()
        }
    }
}

package struct TaskSleeper: Sleeper {
    package init() {}

    package func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await cancelWhenGracefulShutdown {
            try await Task.sleep(for: duration)
        }
    }
}
