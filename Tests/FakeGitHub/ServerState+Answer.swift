import Foundation

/// The checks GitHub applies to every request, in its order: User-Agent, credentials,
/// primary rate limit, then the route; conditional requests last, since they need the body.
extension ServerState {
    mutating func answer(_ request: IncomingRequest, now: Int64) -> Reply {
        let requestID = nextRequestID(now: now)
        guard let agent = request.userAgent, !agent.isEmpty else {
            return reply(
                RouteResult(status: 403, message: .userAgentRequired),
                rate: bucket(identify(request)).snapshot(now: now), now: now, requestID: requestID)
        }
        var login: String?
        if let authorization = request.authorization {
            guard let token = Self.token(from: authorization), let owner = tokens[token] else {
                return reply(
                    RouteResult(status: 401, message: .badCredentials),
                    rate: bucket(nil).snapshot(now: now), now: now, requestID: requestID)
            }
            login = owner
        }
        if request.method == "POST", request.path == "/graphql" {
            return graphQL(request, login: login, now: now, requestID: requestID)
        }
        // Asking for the quota does not use it up, on GitHub and here.
        if request.method == "GET", request.path == "/rate_limit" {
            let rate = bucket(login).snapshot(now: now)
            let others = resourceQuotas.compactMapValues { $0[login]?.snapshot(now: now) }
            return reply(RouteResult(status: 200, body: Self.rateLimitBody(rate, others: others)), rate: rate, now: now, requestID: requestID)
        }
        var quota = bucket(login)
        quota.roll(now: now)
        defer { quotas[login] = quota }
        guard quota.remaining > 0 else {
            return reply(
                RouteResult(status: 403, message: .primaryRateLimit(userID: login.map { FakeUser($0).id })),
                rate: quota.snapshot(now: now), now: now, requestID: requestID)
        }
        let routed = route(request, login: login, now: now)
        // A 304 is free for authenticated requests only (GitHub's documented rule).
        if routed.status == 200, let condition = request.ifNoneMatch,
            Self.etagMatches(condition, FNV1a.hex(routed.body))
        {
            if login == nil { quota.consume() }
            return reply(routed, rate: quota.snapshot(now: now), now: now, requestID: requestID, notModified: true)
        }
        quota.consume()
        return reply(routed, rate: quota.snapshot(now: now), now: now, requestID: requestID)
    }

    /// What to do for an injected fault. Faults do not use quota; their rate-limit headers
    /// show the quota of the token's login as it stands.
    mutating func outcome(for fault: Fault, request: IncomingRequest, now: Int64) -> Outcome {
        let rate = bucket(identify(request)).snapshot(now: now)
        let requestID = nextRequestID(now: now)
        switch fault {
        case .status(let code, let body):
            return .reply(reply(RouteResult(status: code, body: Array(body.utf8)), rate: rate, now: now, requestID: requestID))
        case .secondaryRateLimit(let retryAfter), .tooManyRequests(let retryAfter):
            let status: Int
            if case .tooManyRequests = fault { status = 429 } else { status = 403 }
            let extra = retryAfter.map { [(name: "Retry-After", value: String($0))] } ?? []
            return .reply(
                reply(
                    RouteResult(status: status, message: .secondaryRateLimit(requestID: requestID)), rate: rate,
                    now: now, requestID: requestID, extra: extra))
        case .stall(let seconds, let then):
            return .stall(seconds: seconds, then: then)
        case .dropConnection:
            return .drop
        case .truncatedBody:
            return .truncated(answer(request, now: now))
        case .malformedJSON:
            let body = Array("[{\"id\": 1, \"title\": \"unterminated".utf8)
            return .reply(reply(RouteResult(status: 200, body: body), rate: rate, now: now, requestID: requestID))
        case .unauthorized:
            return .reply(
                reply(RouteResult(status: 401, message: .badCredentials), rate: rate, now: now, requestID: requestID))
        }
    }

    /// `If-None-Match` may list several tags, weak or strong, or be `*`.
    static func etagMatches(_ condition: String, _ hex: String) -> Bool {
        for part in condition.split(separator: ",") {
            var tag = part.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            if tag == "\"\(hex)\"" { return true }
        }
        return false
    }

    /// GitHub's `/rate_limit` shape: `core` as requests spend it, `search` and `graphql` as the
    /// test set them (else full), the rest full.
    static func rateLimitBody(_ core: RateSnapshot, others: [String: RateSnapshot] = [:]) -> [UInt8] {
        func resource(_ limit: Int, _ used: Int, _ remaining: Int, _ reset: Int64) -> String {
            "{\"limit\":\(limit),\"used\":\(used),\"remaining\":\(remaining),\"reset\":\(reset)}"
        }
        func resource(_ name: String, full limit: Int) -> String {
            guard let rate = others[name] else { return resource(limit, 0, limit, core.reset) }
            return resource(rate.limit, rate.used, rate.remaining, rate.reset)
        }
        let coreJSON = resource(core.limit, core.used, core.remaining, core.reset)
        let search = resource("search", full: 30)
        let graphql = resource("graphql", full: 5000)
        let text =
            "{\"resources\":{\"core\":\(coreJSON),\"search\":\(search),\"graphql\":\(graphql),"
            + "\"integration_manifest\":\(resource(5000, 0, 5000, core.reset)),"
            + "\"code_search\":\(resource(10, 0, 10, core.reset))},\"rate\":\(coreJSON)}"
        return Array(text.utf8)
    }
}
