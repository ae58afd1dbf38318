import FakeGitHub
import Foundation
import Synchronization
import Testing
@testable import VelodromeKit

/// The database server restarts while fetch writes to it: the run completes or fails cleanly,
/// naming the server, and the next run completes the mirror. Runs on a server of its own.
@Suite struct ServerRestartTests {
    /// `pg_ctl restart` as the postgres user, spawned and waited for on a thread of its own. Not
    /// through `VelodromeProcess`: the server it starts would hold its pipes open for ever.
    static func restart(bin: String, data: String) async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let arguments = ["/usr/sbin/runuser", "-u", "postgres", "--", "\(bin)/pg_ctl", "-D", data, "-m", "fast", "-w", "-l", "\(data)/../log", "restart"]
                var pointers = arguments.map { strdup($0) } + [nil]
                defer { pointers.forEach { free($0) } }
                var pid: pid_t = 0
                guard posix_spawn(&pid, arguments[0], nil, nil, &pointers, environ) == 0 else { return continuation.resume(returning: -1) }
                var status: Int32 = 0
                waitpid(pid, &status, 0)
                continuation.resume(returning: status)
            }
        }
    }

    @Test(Integration.postgresRestart) func restartMidFetchLosesNothing() async throws {
        let server = try #require(Integration.restartablePostgres, "VELODROME_TEST_POSTGRES_RESTART_URL is not set: scripts/test starts it")
        let admin = try PostgresLocation(parsing: server.url, passwordFile: nil, environment: [:])
        let name = "velodrome_restart_\(UInt32.random(in: 0...UInt32.max))"
        try await PostgresDatabase.execute(["CREATE DATABASE \(name)"], at: admin, logger: TestDatabase.quiet)
        var components = try #require(URLComponents(string: server.url))
        components.path = "/\(name)"
        let url = try #require(components.string)

        try await FetchHarness.with { harness in
            harness.github.addRepository(Scenarios.sized(issues: 2500, eventsPerIssue: 2, commentsPerIssue: 1))
            harness.github.inject(.stall(seconds: 0.05, then: nil), times: 10_000) { _ in true }
            let environment = VelodromeProcess.cleanEnvironment(["GITHUB_TOKEN": FetchHarness.token])
            let arguments = ["fetch", "--once", "--repository", "big/repo", "--github-url", harness.github.baseURL.absoluteString, "--database", url]
            let fetch = try VelodromeProcess.start(arguments, environment: environment)
            let started = ContinuousClock.now
            while harness.github.requests.count < 8, ContinuousClock.now - started < .seconds(30) { try await Task.sleep(for: .milliseconds(20)) }
            try #require(harness.github.requests.count >= 8, "fetch made \(harness.github.requests.count) requests")
            #expect(await Self.restart(bin: server.bin, data: server.data) == 0)
            // A fetch that hung on a dead connection would hang the suite: end it, and fail, well
            // after a statement's deadline.
            let pid = fetch.pid, finished = Mutex(false)
            Thread.detachNewThread {
                sleep(150)
                // Only a fetch still running: once it has ended, its pid may be another process's.
                finished.withLock { if !$0 { kill(pid, SIGKILL) } }
            }
            let interrupted = await fetch.finish()
            finished.withLock { $0 = true }
            // A statement the restart cut off was rolled back and sent again once the server
            // answered (or the restart fell between statements, and the pool reconnected).
            #expect(interrupted.status == 0, "\(interrupted.stderr)")
            for line in interrupted.stderr.split(separator: "\n") where line.contains("trying again in") {
                #expect(line.contains("PostgreSQL at \(admin.host):\(admin.port)/\(name): "), "\(line)")
            }
            #expect(!interrupted.stderr.contains("velodrome-test-password"))

            let database = try await TestDatabase.existing(url)
            let truth = try #require(harness.github.repository("big/repo"))
            #expect(try await database.store.issues(repository: "big/repo") == Truth.issues(truth))
            #expect(try await database.store.events(repository: "big/repo") == Truth.events(truth))
            #expect(try await database.store.comments(repository: "big/repo") == Truth.comments(truth))
            try await database.close()
        }
    }
}
