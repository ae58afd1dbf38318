import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A fake GitHub REST API server on 127.0.0.1 (random port) for tests and benchmarks.
///
/// It serves issues, issue events, issue comments and review comments of the repositories it
/// is given, in GitHub's JSON shapes and with GitHub's headers, pagination, conditional
/// requests, rate limits, renames and failure modes. All state sits behind one lock, and one
/// event-loop thread answers requests one at a time, so tests see a deterministic order.
public final class FakeGitHub: Sendable {
    let state = Mutex(ServerState())
    private let runtime = Mutex<Runtime?>(nil)
    private let clock: @Sendable () -> Int64

    /// The running server's event loop and listening channel.
    private struct Runtime: Sendable {
        var group: MultiThreadedEventLoopGroup
        var channel: any Channel
    }

    /// - Parameter clock: Unix seconds as the fake sees them: used for `Date`, rate-limit
    ///   windows and nothing else. Tests pass a controllable clock.
    public init(clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.clock = clock
    }

    /// Binds 127.0.0.1 on a free port. Does nothing when already started.
    public func start() async throws {
        guard runtime.withLock({ $0 == nil }) else { return }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(ConnectionHandler(server: self))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        let port = channel.localAddress?.port ?? 0
        state.withLock { $0.apiBase = "http://127.0.0.1:\(port)" }
        runtime.withLock { $0 = Runtime(group: group, channel: channel) }
    }

    /// Closes the listener and every connection.
    public func stop() async throws {
        guard let running = runtime.withLock({ current -> Runtime? in
            defer { current = nil }
            return current
        }) else { return }
        try? await running.channel.close()
        try await running.group.shutdownGracefully()
    }

    /// "http://127.0.0.1:PORT": use it where a client would use https://api.github.com.
    public var baseURL: URL {
        URL(string: state.withLock { $0.apiBase })!
    }

    // MARK: Repositories

    /// Serves `repo` under "owner/name" and `/repositories/{id}`, replacing one with the same id.
    public func addRepository(_ repo: FakeRepository) {
        state.withLock { state in
            if let old = state.repositories[repo.id] {
                state.idByName[old.repository.fullName.lowercased()] = nil
            }
            let api = state.apiBase
            state.repositories[repo.id] = RepoEntry(repository: repo, cache: RepoCache(api: api, repository: repo))
            state.idByName[repo.fullName.lowercased()] = repo.id
            state.redirects[repo.fullName.lowercased()] = nil
        }
    }

    /// Renames "old/name" to "new/name". The old name keeps answering 301 with a Location on
    /// `/repositories/{id}/<rest of the path>?<query>`, as GitHub does after a rename.
    public func renameRepository(from: String, to: String) {
        state.withLock { state in
            guard let id = state.idByName[from.lowercased()], var entry = state.repositories[id] else {
                preconditionFailure("FakeGitHub.renameRepository: no repository \(from)")
            }
            let parts = to.split(separator: "/", maxSplits: 1).map(String.init)
            precondition(parts.count == 2, "FakeGitHub.renameRepository: \(to) is not owner/name")
            entry.repository.owner = parts[0]
            entry.repository.name = parts[1]
            state.repositories[id] = entry
            state.idByName[from.lowercased()] = nil
            state.idByName[to.lowercased()] = id
            state.redirects[to.lowercased()] = nil
            state.redirects[from.lowercased()] = id
        }
    }

    /// Changes a repository under the server's lock (from tests or from hooks). The server
    /// notices what changed and re-indexes and re-encodes only that.
    @discardableResult
    public func mutate<T>(_ fullName: String, _ body: (inout FakeRepository) -> T) -> T {
        var result: T?
        state.withLock { state in
            guard let id = state.idByName[fullName.lowercased()], var entry = state.repositories[id] else {
                preconditionFailure("FakeGitHub.mutate: no repository \(fullName)")
            }
            // Take the entry out of the dictionary while the body runs, so the dictionary's copy
            // does not make every in-place edit copy the arrays once more.
            state.repositories[id] = nil
            result = body(&entry.repository)
            let newName = entry.repository.fullName.lowercased()
            if newName != fullName.lowercased() {
                state.idByName[fullName.lowercased()] = nil
                state.idByName[newName] = id
            }
            state.repositories[id] = entry
        }
        return result!
    }

    /// A copy of the repository as currently served, or nil.
    public func repository(_ fullName: String) -> FakeRepository? {
        state.withLock { state in
            state.idByName[fullName.lowercased()].flatMap { state.repositories[$0]?.repository }
        }
    }

    // MARK: Credentials and quotas

    /// Accepts `token` (as `Bearer` or `token`) for `login`. Several tokens may share a login,
    /// and then share its quota.
    public func addToken(_ token: String, login: String) {
        state.withLock { $0.tokens[token] = login }
    }

    /// Revokes `token`: it is refused with 401 from now on.
    public func removeToken(_ token: String) {
        _ = state.withLock { $0.tokens.removeValue(forKey: token) }
    }

