/// The tokens fetch may use, grouped by the login they belong to: GitHub's quota belongs to the
/// user, so two tokens of one login share it. Requests go to the login with the most quota left.
struct TokenPool: Sendable {
    struct Login: Sendable {
        /// nil for anonymous requests, or before the login is known.
        var name: String?
        var tokens: [Secret]
        var rate: RateLimit?
        var nextToken = 0

        /// The login's name once known, else where its token came from: a label for metrics.
        var label: String { name ?? tokens.first?.origin ?? "anonymous" }
    }

    enum Choice {
        case use(token: Secret?, login: Int?)
        /// Every login's quota is spent: wait until the earliest reset.
        case wait(until: Timestamp, login: String, index: Int)
    }

    private(set) var logins: [Login]

    init(tokens: [Secret]) {
        logins = tokens.isEmpty ? [Login(name: nil, tokens: [])] : tokens.map { Login(name: nil, tokens: [$0]) }
    }

    /// Regroups tokens whose logins turned out to be the same.
    mutating func assign(login name: String, to token: Secret) {
        guard let from = logins.firstIndex(where: { $0.tokens.contains(token) }) else { return }
        if let to = logins.firstIndex(where: { $0.name == name }), to != from {
            logins[to].tokens += logins[from].tokens
            // The later observation of the shared quota is the true one.
            logins[to].rate = logins[from].rate ?? logins[to].rate
            logins.remove(at: from)
        } else {
            logins[from].name = name
        }
    }

    /// One given token (to learn its login): it, or a wait for its login's reset.
    func choose(token: Secret, now: Timestamp) -> Choice {
        guard let index = login(of: token) else { return .use(token: token, login: nil) }
        guard Self.available(logins[index], now) else {
            return .wait(until: logins[index].rate!.reset, login: logins[index].name ?? "the login of \(token.origin)", index: index)
        }
        return .use(token: token, login: index)
    }

    private static func available(_ login: Login, _ now: Timestamp) -> Bool {
        guard let rate = login.rate else { return true }
        return !rate.isSpent || rate.reset <= now
    }

    mutating func choose(now: Timestamp) -> Choice {
        let candidates = logins.indices.filter { Self.available(logins[$0], now) }
        if let best = candidates.max(by: { remaining(logins[$0], now) < remaining(logins[$1], now) }) {
            let tokens = logins[best].tokens
            guard !tokens.isEmpty else { return .use(token: nil, login: best) }
            let token = tokens[logins[best].nextToken % tokens.count]
            logins[best].nextToken += 1
            return .use(token: token, login: best)
        }
        let soonest = logins.indices.min { logins[$0].rate!.reset < logins[$1].rate!.reset }!
        return .wait(until: logins[soonest].rate!.reset, login: logins[soonest].name ?? "anonymous", index: soonest)
    }

    func login(of token: Secret) -> Int? {
        logins.firstIndex { $0.tokens.contains(token) }
    }

    /// After waiting for a reset, the login is worth a request: its next answer tells the new quota.
    mutating func forgetRate(login index: Int) {
        logins[index].rate = nil
    }

    mutating func observe(_ rate: RateLimit, login: Int) {
        logins[login].rate = rate
    }

    /// Quota left across logins, for progress lines (nil before the first answer).
    var remaining: Int? {
        let known = logins.compactMap(\.rate?.remaining)
        return known.isEmpty ? nil : known.reduce(0, +)
    }

    /// Every login's known quota as one: their limits and what is left added up, reset when the
    /// last of them resets (nil before the first answer).
    var combined: RateLimit? {
        let known = logins.compactMap(\.rate)
        if known.count == 1 { return known[0] }
        guard let latest = known.map(\.reset).max() else { return nil }
        return RateLimit(limit: known.reduce(0) { $0 + $1.limit }, remaining: known.reduce(0) { $0 + $1.remaining }, reset: latest)
    }

    private func remaining(_ login: Login, _ now: Timestamp) -> Int {
        guard let rate = login.rate, rate.reset > now else { return .max }
        return rate.remaining
    }
}
