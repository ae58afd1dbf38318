/// A failure the fake serves instead of (or before) its normal answer, so client code can be
/// tested against the ways GitHub and the network really fail.
public indirect enum Fault: Sendable {
    /// Answers with this status and exactly this body (empty by default), plus the usual headers.
    case status(Int, body: String = "")
    /// 403 with GitHub's secondary-rate-limit message, and `Retry-After` when given.
    case secondaryRateLimit(retryAfter: Int?)
    /// 429 with the secondary-rate-limit message, and `Retry-After` when given.
    case tooManyRequests(retryAfter: Int?)
    /// Holds the request for `seconds`, then answers with `then` (nil = the normal answer,
    /// computed after the wait, so it sees changes made meanwhile).
    case stall(seconds: Double, then: Fault?)
    /// Closes the TCP connection without answering.
    case dropConnection
    /// Sends the normal status and headers, with the full Content-Length, then half the body,
    /// then closes the connection.
    case truncatedBody
    /// 200 with a body that is not valid JSON.
    case malformedJSON
    /// 401 Bad credentials.
    case unauthorized
}
