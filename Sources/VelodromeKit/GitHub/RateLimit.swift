/// GitHub's `X-RateLimit-*` headers, read from every answer: the quota is never polled.
public struct RateLimit: Sendable, Equatable {
    public var limit: Int
    public var remaining: Int
    public var reset: Timestamp
    public var used: Int?
    public var resource: String?

    public init(limit: Int, remaining: Int, reset: Timestamp, used: Int? = nil, resource: String? = nil) {
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
        self.used = used
        self.resource = resource
    }

    public init?(headers: HTTPResponse) {
        guard let limit = headers.header("x-ratelimit-limit").flatMap(Int.init),
              let remaining = headers.header("x-ratelimit-remaining").flatMap(Int.init),
              let reset = headers.header("x-ratelimit-reset").flatMap(Int64.init) else { return nil }
        self.init(limit: limit, remaining: remaining, reset: Timestamp(seconds: reset),
                  used: headers.header("x-ratelimit-used").flatMap(Int.init), resource: headers.header("x-ratelimit-resource"))
    }

    /// Requests kept back so that other users of the login (count-tokens, people) are not starved.
    public var reserve: Int { limit / 100 }

    public var isSpent: Bool { remaining <= reserve }
}
