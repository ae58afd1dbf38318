/// A problem found in config.yaml, with where it is: exit status 2, and nothing runs.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: Int?
    /// `projects.kubernetes.repositories."kubernetes/kubernetes".lgtmer.args[2]`
    public let path: String?
    public let message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, path: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        if let path, !path.isEmpty { return "\(place): \(path): \(message)" }
        return "\(place): \(message)"
    }
}

/// A problem without a location yet; the loader adds file, line and path.
public struct ConfigurationProblem: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
