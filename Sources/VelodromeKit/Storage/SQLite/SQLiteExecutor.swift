import Dispatch
import Synchronization

/// Runs blocking SQLite calls on a thread of their own, never on Swift's cooperative pool: a
/// busy database (SQLite waits up to 10 s for a lock) then stalls this thread only, while the
/// pool goes on serving the stage's other tasks (HTTP, signals), as sqlite-nio's thread pool does.
/// The connection, or a cursor's statements, live in a `Mutex`, reached only through `run`.
final class SQLiteExecutor<Resource>: Sendable {
    private let queue: DispatchQueue
    private let resource: Mutex<Resource>

    init(_ resource: sending Resource, label: String) {
        queue = DispatchQueue(label: "velodrome.sqlite.\(label)")
        self.resource = Mutex(resource)
    }

    /// Runs `body` with the resource on the executor's thread, suspending the caller meanwhile.
    func run<T: Sendable>(_ body: @escaping @Sendable (inout Resource) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.resource.withLock { try body(&$0) } })
            }
        }
    }

}
