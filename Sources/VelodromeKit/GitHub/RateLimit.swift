/// GitHub's `X-RateLimit-*` headers, read from every answer: the quota is never polled.
package struct RateLimit: Sendable, Equatable {
    package var limit: Int
    package var remaining: Int
    package var reset: Timestamp
    package var used: Int?
    package var resource: String?

    package init(limit: Int, remaining: Int, reset: Timestamp, used: Int? = nil, resource: String? = nil) {
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
        self.used = used
        self.resource = resource
    }

    package init?(headers: HTTPResponse) {
        guard let limit = headers.header("x-ratelimit-limit").flatMap(Int.init),
              let remaining = headers.header("x-ratelimit-remaining").flatMap(Int.init),
              let reset = headers.header("x-ratelimit-reset").flatMap(Int64.init) else { return nil }
        self.init(limit: limit, remaining: remaining, reset: Timestamp(seconds: reset),
                  used: headers.header("x-ratelimit-used").flatMap(Int.init), resource: headers.header("x-ratelimit-resource"))
    }

    /// Requests kept back so that other users of the login (count-tokens, people) are not starved.
    package var reserve: Int { limit / 100 }

    package var isSpent: Bool { remaining <= reserve }
}
