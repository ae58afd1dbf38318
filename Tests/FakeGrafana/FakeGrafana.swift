import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A fake Grafana HTTP API on 127.0.0.1 for the parts `velodrome dashboards --grafana-url` uses:
/// datasources by uid, dashboards (`/api/dashboards/db`, by uid with `meta.isStarred`), stars and
/// the organisation's preferences. It checks the credentials, records every request, answers with
/// Grafana's shapes and messages, and can be told to fail a request.
public final class FakeGrafana: Sendable {
    public struct Request: Sendable, Equatable {
        public var method: String
        public var path: String
        public var status: Int
    }

    struct State: Sendable {
        var authorization: String
        /// JSON objects as Grafana stores them, by uid.
        var datasources: [String: Data] = [:]
        var dashboards: [String: (dashboard: Data, version: Int, starred: Bool)] = [:]
        var homeDashboardUID = ""
        var nextID = 1
        var failures: [(path: String, status: Int, message: String)] = []
        var requests: [Request] = []
    }

    private let state: Mutex<State>
    private let runtime = Mutex<(group: MultiThreadedEventLoopGroup, channel: any Channel)?>(nil)

    /// `authorization` is the exact `Authorization` header Grafana accepts.
    public init(authorization: String) {
        state = Mutex(State(authorization: authorization))
    }

