/// A panel's series computed from the embedded store's points, as InfluxDB computes the panel's
/// InfluxQL for Grafana: the same buckets (days, and weeks from the epoch, as InfluxDB aligns
/// them), the same aggregates and fills, so the report draws what Grafana would. One difference,
/// on purpose: a state is carried into the range from its last change before it, where
/// InfluxDB's `fill(previous)` starts empty.
package struct ReportSeries: Sendable {
    /// The series' tag values, as the legend names it: the repository, or "login resource".
    package var label: String
    /// Bucket start (seconds since the epoch) and value, in time order.
    package var values: [(time: Int64, value: Double)]
}

extension PanelQuery.Interval {
    var seconds: Int64 {
        switch self {
        case .hour: 3600
        case .day: 86_400
        case .week: 604_800
        }
    }
}

extension PanelQuery {

    /// The query's series over `points` (every series of its measurement), from bucket `from` to
    /// bucket `until` (seconds), one per group of tag values, sorted by label.
    package func series(_ points: [MetricPoint], from: Int64, until: Int64) -> [ReportSeries] {
        var groups: [String: [MetricPoint]] = [:]
        for point in points where point.measurement == measurement {
            let label = groupBy.map { name in point.tags.first { $0.name == name }?.value ?? "" }.joined(separator: " ")
            groups[label, default: []].append(point)
        }
        return groups.keys.sorted().map { label in
            ReportSeries(label: label, values: values(groups[label]!.sorted { $0.time < $1.time }, from: from, until: until))
        }
    }

    private func values(_ points: [MetricPoint], from: Int64, until: Int64) -> [(time: Int64, value: Double)] {
        let size = interval.seconds
        let first = Self.floor(from, size), last = Self.floor(until, size)
        var buckets: [Int64: [MetricPoint]] = [:]
        var before: MetricPoint?
        for point in points {
            let second = point.time / 1_000_000_000
            if second < first { before = point; continue }
            guard second < last + size else { break }
            buckets[Self.floor(second, size), default: []].append(point)
        }
        var result: [(time: Int64, value: Double)] = []
        var carried = before.flatMap { lastField(in: [$0]) }
        var bucket = first
        while bucket <= last {
            let inside = buckets[bucket] ?? []
            let value: Double?
            switch aggregate {
            case .sum(let field): value = inside.reduce(0) { $0 + (Self.number($1, field) ?? 0) }
            case .max(let field): value = inside.compactMap { Self.number($0, field) }.max()
            case .percentile(let field, let p): value = Self.nearestRank(inside.compactMap { Self.number($0, field) }, p)
            case .distinctAuthors(let field):
                value = Double(Set(inside.filter { Self.number($0, field) == 1 }.compactMap { point -> String? in
                    if case .string(let author)? = point.fields.first(where: { $0.name == "author" })?.value { return author }
                    return nil
                }).count)
            case .last:
                if let latest = lastField(in: inside) { carried = latest }
                value = carried
            }
            if let value { result.append((bucket, value)) }
            bucket += size
        }
        guard let window = movingAverage, window > 1 else { return result }
        // InfluxDB's moving_average: from the window's last point on, the mean of the window.
        guard result.count >= window else { return [] }
        return (window - 1..<result.count).map { index in
            (result[index].time, result[(index - window + 1)...index].reduce(0) { $0 + $1.value } / Double(window))
        }
    }

    private func lastField(in points: [MetricPoint]) -> Double? {
        guard case .last(let field) = aggregate else { return nil }
        return points.last.flatMap { Self.number($0, field) }
    }

    static func number(_ point: MetricPoint, _ field: String) -> Double? {
        if case .integer(let value)? = point.fields.first(where: { $0.name == field })?.value { return Double(value) }
        return nil
    }

    /// InfluxDB's `percentile`: the value at rank round(n·p/100) of the sorted values (at least 1).
    static func nearestRank(_ values: [Double], _ p: Int) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((Double(sorted.count) * Double(p) / 100 + 0.5).rounded(.down))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    static func floor(_ seconds: Int64, _ size: Int64) -> Int64 {
        seconds >= 0 ? seconds / size * size : -((-seconds + size - 1) / size) * size
    }
}
