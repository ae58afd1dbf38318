/// What the connection handler must do with a request.
enum Outcome: Sendable {
    case reply(Reply)
    /// Send status, headers and full Content-Length, but only half the body, then close.
    case truncated(Reply)
    /// Close without answering.
    case drop
    /// Wait, then answer with the fault (or normally when nil).
    case stall(seconds: Double, then: Fault?)
}
