/// One time-series point: measurement = metric name, tag `repository`, integer fields (and the
/// `author` string field), time in nanoseconds since the epoch.
public struct MetricPoint: Sendable, Equatable {
    public var measurement: String
    public var repository: String
    public var time: Int64
    public var fields: [MetricField]

    public init(measurement: String, repository: String, time: Int64, fields: [MetricField]) {
        self.measurement = measurement
        self.repository = repository
        self.time = time
        self.fields = fields
    }
}

public struct MetricField: Sendable, Equatable {
    public var name: String
    public var value: MetricValue

    public init(_ name: String, _ value: MetricValue) {
        self.name = name
        self.value = value
    }
}

public enum MetricValue: Sendable, Equatable {
    case integer(Int64)
    case string(String)
}
