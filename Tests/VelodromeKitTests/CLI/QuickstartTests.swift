import FakeGitHub
import Foundation
import Testing
@testable import VelodromeKit

/// `scripts/quickstart`, the README's first command, as a newcomer runs it, against the fake
/// GitHub and with the binary the tests built instead of a release build.
@Suite(.serialized) struct QuickstartTests {
    static let script = URL(fileURLWithPath: RepositoryRoot.path("scripts/quickstart"))

    func run(_ arguments: [String], _ harness: FetchHarness, in directory: TemporaryDirectory,
             token: String? = nil) async throws -> VelodromeProcess.Result {
        var environment = ["GITHUB_API_URL": harness.github.baseURL.absoluteString, "VELODROME_BIN": VelodromeProcess.executable.path,
                           "QUICKSTART_DIR": directory.path("quickstart")]
        if let token { environment["GITHUB_TOKEN"] = token }
        return try await VelodromeProcess.run(arguments, program: Self.script, environment: VelodromeProcess.cleanEnvironment(environment),
                                              directory: directory.url)
    }

    @Test func theDefaultRepositorySyncsAnonymouslyAndEndsWithAPageOfCharts() async throws {
        try await FetchHarness.with { harness in
            harness.github.addRepository(TransformEndToEndTests.kubernetesLike(seed: 5, owner: "kubernetes-sigs", name: "yaml"))
            let directory = try TemporaryDirectory()
            let result = try await run([], harness, in: directory)
            #expect(result.status == 0, "\(result.stderr)")
            let page = directory.path("quickstart/report/quickstart.html")
            #expect(result.stdout.hasSuffix("Open file://\(page)\n"))
            // Five requests to size the lists (549 events: six pages, and the page after), then the
            // sync's 13 (estimated 14); all anonymous, well within GitHub's 60.
            #expect(result.stderr.contains("A first sync of kubernetes-sigs/yaml needs about 14 requests; 55 are left this hour."))
            #expect(harness.github.requests.count == 5 + 13)
            #expect(harness.github.requests.allSatisfy { $0.login == nil })

            // Every metric of the quickstart configuration has points, and the page draws them.
            let store = SQLMirrorStore(database: try SQLiteDatabase(path: directory.path("quickstart/velodrome.db")))
            let measurements = ["merge", "contributions", "open", "open-issues", "time-to-first-response", "time-to-merge", "new-contributors"]
            for measurement in measurements {
                let points = try await store.points(measurement: measurement, repository: "kubernetes-sigs/yaml")
                #expect(!points.isEmpty, "\(measurement)")
            }
            let all = try String(contentsOfFile: directory.path("quickstart/report/quickstart-all.html"), encoding: .utf8)
            #expect(all.components(separatedBy: "class=\"series\"").count - 1 >= measurements.count)
            #expect(!all.contains("not fetched yet"))

            // Run again: the mirror is brought up to date, without sizing the lists again.
            harness.github.resetRequests()
            let again = try await run([], harness, in: directory)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stderr.contains("Updating the mirror of kubernetes-sigs/yaml"))
            #expect(harness.github.requests.map(\.status) == [304, 304, 304, 304])
        }
    }

    @Test func aRepositoryTooBigForAnonymousQuotaSaysHowLongAndStops() async throws {
        try await FetchHarness.with { harness in
            harness.github.eventsPageLimit = 2
            harness.github.addRepository(FetchEstimateTests.repository)
            let directory = try TemporaryDirectory()
            let result = try await run(["big/repo"], harness, in: directory)
            #expect(result.status == 1)
            #expect(result.stderr.contains("""
                A first sync of big/repo needs about 265 requests, more than the 55 left of
                the 60 an hour GitHub allows without a token: it would take about 4 hours.
                With a token it takes less than an hour (5,000 requests an hour).
                """))
            #expect(result.stderr.contains("GITHUB_TOKEN=ghp_... scripts/quickstart big/repo"))
            // Only the estimate's requests were spent, and nothing was written.
            #expect(harness.github.requests.count == 5)
            #expect(!FileManager.default.fileExists(atPath: directory.path("quickstart/velodrome.db")))

            // With a token it goes ahead, the older issues' events read through GraphQL.
            let withToken = try await run(["big/repo"], harness, in: directory, token: FetchHarness.token)
            #expect(withToken.status == 0, "\(withToken.stderr)")
            #expect(withToken.stderr.contains("A first sync of big/repo needs about 15 requests; 4995 are left this hour."))
            #expect(withToken.stdout.hasSuffix("Open file://\(directory.path("quickstart/report/quickstart.html"))\n"))
        }
    }

    /// A TERM to the script alone (as a CI runner or `kill` sends it) reaches the step under way,
    /// which stops after the request it waits for, and nothing after it runs. Without it, bash
    /// would wait for the whole sync, three seconds a request.
    @Test func aTermToTheScriptStopsTheStepAtOnce() async throws {
        try await FetchHarness.with { harness in
            harness.github.addRepository(TransformEndToEndTests.kubernetesLike(seed: 5, owner: "kubernetes-sigs", name: "yaml"))
            harness.github.inject(.stall(seconds: 3, then: nil), times: 1000) { _ in true }
            let directory = try TemporaryDirectory()
            // A mirror exists, so the script goes straight to fetch (and its stalled first request).
            try FileManager.default.createDirectory(atPath: directory.path("quickstart"), withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: directory.path("quickstart/velodrome.db"), contents: nil)
            let environment = ["GITHUB_API_URL": harness.github.baseURL.absoluteString, "VELODROME_BIN": VelodromeProcess.executable.path,
                               "QUICKSTART_DIR": directory.path("quickstart")]
            let script = try VelodromeProcess.start([], program: Self.script, environment: VelodromeProcess.cleanEnvironment(environment),
                                                    directory: directory.url)
            let started = ContinuousClock.now
            while !script.stderrSoFar.contains("==> Fetching"), ContinuousClock.now - started < .seconds(60) {
                try await Task.sleep(for: .milliseconds(50))
            }
            // Time for fetch to start and send its first request, which stalls.
            try await Task.sleep(for: .seconds(1))
            script.signal(SIGTERM)
            let signalled = ContinuousClock.now
            let result = await script.finish()
            #expect(ContinuousClock.now - signalled < .seconds(10))
            #expect(result.status == 130, "\(result.stderr)")
            #expect(result.stderr.contains("==> Fetching kubernetes-sigs/yaml"))
            #expect(!result.stderr.contains("Computing its metrics"))
        }
    }

    @Test(arguments: [["not-a-repository"], ["a/b", "c/d"], ["a/b c"]])
    func badArgumentsExitTwo(arguments: [String]) async throws {
        let directory = try TemporaryDirectory()
        let result = try await VelodromeProcess.run(arguments, program: Self.script, directory: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("usage: scripts/quickstart [OWNER/NAME]"))
    }
}
