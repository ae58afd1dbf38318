/// A database failure: a runtime error (exit status 1).
package struct StorageError: Error, Equatable, CustomStringConvertible {
    package let message: String
    /// The connection was lost or could not be made (a restart, a failover): the same work may
    /// pass once the server is back, unlike a refused statement.
    package let connectionLost: Bool
    /// A row with that key is there already (a plain INSERT's refusal).
    package let duplicateKey: Bool

    package init(_ message: String, connectionLost: Bool = false, duplicateKey: Bool = false) {
        self.message = message
        self.connectionLost = connectionLost
        self.duplicateKey = duplicateKey
    }

    package var description: String { message }
}
