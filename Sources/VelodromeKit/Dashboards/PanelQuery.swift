/// One series a panel draws, in a form both outputs read: Grafana gets it as InfluxQL, the HTML
/// report computes it from the embedded store.
package struct PanelQuery: Sendable, Equatable {
    package enum Aggregate: Sendable, Equatable {
        /// The sum of an integer field per interval (counters).
        case sum(String)
        /// The last value of a field per interval, carried forward (state counts and ages).
        case last(String)
        /// The p-th percentile of a field's values per interval (latencies).
        case percentile(String, Int)
        /// How many distinct `author`s have a point with `field` = 1 per interval.
        case distinctAuthors(field: String)
        /// The largest value of a field per interval (a token's use per window).
        case max(String)
    }

    package enum Interval: String, Sendable, Equatable {
        case hour = "1h", day = "1d", week = "1w"
    }

    package var measurement: String
    package var aggregate: Aggregate
    package var interval: Interval
    /// Points per moving average of the aggregate, or nil.
    package var movingAverage: Int?
    /// The tags each series is split by: `repository`, or `login` and `resource`.
    package var groupBy: [String]
    /// The legend: Grafana's alias, with `$tag_NAME` for a tag's value.
    package var legend: String

    package init(measurement: String, aggregate: Aggregate, interval: Interval, movingAverage: Int? = nil,
                 groupBy: [String] = ["repository"], legend: String) {
        self.measurement = measurement
        self.aggregate = aggregate
        self.interval = interval
        self.movingAverage = movingAverage
        self.groupBy = groupBy
        self.legend = legend
    }

    /// Carried forward for states (a state holds until the next change); zero for counters.
    package var fill: String {
        switch aggregate {
        case .last: "previous"
        case .percentile, .max: "none"
        case .sum, .distinctAuthors: "0"
        }
    }

    /// The InfluxQL for Grafana: its time filter, the `repository` template variable when the
    /// series are per repository, every identifier quoted.
    package var influxQL: String {
        var selection: String
        var conditions = ["$timeFilter"]
        switch aggregate {
        case .sum(let field): selection = "sum(\(InfluxQL.identifier(field)))"
        case .last(let field): selection = "last(\(InfluxQL.identifier(field)))"
        case .max(let field): selection = "max(\(InfluxQL.identifier(field)))"
        case .percentile(let field, let p): selection = "percentile(\(InfluxQL.identifier(field)), \(p))"
        case .distinctAuthors(let field):
            selection = "count(distinct(\(InfluxQL.identifier("author"))))"
            conditions.append("\(InfluxQL.identifier(field)) = 1")
        }
        if let movingAverage { selection = "moving_average(\(selection), \(movingAverage))" }
        if groupBy.contains("repository") { conditions.append("\(InfluxQL.identifier("repository")) =~ /^$repository$/") }
        let groups = ["time(\(interval.rawValue))"] + groupBy.map(InfluxQL.identifier)
        return "SELECT \(selection) FROM \(InfluxQL.identifier(measurement)) WHERE \(conditions.joined(separator: " AND ")) "
            + "GROUP BY \(groups.joined(separator: ", ")) fill(\(fill))"
    }
}
