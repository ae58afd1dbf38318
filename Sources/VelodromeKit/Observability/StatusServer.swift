import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization

/// What the status endpoint serves; read fresh for every request.
package struct StatusPages: Sendable {
    package var metrics: @Sendable () -> String
    package var health: @Sendable () -> HealthCheck.Answer
    package var readiness: @Sendable () -> HealthCheck.Answer

    package init(metrics: @escaping @Sendable () -> String, health: @escaping @Sendable () -> HealthCheck.Answer,
                 readiness: @escaping @Sendable () -> HealthCheck.Answer) {
        self.metrics = metrics
        self.health = health
        self.readiness = readiness
    }

    /// The pages of a stage: its registry's metrics and its status' health.
    package init(registry: MetricsRegistry, status: StageStatus, check: HealthCheck) {
        self.init(metrics: { registry.exposition() }, health: { check.health(status.snapshot, now: Date()) },
                  readiness: { check.readiness(status.snapshot) })
    }
}

/// `/metrics`, `/healthz` and `/readyz` over HTTP/1.1 (SwiftNIO's parser), as a service beside
/// the stage. Nothing a client does reaches the stage: the server runs on NIO's event loops, a
/// request head that does not arrive whole in time closes its connection (a client that sends
/// it byte by byte included), oversized heads get 400, and connections beyond a limit are closed
/// as they open.
package struct StatusServer: Service {
    package struct Limits: Sendable {
        /// A request (head and body) must arrive whole within this of the connection opening or
        /// of the last answer; idle keep-alive connections close after it too.
        package var requestTimeout: Duration = .seconds(10)
        /// The most a request head may hold, and a body too: these paths take none.
        package var maxHeaderBytes = 16 * 1024
        package var maxConnections = 512

        package init() {}
    }

    let address: ListenAddress
    let pages: StatusPages
    let limits: Limits
    let logger: Logger
    /// Told the address once bound: with port 0, the port the system chose.
    let onBound: @Sendable (ListenAddress) -> Void

    package init(address: ListenAddress, pages: StatusPages, limits: Limits = Limits(), logger: Logger,
                 onBound: @escaping @Sendable (ListenAddress) -> Void = { _ in }) {
        self.address = address
        self.pages = pages
        self.limits = limits
        self.logger = logger
        self.onBound = onBound
    }

    package func run() async throws {
        // A loop of its own: the stage's database client and HTTP clients share NIO's default
        // loops, and neither their load nor this server's may delay the other.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            try await serve(on: group)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try await group.shutdownGracefully()
    }

    private func serve(on group: MultiThreadedEventLoopGroup) async throws {
        let open = Atomic<Int>(0)
        let limits = limits, pages = pages
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    guard open.add(1, ordering: .relaxed).newValue <= limits.maxConnections else {
                        _ = open.subtract(1, ordering: .relaxed)
                        channel.close(promise: nil)
                        return channel.eventLoop.makeFailedFuture(StatusServerError(message: "over \(limits.maxConnections) connections"))
                    }
                    channel.closeFuture.whenComplete { _ in _ = open.subtract(1, ordering: .relaxed) }
                    return channel.eventLoop.makeCompletedFuture {
                        var decoder = NIOHTTPDecoderLimitConfiguration()
                        decoder.maxHeaderFieldSize = limits.maxHeaderBytes
                        decoder.maxHeaderListSize = limits.maxHeaderBytes
                        let pipeline = channel.pipeline.syncOperations
                        try pipeline.configureHTTPServerPipeline(withErrorHandling: true, withEncoderConfiguration: .init(),
                                                                 withDecoderLimitConfiguration: decoder)
                        try pipeline.addHandler(StatusHandler(pages: pages, requestTimeout: TimeAmount(limits.requestTimeout),
                                                                   maxBodyBytes: limits.maxHeaderBytes))
                    }
                }
                .bind(host: address.host, port: address.port).get()
        } catch {
            throw StatusServerError(message: "cannot listen on \(address): \(error)")
        }
        let bound = ListenAddress(host: address.host, port: channel.localAddress?.port ?? address.port)
        logger.info("serving /metrics, /healthz and /readyz on \(bound)")
        onBound(bound)
        try await withTaskCancellationHandler {
            try await channel.closeFuture.get()
        } onCancel: {
            channel.close(promise: nil)
        }
        logger.debug("status endpoint on \(bound) closed", metadata: ["cancelled": "\(Task.isCancelled)", "shutting_down": "\(Task.isShuttingDownGracefully)"])
        // Closed without being asked to: the endpoint is gone, and the stage must not go on blind.
        if !Task.isCancelled {
            throw StatusServerError(message: "the status endpoint on \(bound) closed unexpectedly")
        }
    }
}

