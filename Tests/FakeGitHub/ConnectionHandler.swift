import NIOCore
import NIOHTTP1

/// One HTTP/1.1 connection: turns each request into an `IncomingRequest`, asks the server
/// for the outcome and carries it out, including the misbehaviour faults call for.
final class ConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let server: FakeGitHub
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(server: FakeGitHub) {
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(let buffer):
            body += buffer.readableBytesView  // GraphQL's POSTs
        case .end:
            guard let head else { return }
            self.head = nil
            let request = IncomingRequest(
                method: head.method.rawValue, target: head.uri,
                userAgent: head.headers.first(name: "User-Agent"),
                authorization: head.headers.first(name: "Authorization"),
                ifNoneMatch: head.headers.first(name: "If-None-Match"), body: body)
            perform(server.begin(request), request: request, head: head, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func perform(_ outcome: Outcome, request: IncomingRequest, head: HTTPRequestHead, context: ChannelHandlerContext) {
        switch outcome {
        // Recorded before the answer leaves: a client acting on the answer then always finds its
        // request in the log. The answer is already computed, so hooks cannot change it.
        case .reply(let reply):
            server.finish(request, status: reply.status)
            write(reply, head: head, context: context)
        case .truncated(let reply):
            server.finish(request, status: reply.status)
            context.write(wrapOutboundOut(.head(responseHead(reply, head: head))), promise: nil)
            let half = reply.body.prefix(reply.body.count / 2)
            if !half.isEmpty {
                context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: half)))), promise: nil)
            }
            context.flush()
            context.close(promise: nil)
        case .drop:
            server.finish(request, status: 0)
            context.close(promise: nil)
        case .stall(let seconds, let then):
            let delay = TimeAmount.nanoseconds(Int64(max(0, seconds) * 1_000_000_000))
            context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
                guard context.channel.isActive else {
                    self.server.finish(request, status: 0)  // the client gave up meanwhile
                    return
                }
                self.perform(self.server.resume(request, then: then), request: request, head: head, context: context)
            }
        }
    }

    private func responseHead(_ reply: Reply, head: HTTPRequestHead) -> HTTPResponseHead {
        var headers = HTTPHeaders()
        for (name, value) in reply.headers { headers.add(name: name, value: value) }
        return HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
    }

    private func write(_ reply: Reply, head: HTTPRequestHead, context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(.head(responseHead(reply, head: head))), promise: nil)
        if !reply.body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: reply.body)))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !head.isKeepAlive {
            done.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}
