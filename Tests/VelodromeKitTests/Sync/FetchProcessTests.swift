import FakeGitHub
import Foundation
import Synchronization
import TestSupport
import Testing
@testable import VelodromeKit

/// `velodrome fetch` as a process: killed at any moment, stopped by a signal, exit statuses.
@Suite(.serialized) struct FetchProcessTests {
    /// fetch against the harness's GitHub and database (a SQLite file, or the PostgreSQL database).
    func arguments(_ harness: FetchHarness, _ repositories: [String]) -> [String] {
        ["fetch", "--github-url", harness.github.baseURL.absoluteString, "--database", harness.database.url, "--log-format", "json"]
            + repositories.flatMap { ["--repository", $0] }
    }

    func environment(token: String = FetchHarness.token) -> [String: String] {
        VelodromeProcess.cleanEnvironment(["GITHUB_TOKEN": token])
    }

    @Test(arguments: Backend.all) func killedAtAnyMomentThenRerunEqualsAnUninterruptedRun(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.sized(issues: 1500, eventsPerIssue: 3, commentsPerIssue: 2))
            let arguments = arguments(harness, ["big/repo"]) + ["--once"]
            // Each run is killed from the fake server's own thread (so however busy the test tasks
            // are) a few milliseconds after a different number of its requests: kills land between
            // pages, mid-request and mid-commit alike.
            let killAt = Mutex<(pid: pid_t, request: Int, delay: Int)?>(nil)
            let served = Mutex(0)
            harness.github.onRequest { _, _ in
                let count = served.withLock { $0 += 1; return $0 }
                guard let target = killAt.withLock({ $0 }), count == target.request else { return }
                Thread.detachNewThread {
                    usleep(UInt32(target.delay) * 1000)
                    kill(target.pid, SIGKILL)
                }
            }
            var random = SeededRandom(42)
            var kills = 0
            for requests in [2, 5, 9, 3, 12, 7, 4, 15] {
                let process = try VelodromeProcess.start(arguments, environment: environment())
                let start = served.withLock { $0 }
                killAt.withLock { $0 = (process.pid, start + requests, random.next(20)) }
                _ = await process.finish()
                killAt.withLock { $0 = nil }
                if process.wasKilled { kills += 1 }
            }
            #expect(kills >= 6)
            let final = try await VelodromeProcess.run(arguments, environment: environment())
            #expect(final.status == 0, "\(final.stderr)")
            let store = harness.store
            let truth = try #require(harness.github.repository("big/repo"))
            #expect(try await store.issues(repository: "big/repo") == Truth.issues(truth))
            #expect(try await store.events(repository: "big/repo") == Truth.events(truth))
            #expect(try await store.comments(repository: "big/repo") == Truth.comments(truth))

