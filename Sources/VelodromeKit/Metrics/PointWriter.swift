import CoreMetrics

/// Writes batches of points to a sink in order, one batch at a time, while the caller computes
/// the next: the sink's round trips (InfluxDB's HTTP, a database's own thread or server) overlap
/// with reading the mirror instead of pausing it. At most two batches are held.
struct PointWriter {
    let sink: any PointSink
    let batchSize: Int
    /// Counts what the sink accepted, for `/metrics`.
    let written: CoreMetrics.Counter?
    private var pending: Task<Void, any Error>?

    init(sink: any PointSink, batchSize: Int, written: CoreMetrics.Counter? = nil) {
        self.sink = sink
        self.batchSize = batchSize
        self.written = written
    }

    /// Starts writing `points` once the batch before them is written; throws that batch's error.
    mutating func write(_ points: [MetricPoint]) async throws {
        try await finish()
        guard !points.isEmpty else { return }
        let sink = sink, batchSize = batchSize, written = written
        pending = Task {
            var start = 0
            while start < points.count {
                let end = min(start + batchSize, points.count)
                try await sink.write(Array(points[start..<end]))
                written?.increment(by: end - start)
                start = end
            }
        }
    }

    /// Waits until everything handed over is written.
    mutating func finish() async throws {
        guard let pending else { return }
        self.pending = nil
        try await pending.value
    }
}
