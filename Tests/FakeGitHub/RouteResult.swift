/// A route's answer before the common headers, conditional requests and quota are applied.
struct RouteResult: Sendable {
    var status: Int
    var body: [UInt8]
    /// Link, Location and similar headers specific to this answer.
    var extraHeaders: [(name: String, value: String)] = []

    init(status: Int, body: [UInt8], extraHeaders: [(name: String, value: String)] = []) {
        self.status = status
        self.body = body
        self.extraHeaders = extraHeaders
    }

    init(status: Int, message: ErrorMessage) {
        self.status = status
        body = message.json
    }
}
