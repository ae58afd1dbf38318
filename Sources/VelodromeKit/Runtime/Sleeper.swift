import ServiceLifecycle

/// Waits that a graceful shutdown interrupts. Injected so tests can check waits without taking them.
public protocol Sleeper: Sendable {
    /// Throws `CancellationError` when the process is asked to stop during the wait.
    func sleep(for duration: Duration) async throws
}

public struct TaskSleeper: Sleeper {
    public init() {}

    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await cancelWhenGracefulShutdown {
            try await Task.sleep(for: duration)
        }
    }
}

/// Whether the stage has been asked to stop: checked between units of work (a page, a batch),
/// so each unit is committed or rolled back whole.
public struct StopSignal: Sendable {
    private let check: @Sendable () -> Bool

    public init(_ check: @escaping @Sendable () -> Bool) { self.check = check }

    public var isRequested: Bool { check() || Task.isCancelled }

    public static let never = StopSignal { false }
    /// SIGTERM or SIGINT, through swift-service-lifecycle's graceful shutdown.
    public static let gracefulShutdown = StopSignal { Task.isShuttingDownGracefully }
}

/// Thrown to unwind a stage whose stop was requested; never reported as a failure.
public struct StopRequested: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "stopped on request" }
}
