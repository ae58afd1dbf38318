/// Spellings of the original tool that no longer apply: each gets a message saying what
/// replaced it, rather than "unknown option".
package enum OriginalSpellings {
    static let mysqlNames = ["host", "port", "user", "password"]

    /// Hidden rows for the original's MySQL connection flags, so the parser accepts them and
    /// `rejectMySQL` can explain.
    package static let mysql: [OptionSpec] = mysqlNames.map {
        OptionSpec($0, hidden: true, help: "The original's MySQL connection setting.")
    }

    package static func rejectMySQL(_ parsed: ParsedArguments) throws(UsageError) {
        if let name = mysqlNames.first(where: parsed.isGiven) {
            throw UsageError("--\(name) was the original's MySQL setting; Velodrome takes --database URL (sqlite:PATH)")
        }
    }
}
