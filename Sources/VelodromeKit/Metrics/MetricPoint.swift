/// One time-series point: measurement = metric name, tag `repository`, integer fields (and the
/// `author` string field), time in nanoseconds since the epoch.
package struct MetricPoint: Sendable, Equatable {
    package var measurement: String
    package var repository: String
    package var time: Int64
    package var fields: [MetricField]

    package init(measurement: String, repository: String, time: Int64, fields: [MetricField]) {
        self.measurement = measurement
        self.repository = repository
        self.time = time
        self.fields = fields
    }
}

package struct MetricField: Sendable, Equatable {
    package var name: String
    package var value: MetricValue

    package init(_ name: String, _ value: MetricValue) {
        self.name = name
        self.value = value
    }
}

package enum MetricValue: Sendable, Equatable {
    case integer(Int64)
    case string(String)
}
