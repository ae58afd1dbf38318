/// Where transform writes points.
package protocol PointSink: Sendable {
    /// Names the output in checkpoints: points written to one output are not in another.
    var target: String { get }
    /// False for outputs that keep nothing (stdout): every run writes the whole history again.
    var keepsCheckpoints: Bool { get }
    /// Checks that the output answers, and readies it (creates the InfluxDB database when asked
    /// to), so an unreachable output fails before any work, naming its address.
    func prepare() async throws
    func write(_ points: [MetricPoint]) async throws
    /// Removes one metric's series of one repository, before it is computed again.
    func dropSeries(measurement: String, repository: String) async throws
}

/// Writing points failed; the checkpoint stays where it was, so the points are sent again.
package struct SinkError: Error, Equatable, CustomStringConvertible {
    package let message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}
