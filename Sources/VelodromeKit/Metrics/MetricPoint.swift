/// One time-series point: measurement = metric name, its tags (`repository` for a repository's
/// metrics; `login` and `resource` for token counts), integer fields (and the `author` string
/// field), time in nanoseconds since the epoch.
package struct MetricPoint: Sendable, Equatable {
    package var measurement: String
    /// In the order they are written; line protocol sorts nothing, so callers give them sorted.
    package var tags: [MetricTag]
    package var time: Int64
    package var fields: [MetricField]

    package init(measurement: String, repository: String, time: Int64, fields: [MetricField]) {
        self.init(measurement: measurement, tags: [MetricTag("repository", repository)], time: time, fields: fields)
    }

    package init(measurement: String, tags: [MetricTag], time: Int64, fields: [MetricField]) {
        self.measurement = measurement
        self.tags = tags
        self.time = time
        self.fields = fields
    }

    /// The `repository` tag; empty for a series of no repository.
    package var repository: String { tags.first { $0.name == "repository" }?.value ?? "" }

    /// The point of a series as `series` spells it: the repository, or `name=value,...`
    /// (repository names hold no `=`).
    package init(measurement: String, series: String, time: Int64, fields: [MetricField]) {
        guard series.contains("=") else {
            self.init(measurement: measurement, repository: series, time: time, fields: fields)
            return
        }
        let tags = series.split(separator: ",").map { pair in
            let name = pair.prefix { $0 != "=" }
            return MetricTag(String(name), String(pair.dropFirst(name.count + 1)))
        }
        self.init(measurement: measurement, tags: tags, time: time, fields: fields)
    }

    /// The series within its measurement, as the embedded store keys it: the repository, or
    /// `name=value,...` for series of other tags.
    package var series: String {
        if tags.count == 1, tags[0].name == "repository" { return tags[0].value }
        return tags.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
    }
}

package struct MetricTag: Sendable, Equatable {
    package var name: String
    package var value: String

    package init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
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