            // A finished sync run again changes nothing and costs only 304s.
            harness.github.resetRequests()
            let again = try await VelodromeProcess.run(arguments, environment: environment())
            #expect(again.status == 0)
            #expect(harness.github.requests.map(\.status) == [304, 304, 304, 304])
            #expect(try await store.issues(repository: "big/repo") == Truth.issues(truth))
        }
    }

    /// The same, where the older events come from GraphQL's timelines: each batch commits with
    /// its cursor, and a batch read again after a kill stores nothing twice.
    @Test(arguments: Backend.all) func killedDuringTheGraphQLBackfillThenRerunEqualsTheTruth(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.eventsPageLimit = 2
            harness.github.cursorThreshold = 100_000
            harness.github.addRepository(FetchGraphQLTests.repository())
            let arguments = arguments(harness, ["big/repo"]) + ["--once", "--graphql", "always"]
            let killAt = Mutex<(pid: pid_t, query: Int)?>(nil)
            let queries = Mutex(0)
            harness.github.onRequest { request, _ in
                guard request.method == "POST" else { return }
                let count = queries.withLock { $0 += 1; return $0 }
                guard let target = killAt.withLock({ $0 }), count == target.query else { return }
                kill(target.pid, SIGKILL)
            }
            var kills = 0
            for query in [1, 2, 3] {
                let process = try VelodromeProcess.start(arguments, environment: environment())
                let start = queries.withLock { $0 }
                killAt.withLock { $0 = (process.pid, start + query) }
                _ = await process.finish()
                killAt.withLock { $0 = nil }
                if process.wasKilled { kills += 1 }
            }
            #expect(kills == 3)
            let final = try await VelodromeProcess.run(arguments, environment: environment())
            #expect(final.status == 0, "\(final.stderr)")
            try await harness.expectMirrorEqualsTruthAcrossAPIs("big/repo")
        }
    }

    @Test(arguments: Backend.all) func sigtermStopsTheLoopCleanlyWithStatusZero(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.sized(issues: 600, eventsPerIssue: 2))
            harness.github.inject(.stall(seconds: 0.2, then: nil), times: 10_000) { _ in true }
            let process = try VelodromeProcess.start(arguments(harness, ["big/repo"]) + ["--interval", "1h"], environment: environment())
            while harness.github.requests.count < 4 { try await Task.sleep(for: .milliseconds(50)) }
            let signalled = ContinuousClock.now
            process.signal(SIGTERM)
            let result = await process.finish()
            #expect(result.status == 0)
            #expect(ContinuousClock.now - signalled < .seconds(5))
            #expect(result.stderr.contains("stopped on request at a clean boundary"))

            // What was committed is consistent: a later run completes the mirror.
            let final = try await VelodromeProcess.run(arguments(harness, ["big/repo"]) + ["--once"], environment: environment())
            #expect(final.status == 0)
            let store = harness.store
            let truth = try #require(harness.github.repository("big/repo"))
            #expect(try await store.issues(repository: "big/repo") == Truth.issues(truth))
            #expect(try await store.events(repository: "big/repo") == Truth.events(truth))
        }
    }

    @Test(arguments: Backend.all) func summaryLineCountsTheWork(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            let result = try await VelodromeProcess.run(arguments(harness, ["Acme/Widgets"]) + ["--once"],
                                                  environment: environment())
            #expect(result.status == 0)
            let line = try #require(result.stderr.split(separator: "\n").first { $0.contains("\"message\":\"synced acme/widgets\"") })
            let summary = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            #expect(summary["level"] as? String == "info")
            #expect(summary["fetched"] as? Int == 16)
            #expect(summary["written"] as? Int == 13)
            #expect(summary["requests"] as? Int == 7)
            #expect(summary["not_modified"] as? Int == 0)
            #expect(summary["quota_remaining"] as? Int == 4993)
            #expect(summary["issues"] as? Int == 5)
            #expect(summary["events"] as? Int == 6)
            #expect(summary["seconds"] != nil)
        }
    }

    @Test(arguments: Backend.all) func exitStatusSaysWhetherEveryRepositorySynced(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            let partial = try await VelodromeProcess.run(arguments(harness, ["acme/missing", "Acme/Widgets"]) + ["--once"],
                                                   environment: environment())
            #expect(partial.status == 1)
            #expect(partial.stderr.contains("acme/missing did not sync: GitHub has no /repos/acme/missing/issues (404)"))
            #expect(partial.stderr.contains("\"message\":\"synced acme/widgets\""))
        }
    }

    @Test(arguments: Backend.all) func badTokenExitsOneNamingTheFileNeverTheToken(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Scenarios.small())
            let tokenFile = try harness.directory.write("token", "ghp_not_a_real_token_42\n")
            var arguments = arguments(harness, ["Acme/Widgets"]) + ["--once", "--token-file", tokenFile]
            arguments.removeAll { $0 == "json" || $0 == "--log-format" }
            let result = try await VelodromeProcess.run(arguments, environment: VelodromeProcess.cleanEnvironment())
            #expect(result.status == 1)
            #expect(result.stderr.contains("GitHub refused the token from token file \(tokenFile) (401 Bad credentials)"))
            #expect(!result.stderr.contains("ghp_not_a_real_token_42"))
            #expect(!result.stdout.contains("ghp_not_a_real_token_42"))
        }
    }

    @Test func configurationProblemsExitTwo() async throws {
        let directory = try TemporaryDirectory()
        let missing = try await VelodromeProcess.run(["fetch", "--once", "--token-file", directory.path("nope")])
        #expect(missing.status == 2)
        #expect(missing.stderr == "velodrome fetch: cannot read secret file \(directory.path("nope")): No such file or directory\n")
        let badRepository = try await VelodromeProcess.run(["fetch", "--once", "--repository", "kubernetes"])
        #expect(badRepository.status == 2)
        #expect(badRepository.stderr == "velodrome fetch: --repository: repository \"kubernetes\" is not in owner/name form\n")
        let noConfig = try await VelodromeProcess.run(["fetch", "--once", "--config", directory.path("config.yaml")])
        #expect(noConfig.status == 2)
        #expect(noConfig.stderr == "velodrome fetch: \(directory.path("config.yaml")): cannot read the configuration file \(directory.path("config.yaml")): No such file or directory\n")
        let project = try await VelodromeProcess.run(["fetch", "--once", "--project", "kubernets", "--config", RepositoryRoot.path("config.yaml")])
        #expect(project.status == 2)
        #expect(project.stderr == "velodrome fetch: unknown project \"kubernets\"; did you mean kubernetes? (\(RepositoryRoot.path("config.yaml")) has kubernetes, istio, tensorflow, beam)\n")
        let database = try await VelodromeProcess.run(["fetch", "--once", "--repository", "a/b", "--database", "mysql://db/github"])
        #expect(database.status == 2)
        #expect(database.stderr == "velodrome fetch: --database: unknown database kind \"mysql\" in mysql://db/github; use sqlite:PATH or postgres://USER@HOST/DATABASE\n")
    }

    /// Tokens from a Secret mounted as a directory, as in a Kubernetes pod.
    @Test func tokensFromAMountedSecretDirectory() async throws {
        try await FetchHarness.with { harness in
            harness.github.addRepository(Scenarios.sized(issues: 30, eventsPerIssue: 1))
            let mount = try GitHubTokensTests.secretMount(["fetch-bot": FetchHarness.token])
            let result = try await VelodromeProcess.run(arguments(harness, ["big/repo"]) + ["--once", "--token-dir", mount.url.path],
                                                        environment: VelodromeProcess.cleanEnvironment())
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("no GitHub token"))
            try await harness.expectMirrorEqualsTruth("big/repo")
        }
    }
}
