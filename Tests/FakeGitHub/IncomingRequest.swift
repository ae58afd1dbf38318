/// The parts of an HTTP request the fake looks at, taken off the NIO head so the request
/// logic does not depend on NIO.
struct IncomingRequest: Sendable {
    var method: String
    /// Path and query as received.
    var target: String
    var userAgent: String?
    var authorization: String?
    var ifNoneMatch: String?
    var body: [UInt8] = []

    var path: Substring {
        target.firstIndex(of: "?").map { target[..<$0] } ?? target[...]
    }

    var rawQuery: Substring? {
        target.firstIndex(of: "?").map { target[target.index(after: $0)...] }
    }
}