    /// Sets the primary rate limit of a login (nil = anonymous; defaults 5000 and 60).
    /// `remaining` defaults to `limit`; `resetAt` (Unix seconds) defaults to one hour after
    /// the next request.
    public func setQuota(login: String?, limit: Int, remaining: Int? = nil, resetAt: Int64? = nil) {
        state.withLock {
            $0.quotas[login] = QuotaBucket(
                limit: limit, used: max(0, limit - (remaining ?? limit)), resetAt: resetAt)
        }
    }

    /// Sets a login's quota of `resource` as `/rate_limit` reports it (`search`, `graphql`):
    /// no route spends these, so the test moves them. `core` is `setQuota(login:limit:...)`.
    public func setQuota(login: String, resource: String, limit: Int, remaining: Int, resetAt: Int64) {
        state.withLock {
            $0.resourceQuotas[resource, default: [:]][login] = QuotaBucket(limit: limit, used: max(0, limit - remaining), resetAt: resetAt)
        }
    }

    // MARK: Faults, hooks and the request log

    /// Serves `fault` for the next `times` requests whose target (path?query) `matches`.
    /// Faults are tried in the order they were injected.
    public func inject(_ fault: Fault, times: Int = 1, when matches: @escaping @Sendable (String) -> Bool) {
        state.withLock { $0.faults.append(FaultRule(fault: fault, remaining: times, matches: matches)) }
    }

    /// Calls `hook` after each request was answered, in order, before the next request is
    /// handled: tests use it to change a repository while a client is paging through it.
    public func onRequest(_ hook: @escaping @Sendable (RecordedRequest, FakeGitHub) -> Void) {
        state.withLock { $0.hooks.append(hook) }
    }

    /// Every request answered so far (including `/rate_limit`, faults and dropped ones).
    public var requests: [RecordedRequest] {
        state.withLock { $0.requests }
    }

    public func resetRequests() {
        state.withLock { $0.requests.removeAll() }
    }

    // MARK: Knobs

    /// Page numbers above this answer 422 on list endpoints (GitHub: "use cursor based pagination").
    public var pageDepthLimit: Int {
        get { state.withLock { $0.knobs.pageDepthLimit } }
        set { state.withLock { $0.knobs.pageDepthLimit = newValue } }
    }

    /// Lists with more items than this get `after=` cursor links instead of page numbers.
    public var cursorThreshold: Int {
        get { state.withLock { $0.knobs.cursorThreshold } }
        set { state.withLock { $0.knobs.cursorThreshold = newValue } }
    }

    /// Comment lists refuse pages reaching past this many items.
    public var commentListLimit: Int {
        get { state.withLock { $0.knobs.commentListLimit } }
        set { state.withLock { $0.knobs.commentListLimit = newValue } }
    }

    /// The repository-wide events list stops here: `last` at most this page, later pages 422.
    public var eventsPageLimit: Int {
        get { state.withLock { $0.knobs.eventsPageLimit } }
        set { state.withLock { $0.knobs.eventsPageLimit = newValue } }
    }

    /// GitHub's lists are eventually consistent: with a lag, an event or comment shows in the
    /// lists (repository-wide and per issue) up to this many seconds after its creation time
    /// (none, half or all of it, by the item's id).
    public var listingLag: Int64 {
        get { state.withLock { $0.knobs.listingLag } }
        set { state.withLock { $0.knobs.listingLag = newValue } }
    }

    /// GraphQL queries that may reach more nodes than this answer 502, as GitHub's do when they
    /// run past 10 seconds; their points are spent all the same.
    public var graphQLTimeoutNodes: Int? {
        get { state.withLock { $0.knobs.graphQLTimeoutNodes } }
        set { state.withLock { $0.knobs.graphQLTimeoutNodes = newValue } }
    }

    /// Points (GraphQL) or requests (`core`) of `login`'s quota spent in its current window.
    public func quotaUsed(login: String?, resource: String = "core") -> Int {
        state.withLock { resource == "core" ? ($0.quotas[login]?.used ?? 0) : ($0.resourceQuotas[resource]?[login]?.used ?? 0) }
    }

    // MARK: Called by the connection handler

    /// Applies a matching fault, or answers normally.
    func begin(_ request: IncomingRequest) -> Outcome {
        let now = clock()
        return state.withLock { state in
            if let fault = state.takeFault(for: request.target) {
                return state.outcome(for: fault, request: request, now: now)
            }
            return .reply(state.answer(request, now: now))
        }
    }

    /// After a stall: answers with its follow-up fault, or normally.
    func resume(_ request: IncomingRequest, then fault: Fault?) -> Outcome {
        let now = clock()
        return state.withLock { state in
            if let fault { return state.outcome(for: fault, request: request, now: now) }
            return .reply(state.answer(request, now: now))
        }
    }

    /// Records an answered request and runs the hooks, outside the lock so they may mutate.
    func finish(_ request: IncomingRequest, status: Int) {
        let (record, hooks) = state.withLock { state in
            let record = RecordedRequest(
                method: request.method, target: request.target, login: state.identify(request), status: status,
                ifNoneMatch: request.ifNoneMatch, userAgent: request.userAgent)
            state.requests.append(record)
            return (record, state.hooks)
        }
        for hook in hooks { hook(record, self) }
    }
}
