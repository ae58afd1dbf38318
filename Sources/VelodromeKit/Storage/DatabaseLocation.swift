/// Where the mirror lives, from `--database`: `sqlite:PATH` (or a bare path) today;
/// `postgres://` has its place here when that backend lands.
package enum DatabaseLocation: Sendable, Equatable {
    case sqlite(path: String)

    package init(parsing text: String) throws(ConfigurationProblem) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            throw ConfigurationProblem("--database: PostgreSQL is not supported yet; use sqlite:PATH")
        }
        var path = text
        if path.hasPrefix("sqlite://") {
            path = String(path.dropFirst("sqlite://".count))
        } else if path.hasPrefix("sqlite:") {
            path = String(path.dropFirst("sqlite:".count))
        } else if let colon = path.firstIndex(of: ":"), path[..<colon].allSatisfy(\.isLetter), path[..<colon].count > 1 {
            throw ConfigurationProblem("--database: unknown database kind \"\(path[..<colon])\" in \(text); use sqlite:PATH")
        }
        guard !path.isEmpty else { throw ConfigurationProblem("--database: \(text) names no file; use sqlite:PATH") }
        self = .sqlite(path: path)
    }

    /// Opens the store, creating or upgrading its schema; it also holds the embedded metric points.
    package func open() throws(StorageError) -> any MirrorStore & MetricPointStore {
        switch self {
        case .sqlite(let path): try SQLiteMirrorStore(path: path)
        }
    }
}
