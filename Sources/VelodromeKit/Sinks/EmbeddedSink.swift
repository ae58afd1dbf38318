/// The embedded default: points in the `metric_points` table of the mirror's own database.
package struct EmbeddedSink: PointSink {
    let store: any MetricPointStore

    package init(store: any MetricPointStore) { self.store = store }

    package var target: String { "embedded" }
    package var keepsCheckpoints: Bool { true }
    package func prepare() async throws {}
    package func write(_ points: [MetricPoint]) async throws { try await store.writePoints(points) }
    package func dropSeries(measurement: String, repository: String) async throws {
        try await store.deletePoints(measurement: measurement, repository: repository)
    }
}
