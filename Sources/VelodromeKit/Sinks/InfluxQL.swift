/// InfluxQL quoting: every identifier double-quoted, every string single-quoted. The original
/// left measurement names bare, so `DROP SERIES FROM needs-rebase` failed and hyphenated series
/// were never dropped.
package enum InfluxQL {
    package static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    package static func string(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    package static func dropSeries(measurement: String, repository: String) -> String {
        "DROP SERIES FROM \(identifier(measurement)) WHERE \(identifier("repository")) = \(string(repository))"
    }
}