    public func start() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(server: self))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        runtime.withLock { $0 = (group, channel) }
    }

    public func stop() async throws {
        guard let running = runtime.withLock({ value -> (group: MultiThreadedEventLoopGroup, channel: any Channel)? in defer { value = nil }; return value }) else { return }
        try? await running.channel.close()
        try await running.group.shutdownGracefully()
    }

    public var url: URL { URL(string: "http://127.0.0.1:\(runtime.withLock { $0?.channel.localAddress?.port ?? 0 })")! }
    public var requests: [Request] { state.withLock { $0.requests } }
    public func resetRequests() { state.withLock { $0.requests = [] } }
    public var homeDashboardUID: String { state.withLock { $0.homeDashboardUID } }
    public func isStarred(_ uid: String) -> Bool { state.withLock { $0.dashboards[uid]?.starred ?? false } }
    public func datasource(_ uid: String) -> [String: Any]? { state.withLock { $0.datasources[uid] }.map(Self.object) }
    public func dashboardVersion(_ uid: String) -> Int? { state.withLock { $0.dashboards[uid]?.version } }

    /// The next request to `path` is answered `status` with Grafana's `{"message": ...}`.
    public func fail(_ path: String, status: Int, message: String) {
        state.withLock { $0.failures.append((path, status, message)) }
    }

    func answer(method: String, path: String, authorization: String?, body: Data) -> (Int, Data) {
        state.withLock { state in
            let (status, object) = Self.route(&state, method: method, path: path, authorization: authorization, body: body)
            state.requests.append(Request(method: method, path: path, status: status))
            return (status, (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
        }
    }

    private static func route(_ state: inout State, method: String, path: String, authorization: String?, body: Data) -> (Int, Any) {
        guard authorization == state.authorization else { return (401, ["message": "Unauthorized"]) }
        if let index = state.failures.firstIndex(where: { $0.path == path }) {
            let failure = state.failures.remove(at: index)
            return (failure.status, ["message": failure.message])
        }
        let object = Self.object(body)
        // The uid a route names, after its fixed prefix.
        func uid(after prefix: String) -> String? {
            path.hasPrefix(prefix) && path.count > prefix.count ? String(path.dropFirst(prefix.count)) : nil
        }
        switch method {
        case "GET" where uid(after: "/api/datasources/uid/") != nil:
            let uid = uid(after: "/api/datasources/uid/")!
            guard let stored = state.datasources[uid] else { return (404, ["message": "Data source not found"]) }
            return (200, Self.object(stored))
        case "POST" where path == "/api/datasources":
            let uid = object["uid"] as? String ?? ""
            if state.datasources.values.contains(where: { Self.object($0)["name"] as? String == object["name"] as? String }) {
                return (409, ["message": "data source with the same name already exists"])
            }
            state.datasources[uid] = stored(object, id: state.nextID)
            state.nextID += 1
            return (200, ["message": "Datasource added", "name": object["name"] ?? "", "datasource": Self.object(state.datasources[uid]!)])
        case "PUT" where uid(after: "/api/datasources/uid/") != nil:
            let uid = uid(after: "/api/datasources/uid/")!
            guard let oldData = state.datasources[uid] else { return (404, ["message": "Data source not found"]) }
            let old = Self.object(oldData)
            var updated = Self.object(stored(object, id: old["id"] as? Int ?? 0))
            if updated["secureJsonFields"] == nil, let fields = old["secureJsonFields"] { updated["secureJsonFields"] = fields }
            state.datasources[uid] = Self.data(updated)
            return (200, ["message": "Datasource updated", "name": object["name"] ?? ""])
        case "GET" where uid(after: "/api/dashboards/uid/") != nil:
            let uid = uid(after: "/api/dashboards/uid/")!
            guard let stored = state.dashboards[uid] else { return (404, ["message": "Dashboard not found"]) }
            var dashboard = Self.object(stored.dashboard)
            dashboard["version"] = stored.version
            return (200, ["dashboard": dashboard, "meta": ["isStarred": stored.starred, "version": stored.version, "slug": uid]])
        case "POST" where path == "/api/dashboards/db":
            guard var dashboard = object["dashboard"] as? [String: Any], let uid = dashboard["uid"] as? String else {
                return (400, ["message": "bad request data"])
            }
            let old = state.dashboards[uid]
            if old != nil, object["overwrite"] as? Bool != true { return (412, ["status": "name-exists", "message": "A dashboard with the same name in the folder already exists"]) }
            dashboard["id"] = state.nextID
            state.nextID += 1
            let version = (old?.version ?? 0) + 1
            state.dashboards[uid] = (Self.data(dashboard), version, old?.starred ?? false)
            return (200, ["id": dashboard["id"]!, "uid": uid, "url": "/d/\(uid)/\(uid)", "status": "success", "version": version, "slug": uid])
        case "POST" where uid(after: "/api/user/stars/dashboard/uid/") != nil:
            let uid = uid(after: "/api/user/stars/dashboard/uid/")!
            guard state.dashboards[uid] != nil else { return (404, ["message": "Dashboard not found"]) }
            state.dashboards[uid]!.starred = true
            return (200, ["message": "Dashboard starred!"])
        case "GET" where path == "/api/org/preferences":
            return (200, ["theme": "", "homeDashboardId": 0, "homeDashboardUID": state.homeDashboardUID, "timezone": "", "weekStart": ""])
        case "PATCH" where path == "/api/org/preferences":
            if let uid = object["homeDashboardUID"] as? String { state.homeDashboardUID = uid }
            return (200, ["message": "Preferences updated"])
        default:
            return (404, ["message": "Not found"])
        }
    }

    /// A datasource as Grafana shows it back: its id, and which secrets it holds, never their values.
    private static func stored(_ object: [String: Any], id: Int) -> Data {
        var shown = object
        shown["id"] = id
        if let secure = shown.removeValue(forKey: "secureJsonData") as? [String: Any] {
            shown["secureJsonFields"] = Dictionary(uniqueKeysWithValues: secure.keys.map { ($0, true) })
        }
        return data(shown)
    }

    static func object(_ data: Data) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    static func data(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }
}

private final class Handler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let server: FakeGrafana
    var head: HTTPRequestHead?
    var body = Data()

    init(server: FakeGrafana) { self.server = server }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = Data()
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let (status, payload) = server.answer(method: head.method.rawValue, path: head.uri, authorization: head.headers.first(name: "Authorization"), body: body)
            var headers = HTTPHeaders([("Content-Type", "application/json"), ("Content-Length", String(payload.count))])
            if !head.isKeepAlive { headers.add(name: "Connection", value: "close") }
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: status), headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: payload)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
