/// A database failure: a runtime error (exit status 1).
package struct StorageError: Error, Equatable, CustomStringConvertible {
    package let message: String
    /// The connection was lost or could not be made (a restart, a failover): the same work may
    /// pass once the server is back, unlike a refused statement.
    package let connectionLost: Bool

    package init(_ message: String, connectionLost: Bool = false) {
        self.message = message
        self.connectionLost = connectionLost
    }

    package var description: String { message }
}
