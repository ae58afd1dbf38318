import Foundation
import Logging
import Synchronization
import Testing
@testable import VelodromeKit

/// The status endpoint over real sockets: its routes, and clients that misbehave on purpose
/// while a looping stage goes on beside it.
@Suite struct StatusServerTests {
    static let exposition = "# HELP velodrome_x_total X.\n# TYPE velodrome_x_total counter\nvelodrome_x_total 7\n"
    static let pages = StatusPages(metrics: { exposition },
                                   health: { .init(ok: false, text: "fetch: no success yet; last error: 401") },
                                   readiness: { .init(ok: true, text: "ok") })
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs a server on a free port while `body` runs, beside `stage` when given; stops it after.
    static func withServer(pages: StatusPages = pages, limits: StatusServer.Limits = .init(), stage: (any Stage)? = nil,
                           _ body: @Sendable (Int) async throws -> Void) async throws {
        // Port 0: the system picks a free port, and the server says which.
        let bound = AsyncStream<Int>.makeStream()
        let server = StatusServer(address: ListenAddress(host: "127.0.0.1", port: 0), pages: pages, limits: limits, logger: quiet,
                                  onBound: { bound.continuation.yield($0.port) })
        let running = Task {
            // A server that cannot start ends the stream, so the test fails instead of waiting.
            defer { bound.continuation.finish() }
            try await server.run()
        }
        // The stage beside it, iterating every 200 ms on Swift's shared pool as a stage does. (The
        // two together in a ServiceGroup are the real binary's, under ServiceEndpointProcessTests.)
        let ticking = Task {
            while !Task.isCancelled, let stage {
                _ = try? await stage.runIteration(stop: .never)
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
        defer { ticking.cancel() }
        var iterator = bound.stream.makeAsyncIterator()
        let port = try #require(await iterator.next(), "the status server did not start")
        do {
            try await body(port)
        } catch {
            running.cancel()
            _ = await running.result
            throw error
        }
        running.cancel()
        _ = await running.result
    }

    /// One request on a connection of its own; the whole answer.
    static func request(_ port: Int, _ text: String) async throws -> String {
        try await RawSocket.onThread {
            let socket = try RawSocket(port: port)
            socket.send(text)
            return socket.receive(timeout: .seconds(5)).text
        }
    }

    @Test func routesByPathAndMethod() async throws {
        try await Self.withServer { port in
            let metrics = try await Self.request(port, "GET /metrics HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
            #expect(metrics.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(metrics.contains("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"))
            #expect(metrics.hasSuffix("\r\n\r\n" + Self.exposition))
            let health = try await Self.request(port, "GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
            #expect(health.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
            #expect(health.hasSuffix("\r\n\r\nfetch: no success yet; last error: 401\n"))
            let ready = try await Self.request(port, "GET /readyz?verbose=1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
            #expect(ready.hasPrefix("HTTP/1.1 200 OK\r\n") && ready.hasSuffix("\r\n\r\nok\n"))
            let missing = try await Self.request(port, "GET /metrics/x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
            #expect(missing.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
            let post = try await Self.request(port, "POST /metrics HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi")
            #expect(post.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n") && post.contains("Allow: GET, HEAD\r\n"))
            let head = try await Self.request(port, "HEAD /metrics HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
            #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n") && head.contains("Content-Length: \(Self.exposition.utf8.count)\r\n") && head.hasSuffix("\r\n\r\n"))
        }
    }

    @Test func keepAliveAnswersEveryRequestOfAConnection() async throws {
        try await Self.withServer { port in
            let answers = try await RawSocket.onThread {
                let socket = try RawSocket(port: port)
                socket.send("GET /readyz HTTP/1.1\r\nHost: a\r\n\r\nGET /healthz HTTP/1.1\r\nHost: a\r\n\r\nGET /readyz HTTP/1.0\r\n\r\n")
                return socket.receive(timeout: .seconds(5))
            }
            #expect(answers.closed)
            #expect(answers.text.components(separatedBy: "HTTP/1.").count - 1 == 3)
            #expect(answers.text.contains("HTTP/1.1 503"))
        }
    }

    /// Records when each iteration starts.
    final class TickingStage: Stage {
        let name = "tick"
        let starts = Mutex<[ContinuousClock.Instant]>([])
        func runIteration(stop: StopSignal) async throws -> IterationOutcome {
            starts.withLock { $0.append(.now) }
            return .completed
        }
        var longestGap: Duration {
            let starts = starts.withLock { $0 }
            return zip(starts, starts.dropFirst()).map { $1 - $0 }.max() ?? .zero
        }
    }

    @Test func abusiveClientsNeitherStopTheStageNorTheOthers() async throws {
        let stage = TickingStage()
        // A 2-second request timeout here; the default of 10 s is held against a real `velodrome
        // fetch` in ServiceEndpointProcessTests.
        var limits = StatusServer.Limits()
        limits.requestTimeout = .seconds(2)
        try await Self.withServer(limits: limits, stage: stage) { port in
            // 200 idle connections, held open throughout (each is two open files of this process).
            let idle = try await RawSocket.onThread { try (0..<200).map { _ in try RawSocket(port: port) } }
            // A head sent byte by byte, for up to a minute: cut off at the request timeout.
            async let slow = RawSocket.slowHead(port: port)
            let huge = try await Self.request(port, "GET /metrics HTTP/1.1\r\nX-Big: " + String(repeating: "b", count: 1 << 20) + "\r\n\r\n")
            #expect(huge.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            let garbage = try await Self.request(port, "\u{1}\u{2}garbage\r\n\r\n")
            #expect(garbage.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            // Others are answered meanwhile, promptly.
            for _ in 0..<5 {
                let asked = ContinuousClock.now
                let answer = try await Self.request(port, "GET /readyz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
                #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"))
                #expect(ContinuousClock.now - asked < .seconds(2))
                try await Task.sleep(for: .seconds(1))
            }
            let cutOff = try await slow
            #expect(cutOff >= .seconds(2) && cutOff < .seconds(20), "the slow client was cut off after \(cutOff)")
            withExtendedLifetime(idle) {}
        }
        // Iterations every 200 ms went on throughout the abuse, never held up for long.
        #expect(stage.starts.withLock { $0.count } > 15)
        #expect(stage.longestGap < .seconds(5), "longest gap between iterations: \(stage.longestGap)")
    }

    @Test func aTakenAddressIsAnErrorNamingIt() async throws {
        try await Self.withServer { port in
            let second = StatusServer(address: ListenAddress(host: "127.0.0.1", port: port), pages: Self.pages, logger: Self.quiet)
            await #expect { try await second.run() } throws: { error in
                "\(error)".hasPrefix("cannot listen on 127.0.0.1:\(port): ")
            }
        }
    }

    static var short: StatusServer.Limits {
        var limits = StatusServer.Limits()
        limits.requestTimeout = .seconds(1)
        limits.maxConnections = 3
        return limits
    }

    @Test func connectionsBeyondTheLimitAreClosedAsTheyOpen() async throws {
        try await Self.withServer(limits: Self.short) { port in
            let (held, refused) = try await RawSocket.onThread { () -> ([RawSocket], (text: String, closed: Bool)) in
                let held = try (0..<3).map { _ in try RawSocket(port: port) }
                let fourth = try RawSocket(port: port)
                fourth.send("GET /readyz HTTP/1.1\r\nHost: a\r\n\r\n")
                return (held, fourth.receive(timeout: .milliseconds(900)))
            }
            #expect(refused.closed && refused.text.isEmpty)
            withExtendedLifetime(held) {}
            // Once the held ones time out and close, new connections are served again.
            try await Task.sleep(for: .milliseconds(1500))
            let answer = try await Self.request(port, "GET /readyz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
            #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"))
        }
    }

    @Test func slowBodiesOversizedBodiesAndIdleKeepAlivesAreCutOff() async throws {
        try await Self.withServer(limits: Self.short) { port in
            let results = try await RawSocket.onThread { () -> [(text: String, closed: Bool)] in
                // A body announced and never sent: closed at the request timeout, unanswered.
                let slow = try RawSocket(port: port)
                slow.send("POST /metrics HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000\r\n\r\nab")
                // A body larger than a head may be: closed as it arrives.
                let big = try RawSocket(port: port)
                big.send("POST /metrics HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n" + String(repeating: "x", count: 100_000))
                // One answer, then silence: the kept-alive connection closes at the timeout.
                let idle = try RawSocket(port: port)
                idle.send("GET /readyz HTTP/1.1\r\nHost: a\r\n\r\n")
                return [slow.receive(timeout: .seconds(3)), big.receive(timeout: .seconds(3)), idle.receive(timeout: .seconds(3))]
            }
            #expect(results[0].closed && results[0].text.isEmpty)
            #expect(results[1].closed && results[1].text.isEmpty)
            #expect(results[2].closed && results[2].text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        }
    }
}
