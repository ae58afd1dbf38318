import Synchronization

/// The one fake clock of the test suites (Unix seconds): the fake GitHub's `Date` headers and
/// rate-limit resets follow it, and test sleepers move it on by what they would have waited.
public final class FakeClock: Sendable {
    private let value: Mutex<Int64>

    public init(_ start: Int64 = 1_658_205_556) {  // 2022-07-19T04:39:16Z, a time in the fixtures
        value = Mutex(start)
    }

    public var now: Int64 { value.withLock { $0 } }

    public func advance(_ seconds: Int64) {
        value.withLock { $0 += seconds }
    }

    /// For `FakeGitHub(clock:)`.
    public var closure: @Sendable () -> Int64 { { [self] in now } }
}
