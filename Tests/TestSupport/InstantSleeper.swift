import FakeGitHub
import Synchronization
import VelodromeKit

/// Takes no time: records each wait, so tests can check what would have been waited, and moves
/// the fake clock on by it, as a real wait would. With `stopAfter`, the wait of that number
/// ends in a stop request, as SIGTERM during the wait would.
package final class InstantSleeper: Sleeper {
    private let waits = Mutex<[Duration]>([])
    private let clock: FakeClock?
    private let stopAfter: Int?

    package init(clock: FakeClock? = nil, stopAfter: Int? = nil) {
        self.clock = clock
        self.stopAfter = stopAfter
    }

    package func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        let count = waits.withLock { $0.append(duration); return $0.count }
        clock?.advance(duration.components.seconds)
        if let stopAfter, count >= stopAfter { throw CancellationError() }
    }

    package var recorded: [Duration] { waits.withLock { $0 } }
}
