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

    /// Runs a server on a free port while `body` runs, beside `stage` when given.
    static func withServer(pages: StatusPages = pages, stage: (any Stage)? = nil, _ body: @Sendable (Int) async throws -> Void) async throws {
        // Port 0: the system picks a free port, and the server says which.
        let bound = AsyncStream<Int>.makeStream()
        let server = StatusServer(address: ListenAddress(host: "127.0.0.1", port: 0), pages: pages, logger: quiet,
                                  onBound: { bound.continuation.yield($0.port) })
        let running = Task {
            if let stage {
                _ = await StageRunner.run(stage, schedule: LoopSchedule(once: false, interval: .milliseconds(200)), logger: quiet, services: [server])
            } else {
                try await server.run()
            }
        }
        defer { running.cancel() }
        var iterator = bound.stream.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await body(port)
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
        try await Self.withServer(stage: stage) { port in
            // 200 idle connections, held open throughout.
            let idle = try await RawSocket.onThread { try (0..<200).map { _ in try RawSocket(port: port) } }
            async let slow: Duration = RawSocket.onThread {
                // A head sent byte by byte, for up to a minute: cut off after the head timeout (10 s).
                let socket = try RawSocket(port: port)
                let started = ContinuousClock.now
                let head = Array("GET /metrics HTTP/1.1\r\nX-Slow: " + String(repeating: "a", count: 10_000))
                for byte in head {
                    guard socket.send(String(byte)), ContinuousClock.now - started < .seconds(60) else { break }
                    if socket.receive(timeout: .milliseconds(100)).closed { break }
                }
                return ContinuousClock.now - started
            }
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
            // Cut off at the head timeout, far short of the minute it would have taken (the bound
            // is loose: the whole suite shares two cores with this test).
            #expect(cutOff >= .seconds(9) && cutOff < .seconds(30), "the slow client was cut off after \(cutOff)")
            withExtendedLifetime(idle) {}
        }
        // Iterations every 200 ms went on throughout the 15 s of abuse, never held up for long.
        #expect(stage.starts.withLock { $0.count } > 20)
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
}
