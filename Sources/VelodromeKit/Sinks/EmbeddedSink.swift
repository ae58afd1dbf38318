/// The embedded default: points in the `metric_points` table of the mirror's own database.
public struct EmbeddedSink: PointSink {
    let store: any MetricPointStore

    public init(store: any MetricPointStore) { self.store = store }

    public var target: String { "embedded" }
    public var keepsCheckpoints: Bool { true }
    public func prepare() async throws {}
    public func write(_ points: [MetricPoint]) async throws { try await store.writePoints(points) }
    public func dropSeries(measurement: String, repository: String) async throws {
        try await store.deletePoints(measurement: measurement, repository: repository)
    }
}
