/// A problem found in config.yaml, with where it is: exit status 2, and nothing runs.
package struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    package let file: String
    package let line: Int?
    package let column: Int?
    /// `projects.kubernetes.repositories."kubernetes/kubernetes".lgtmer.args[2]`
    package let path: String?
    package let message: String

    package init(file: String, line: Int? = nil, column: Int? = nil, path: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    package var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        if let path, !path.isEmpty { return "\(place): \(path): \(message)" }
        return "\(place): \(message)"
    }
}

/// A problem without a location yet; the loader adds file, line and path.
package struct ConfigurationProblem: Error, Equatable, CustomStringConvertible {
    package let message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}
