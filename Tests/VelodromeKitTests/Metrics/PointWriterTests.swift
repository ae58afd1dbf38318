import Synchronization
import Testing
@testable import VelodromeKit

/// Batches are written in order, one at a time, in the sink's batch size; a failed write is
/// reported by the next call, and nothing more is written after it.
@Suite struct PointWriterTests {
    /// Records each write as it starts and ends; the write of `failing` throws.
    final class SlowSink: PointSink {
        let log = Mutex<[String]>([])
        let failing: Int64?
        init(failing: Int64? = nil) { self.failing = failing }
        var target: String { "slow" }
        var keepsCheckpoints: Bool { true }
        func prepare() async throws {}
        func dropSeries(measurement: String, repository: String) async throws {}
        func write(_ points: [MetricPoint]) async throws {
            let times = points.map { String($0.time) }.joined(separator: ",")
            log.withLock { $0.append("start \(times)") }
            try await Task.sleep(for: .milliseconds(20))
            if let failing, points.contains(where: { $0.time == failing }) { throw StorageError("write \(failing) refused") }
            log.withLock { $0.append("end \(times)") }
        }
    }

    static func points(_ times: ClosedRange<Int64>) -> [MetricPoint] {
        times.map { MetricPoint(measurement: "m", repository: "a/b", time: $0, fields: [MetricField("count", .integer(1))]) }
    }

    @Test func batchesAreWrittenInOrderOneAtATime() async throws {
        let sink = SlowSink()
        var writer = PointWriter(sink: sink, batchSize: 2)
        try await writer.write(Self.points(1...3))
        try await writer.write([])
        try await writer.write(Self.points(4...4))
        try await writer.finish()
        #expect(sink.log.withLock { $0 } == ["start 1,2", "end 1,2", "start 3", "end 3", "start 4", "end 4"])
    }

    @Test func aFailedWriteStopsTheRest() async throws {
        let sink = SlowSink(failing: 2)
        var writer = PointWriter(sink: sink, batchSize: 1)
        try await writer.write(Self.points(1...3))
        await #expect(throws: StorageError("write 2 refused")) { try await writer.write(Self.points(4...4)) }
        try await writer.finish()
        #expect(sink.log.withLock { $0 } == ["start 1", "end 1", "start 2"])
    }
}
