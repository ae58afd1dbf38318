/// One request the fake answered, as tests see it in `FakeGitHub.requests` and hooks.
public struct RecordedRequest: Sendable, Equatable {
    public var method: String
    /// Path and query exactly as received, e.g. "/repos/o/r/issues?per_page=100".
    public var target: String
    /// Login of the token used; nil when anonymous or when the token was unknown.
    public var login: String?
    /// Status sent; 0 when the connection was dropped (or closed by the client) before an answer.
    public var status: Int
    public var ifNoneMatch: String?
    public var userAgent: String?

    public init(
        method: String, target: String, login: String?, status: Int, ifNoneMatch: String?,
        userAgent: String?
    ) {
        self.method = method
        self.target = target
        self.login = login
        self.status = status
        self.ifNoneMatch = ifNoneMatch
        self.userAgent = userAgent
    }
}
