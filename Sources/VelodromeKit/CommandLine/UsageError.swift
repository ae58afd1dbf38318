/// Bad usage of the command line or of a metric's `args`: exit status 2.
package struct UsageError: Error, Equatable, CustomStringConvertible {
    package let message: String
    /// Index into the argument list of the culprit, when one argument is to blame.
    package let argumentIndex: Int?

    package init(_ message: String, argumentIndex: Int? = nil) {
        self.message = message
        self.argumentIndex = argumentIndex
    }

    package var description: String { message }
}
