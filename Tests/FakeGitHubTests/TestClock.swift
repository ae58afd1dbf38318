import Synchronization

/// A fake clock tests move by hand (Unix seconds).
final class TestClock: Sendable {
    private let value: Mutex<Int64>

    init(_ start: Int64 = 1_658_205_556) {  // 2022-07-19T04:39:16Z, a time in the fixtures
        value = Mutex(start)
    }

    var now: Int64 { value.withLock { $0 } }

    func advance(_ seconds: Int64) {
        value.withLock { $0 += seconds }
    }

    var closure: @Sendable () -> Int64 { { [self] in now } }
}
