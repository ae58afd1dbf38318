/// A database failure: a runtime error (exit status 1).
package struct StorageError: Error, Equatable, CustomStringConvertible {
    package let message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}
