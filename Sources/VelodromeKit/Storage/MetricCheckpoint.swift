/// Where a metric's points stand in one output: everything before `through` was written there,
/// with the metric's state at that time.
package struct MetricCheckpoint: Sendable, Equatable {
    package var through: Timestamp
    /// The metric's arguments when it was computed: different arguments mean a rebuild.
    package var definition: String
    package var state: [UInt8]

    package init(through: Timestamp, definition: String, state: [UInt8]) {
        self.through = through
        self.definition = definition
        self.state = state
    }
}