package struct StatusServerError: Error, CustomStringConvertible {
    package let message: String
    package var description: String { message }
}

/// One connection: answers each request once its head and end have arrived, and closes the
/// connection when a request takes longer than `requestTimeout` to arrive whole, or brings a body
/// larger than `maxBodyBytes`.
final class StatusHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let pages: StatusPages
    private let requestTimeout: TimeAmount
    private let maxBodyBytes: Int
    private var request: HTTPRequestHead?
    private var bodyBytes = 0
    private var deadline: Scheduled<Void>?

    init(pages: StatusPages, requestTimeout: TimeAmount, maxBodyBytes: Int) {
        self.pages = pages
        self.requestTimeout = requestTimeout
        self.maxBodyBytes = maxBodyBytes
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { awaitRequest(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        awaitRequest(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            request = head
            bodyBytes = 0
        case .body(let bytes):
            bodyBytes += bytes.readableBytes
            if bodyBytes > maxBodyBytes { context.close(promise: nil) }
        case .end:
            // The whole request is in: the clock stops until the answer is written.
            deadline?.cancel()
            deadline = nil
            guard let head = request else { return }
            request = nil
            respond(to: head, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func awaitRequest(_ context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: requestTimeout) {
            context.close(promise: nil)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let answer = Self.answer(method: head.method, uri: head.uri, pages: pages)
        let keepAlive = head.isKeepAlive
        var headers = HTTPHeaders([("Content-Type", answer.contentType), ("Content-Length", "\(answer.body.utf8.count)")])
        if let allow = answer.allow { headers.add(name: "Allow", value: allow) }
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: answer.status, headers: headers))), promise: nil)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: answer.body)))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { result in
            guard case .success = result, keepAlive, context.channel.isActive else {
                context.close(promise: nil)
                return
            }
            self.awaitRequest(context)
        }
    }

    struct Answer: Equatable {
        var status: HTTPResponseStatus
        var contentType = "text/plain; charset=utf-8"
        var body: String
        var allow: String?
    }

    /// The answer to a request, by path: 404 for an unknown one, 405 for a method other than GET
    /// or HEAD on a known one.
    static func answer(method: HTTPMethod, uri: String, pages: StatusPages) -> Answer {
        let path = uri.prefix { $0 != "?" }
        guard ["/metrics", "/healthz", "/readyz"].contains(path) else {
            return Answer(status: .notFound, body: "not found: the paths are /metrics, /healthz and /readyz\n")
        }
        guard method == .GET || method == .HEAD else {
            return Answer(status: .methodNotAllowed, body: "method not allowed: use GET or HEAD\n", allow: "GET, HEAD")
        }
        switch path {
        case "/metrics":
            return Answer(status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: pages.metrics())
        case "/healthz":
            let health = pages.health()
            return Answer(status: health.ok ? .ok : .serviceUnavailable, body: health.text + "\n")
        default:
            let readiness = pages.readiness()
            return Answer(status: readiness.ok ? .ok : .serviceUnavailable, body: readiness.text + "\n")
        }
    }
}
