import ServiceLifecycle

/// Whether the stage has been asked to stop: checked between units of work (a page, a batch),
/// so each unit is committed or rolled back whole.
package struct StopSignal: Sendable {
    private let requested: @Sendable () -> Bool

    package init(_ requested: @escaping @Sendable () -> Bool) { self.requested = requested }

    package var isRequested: Bool { requested() || Task.isCancelled }

    /// Throws `StopRequested` once a stop is requested.
    package func check() throws(StopRequested) {
        if isRequested { throw StopRequested() }
    }

    package static let never = StopSignal { false }
    /// SIGTERM or SIGINT, through swift-service-lifecycle's graceful shutdown.
    package static let gracefulShutdown = StopSignal { Task.isShuttingDownGracefully }
}

/// Thrown to unwind a stage whose stop was requested; never reported as a failure.
package struct StopRequested: Error, CustomStringConvertible {
    package init() {}
    package var description: String { "stopped on request" }
}
