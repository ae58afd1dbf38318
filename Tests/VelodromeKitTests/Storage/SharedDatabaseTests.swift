import FakeGitHub
import Foundation
import Testing
@testable import VelodromeKit

/// A deployment's shape: one fetch per repository and a transform in loop mode, each its own
/// process, all on one PostgreSQL database at once.
@Suite(.serialized) struct SharedDatabaseTests {
    static let repositories = (0..<4).map { "team/repo\($0)" }

    static func configuration(_ directory: TemporaryDirectory) throws -> String {
        var yaml = "projects:\n  team:\n    repositories:\n"
        for (index, repository) in repositories.enumerated() {
            yaml += index == 0 ? "      \(repository): &metrics\n" : "      \(repository): *metrics\n"
            if index == 0 {
                yaml += "        labeled: {plugin: count, args: [\"--event=labeled:label-0\"]}\n"
                yaml += "        commented: {plugin: count, args: [\"--comments=comment\", --log-author]}\n"
                yaml += "        open-labeled: {plugin: count, args: [\"--state=opened,labeled:label-1\", --percentiles=50]}\n"
            }
        }
        return try directory.write("config.yaml", yaml)
    }

    @Test(Integration.postgres) func fourFetchersAndALoopingTransformEqualSingleRuns() async throws {
        try await FetchHarness.with(.postgres) { harness in
            for (index, repository) in Self.repositories.enumerated() {
                let name = String(repository.split(separator: "/")[1])
                harness.github.addRepository(Scenarios.sized(issues: 150 + 40 * index, eventsPerIssue: 3, commentsPerIssue: 2,
                                                             owner: "team", name: name, id: 9000 + Int64(index)))
            }
            let config = try Self.configuration(harness.directory)
            let environment = VelodromeProcess.cleanEnvironment(["GITHUB_TOKEN": FetchHarness.token])
            let transform = try VelodromeProcess.start(["transform", "--interval", "1s", "--database", harness.database.url, "--config", config,
                                                        "--project", "team"], environment: environment)
            let fetchers = try Self.repositories.map { repository in
                try VelodromeProcess.start(["fetch", "--once", "--repository", repository, "--github-url", harness.github.baseURL.absoluteString,
                                            "--database", harness.database.url], environment: environment)
            }
            for fetcher in fetchers {
                let result = await fetcher.finish()
                #expect(result.status == 0, "\(result.stderr)")
            }
            // The looping transform catches up with every watermark, then stops on SIGTERM.
            let metrics = try ConfigurationLoader.load(path: config).metrics(for: try RepositoryName(parsing: Self.repositories[0]))
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                var caughtUp = true
                for repository in Self.repositories {
                    let watermark = try await harness.store.syncState(repository: repository).watermark
                    let checkpoints = try await harness.store.checkpoints(repository: repository, target: "embedded")
                    caughtUp = caughtUp && watermark != nil && metrics.allSatisfy { checkpoints[$0.name]?.through == watermark }
                }
                if caughtUp { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            transform.signal(SIGTERM)
            let stopped = await transform.finish()
            #expect(stopped.status == 0, "\(stopped.stderr)")

            for repository in Self.repositories {
                let truth = try #require(harness.github.repository(repository))
                let issues = try await harness.store.issues(repository: repository)
                let events = try await harness.store.events(repository: repository)
                let comments = try await harness.store.comments(repository: repository)
                #expect(issues == Truth.issues(truth), "\(repository)")
                #expect(events == Truth.events(truth), "\(repository)")
                #expect(comments == Truth.comments(truth), "\(repository)")
                let watermark = try #require(try await harness.store.syncState(repository: repository).watermark)
                for metric in metrics {
                    let expected = ReferenceCount.points(metric, repository: repository, issues: issues, events: events, comments: comments,
                                                         until: watermark.seconds)
                    #expect(!expected.isEmpty)
                    #expect(try await harness.store.points(measurement: metric.name, repository: repository) == expected, "\(repository) \(metric.name)")
                }
            }
        }
    }
}
