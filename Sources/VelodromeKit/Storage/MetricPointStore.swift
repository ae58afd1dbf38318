import Foundation

/// Where points go when no InfluxDB runs: the `metric_points` table of the mirror's database,
/// one row per point, its fields as a JSON object (`{"count":3,"sum":120,"50%":40}`).
package protocol MetricPointStore: Sendable {
    /// Writes points, replacing any with the same measurement, repository and time.
    func writePoints(_ points: [MetricPoint]) async throws
    func deletePoints(measurement: String, repository: String) async throws
    func points(measurement: String, repository: String) async throws -> [MetricPoint]
}

/// The JSON object of a point's fields, and back.
enum PointFieldsJSON {
    static func encode(_ fields: [MetricField]) -> String {
        var text = "{"
        for field in fields {
            if text.utf8.count > 1 { text += "," }
            text += JSONText.quote(field.name)
            text += ":"
            switch field.value {
            case .integer(let number): text += String(number)
            case .string(let value): text += JSONText.quote(value)
            }
        }
        return text + "}"
    }

    /// Fields come back in the order the metrics write them: counters, latency, state,
    /// percentiles, author.
    static func decode(_ text: String) throws -> [MetricField] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw StorageError("metric_points: fields are not a JSON object: \(text.prefix(80))")
        }
        let fields = object.map { name, value -> MetricField in
            if let text = value as? String { return MetricField(name, .string(text)) }
            return MetricField(name, .integer((value as? NSNumber)?.int64Value ?? 0))
        }
        return fields.sorted { rank($0.name) < rank($1.name) }
    }

    private static func rank(_ name: String) -> (Int, Int, String) {
        switch name {
        case "event": (0, 0, name)
        case "comment": (1, 0, name)
        case "minutes": (2, 0, name)
        case "count": (3, 0, name)
        case "sum": (4, 0, name)
        case "author": (6, 0, name)
        default: (5, Int(name.dropLast()) ?? 0, name)
        }
    }
}
