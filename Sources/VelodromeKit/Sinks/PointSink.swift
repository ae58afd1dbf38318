/// Where transform writes points.
public protocol PointSink: Sendable {
    /// Names the output in checkpoints: points written to one output are not in another.
    var target: String { get }
    /// False for outputs that keep nothing (stdout): every run writes the whole history again.
    var keepsCheckpoints: Bool { get }
    /// Readies the output (e.g. creates the InfluxDB database when asked to).
    func prepare() async throws
    func write(_ points: [MetricPoint]) async throws
    /// Removes one metric's series of one repository, before it is computed again.
    func dropSeries(measurement: String, repository: String) async throws
}

/// Writing points failed; the checkpoint stays where it was, so the points are sent again.
public struct SinkError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
