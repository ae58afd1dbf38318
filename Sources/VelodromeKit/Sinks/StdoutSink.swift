import Foundation

/// `--output -`: line protocol on standard output. It keeps no checkpoints, so each run writes a
/// metric's whole history up to the watermark: an export, not a store.
public struct StdoutSink: PointSink {
    public init() {}

    public var target: String { "stdout" }
    public var keepsCheckpoints: Bool { false }
    public func prepare() async throws {}
    public func write(_ points: [MetricPoint]) async throws {
        FileHandle.standardOutput.write(Data(LineProtocol.lines(points).utf8))
    }
    public func dropSeries(measurement: String, repository: String) async throws {}
}
