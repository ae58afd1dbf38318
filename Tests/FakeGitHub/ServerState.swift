import Foundation

/// Everything the server knows, guarded by one lock in `FakeGitHub`.
///
/// Requests are answered entirely under that lock (one event-loop thread serves them all),
/// so an answer always sees one consistent repository, and hooks run between answers.
struct ServerState: Sendable {
    typealias Hook = @Sendable (RecordedRequest, FakeGitHub) -> Void

    /// "http://127.0.0.1:PORT" once started.
    var apiBase = "http://127.0.0.1:0"
    var repositories: [Int64: RepoEntry] = [:]
    /// Lower-cased "owner/name" → repository id (GitHub matches names case-insensitively).
    var idByName: [String: Int64] = [:]
    /// Old names of renamed repositories → repository id.
    var redirects: [String: Int64] = [:]
    var tokens: [String: String] = [:]
    /// Quota per login; the nil key is the anonymous client.
    var quotas: [String?: QuotaBucket] = [:]
    /// Quotas of the other resources `/rate_limit` reports (`search`, `graphql`), which no route
    /// here spends: the tests set them. Keyed by resource, then login.
    var resourceQuotas: [String: [String?: QuotaBucket]] = [:]
    var faults: [FaultRule] = []
    var hooks: [Hook] = []
    var requests: [RecordedRequest] = []
    var knobs = Knobs()
    var requestCounter: UInt32 = 0

    /// The login behind the request's token; nil for anonymous or unknown tokens.
    func identify(_ request: IncomingRequest) -> String? {
        request.authorization.flatMap(Self.token(from:)).flatMap { tokens[$0] }
    }

    /// Token of `Authorization: Bearer X` or `Authorization: token X`; nil for other schemes.
    static func token(from authorization: String) -> String? {
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        switch parts[0].lowercased() {
        case "bearer", "token": return parts[1].trimmingCharacters(in: .whitespaces)
        default: return nil
        }
    }

    /// The first fault whose matcher accepts the target, consumed once.
    mutating func takeFault(for target: String) -> Fault? {
        guard let at = faults.firstIndex(where: { $0.remaining > 0 && $0.matches(target) }) else { return nil }
        faults[at].remaining -= 1
        let fault = faults[at].fault
        if faults[at].remaining <= 0 { faults.remove(at: at) }
        return fault
    }

    func bucket(_ login: String?) -> QuotaBucket {
        quotas[login] ?? QuotaBucket(limit: login == nil ? 60 : 5000)
    }

    /// GitHub-like request id ("0683:13C7:1074B74:2631A8B:62D63574"), unique per answer.
    mutating func nextRequestID(now: Int64) -> String {
        requestCounter &+= 1
        let counter = String(requestCounter, radix: 16, uppercase: true)
        let time = String(UInt32(truncatingIfNeeded: now), radix: 16, uppercase: true)
        return "0680:FA4E:\(counter):\(String(requestCounter &* 2_654_435_761, radix: 16, uppercase: true)):\(time)"
    }

    /// Adds the headers every GitHub answer carries. `notModified` answers have no body
    /// and so no Content-Length, but keep the ETag of the body they stand for.
    func reply(
        _ routed: RouteResult, rate: RateSnapshot, now: Int64, requestID: String,
        notModified: Bool = false, extra: [(name: String, value: String)] = [], resource: String = "core"
    ) -> Reply {
        var headers: [(name: String, value: String)] = [
            ("Server", "GitHub.com"),
            ("Date", TimeFormat.httpDate(now)),
            ("Content-Type", "application/json; charset=utf-8"),
            ("Cache-Control", "private, max-age=60, s-maxage=60"),
            ("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP"),
            ("ETag", "\"\(FNV1a.hex(routed.body))\""),
        ]
        headers += routed.extraHeaders
        headers += extra
        headers += [
            ("X-GitHub-Media-Type", "github.v3; format=json"),
            ("X-RateLimit-Limit", String(rate.limit)),
            ("X-RateLimit-Remaining", String(rate.remaining)),
            ("X-RateLimit-Reset", String(rate.reset)),
            ("X-RateLimit-Used", String(rate.used)),
            ("X-RateLimit-Resource", resource),
            ("X-GitHub-Request-Id", requestID),
        ]
        if notModified {
            return Reply(status: 304, headers: headers, body: [])
        }
        headers.append(("Content-Length", String(routed.body.count)))
        return Reply(status: routed.status, headers: headers, body: routed.body)
    }
}
