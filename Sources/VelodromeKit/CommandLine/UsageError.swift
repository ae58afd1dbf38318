/// Bad usage of the command line or of a metric's `args`: exit status 2.
public struct UsageError: Error, Equatable, CustomStringConvertible {
    public let message: String
    /// Index into the argument list of the culprit, when one argument is to blame.
    public let argumentIndex: Int?

    public init(_ message: String, argumentIndex: Int? = nil) {
        self.message = message
        self.argumentIndex = argumentIndex
    }

    public var description: String { message }
}
