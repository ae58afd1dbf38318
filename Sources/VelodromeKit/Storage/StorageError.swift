/// A database failure: a runtime error (exit status 1).
public struct StorageError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
