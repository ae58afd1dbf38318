/// The four numbers of the X-RateLimit-* headers and of `/rate_limit`.
struct RateSnapshot {
    var limit: Int
    var remaining: Int
    var used: Int
    var reset: Int64
}
