import Foundation

/// `--output -`: line protocol on standard output. It keeps no checkpoints, so each run writes a
/// metric's whole history up to the watermark: an export, not a store.
package struct StdoutSink: PointSink {
    package init() {}

    package var target: String { "stdout" }
    package var keepsCheckpoints: Bool { false }
    package func prepare() async throws {}
    package func write(_ points: [MetricPoint]) async throws {
        FileHandle.standardOutput.write(Data(LineProtocol.lines(points).utf8))
    }
    package func dropSeries(measurement: String, repository: String) async throws {}
}
