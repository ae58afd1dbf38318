import FakeGitHub
import Foundation
import TestSupport
import Testing
@testable import VelodromeKit

/// fetch from the fake GitHub, then transform with the shipped config.yaml, both as processes:
/// every kubernetes metric holds exactly the reference points, in each output.
@Suite(.serialized) struct TransformEndToEndTests {
    static let repository = "kubernetes/test-infra"

    /// Pull requests and issues with the kubernetes workflow: lgtm/approve comments and labels,
    /// needs-rebase, merges and closes by the merge robot, retest comments.
    static func kubernetesLike(seed: UInt64, owner: String = "kubernetes", name: String = "test-infra") -> FakeRepository {
        var random = SeededRandom(seed)
        var repository = FakeRepository(owner: owner, name: name, id: 4242)
        let people: [FakeActor] = ["alice", "bob", "carol", "dave", "k8s-merge-robot", "k8s-ci-robot", .null]
        var time = FetchHarness.start
        for _ in 0..<60 {
            time += Int64(random.next(3))
            repository.addIssue(title: "change", user: people[random.next(4)], isPullRequest: random.next(4) != 0, at: time)
        }
        let bodies = ["/lgtm", "/approve", "thanks!", "@k8s-bot unit test this", "/lgtm\n/approve", "/lgtm cancel"]
        for _ in 0..<700 {
            time += Int64(random.next(4))
            let number = 1 + random.next(60)
            switch random.next(10) {
            case 0, 1: repository.addComment(issue: number, body: bodies[random.next(bodies.count)], user: people[random.next(people.count)], at: time, review: random.next(3) == 0)
            case 2: repository.addEvent(issue: number, event: "labeled", actor: "k8s-ci-robot", label: ["lgtm", "approved", "needs-rebase"][random.next(3)], at: time)
            case 3: repository.addEvent(issue: number, event: "unlabeled", actor: "k8s-ci-robot", label: ["lgtm", "approved", "needs-rebase"][random.next(3)], at: time)
            case 4: repository.addEvent(issue: number, event: "merged", actor: "k8s-merge-robot", at: time)
            case 5: repository.addEvent(issue: number, event: "closed", actor: people[random.next(people.count)], at: time)
            case 6: repository.addEvent(issue: number, event: "reopened", actor: people[random.next(4)], at: time)
            default: repository.addEvent(issue: number, event: "labeled", actor: people[random.next(4)], label: "size/M", at: time)
            }
        }
        return repository
    }

    func expected(_ truth: FakeRepository, _ metric: MetricDefinition) -> [MetricPoint] {
        ReferenceCount.points(metric, repository: Self.repository, issues: Truth.issues(truth), events: Truth.events(truth),
                              comments: Truth.comments(truth), until: FetchHarness.githubNow)
    }

    /// Runs `velodrome fetch` into the harness's database; returns its `--database` URL.
    func fetched(_ harness: FetchHarness) async throws -> String {
        let database = harness.database.url
        let result = try await VelodromeProcess.run(["fetch", "--once", "--repository", Self.repository, "--github-url", harness.github.baseURL.absoluteString,
                                               "--database", database],
                                              environment: VelodromeProcess.cleanEnvironment(["GITHUB_TOKEN": FetchHarness.token]))
        #expect(result.status == 0, "\(result.stderr)")
        return database
    }

    @Test(arguments: Backend.all) func everyShippedMetricIntoTheEmbeddedStoreAndStdout(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Self.kubernetesLike(seed: 8))
            let database = try await fetched(harness)
            let config = RepositoryRoot.path("config.yaml")
            let transform = try await VelodromeProcess.run(["transform", "--once", "--repository", Self.repository, "--database", database, "--config", config])
            #expect(transform.status == 0, "\(transform.stderr)")
            let truth = try #require(harness.github.repository(Self.repository))
            let metrics = try ConfigurationLoader.load(path: config).metrics(for: try RepositoryName(parsing: Self.repository))
            #expect(metrics.count == 15)
            let store = harness.store
            var total = 0
            for metric in metrics {
                let points = try await store.points(measurement: metric.name, repository: Self.repository)
                #expect(points == expected(truth, metric), "\(metric.name)")
                total += points.count
            }
            #expect(total > 300)
            // Every new metric has points to check here, not only the old ones.
            for name in ["time-to-first-response", "time-to-lgtm", "time-to-approve", "lgtm-to-merge", "time-to-merge", "new-contributors"] {
                #expect(try await !store.points(measurement: name, repository: Self.repository).isEmpty, "\(name)")
            }

            let stdout = try await VelodromeProcess.run(["transform", "--once", "--repository", Self.repository, "--database", database,
                                                   "--config", config, "--metric", "lgtmed,contributions", "--output", "-"])
            #expect(stdout.status == 0)
            let lines = stdout.stdout.split(separator: "\n").map(String.init)
            let wanted = (expected(truth, metrics[4]) + expected(truth, metrics[1])).map(LineProtocol.line)
            #expect(lines.sorted() == wanted.sorted())
        }
    }

    @Test(arguments: Backend.all) func originalSingleMetricForm(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Self.kubernetesLike(seed: 9))
            let database = try await fetched(harness)
            let arguments = ["--no-issues", "--ignore-authors=k8s-merge-robot", "--event=labeled:lgtm", "--comments=(?m)^/lgtm$", "--log-author"]
            let result = try await VelodromeProcess.run(["transform", "--once", "--repository", Self.repository, "--database", database,
                                                   "--output", "-", "--name", "lgtmer", "count"] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            let truth = try #require(harness.github.repository(Self.repository))
            let metric = try MetricDefinition(name: "lgtmer", plugin: "count", arguments: arguments)
            #expect(result.stdout == LineProtocol.lines(expected(truth, metric)))
        }
    }

    @Test(Integration.influx, arguments: Backend.all) func everyShippedMetricIntoInfluxDB(backend: Backend) async throws {
        try await FetchHarness.with(backend) { harness in
            harness.github.addRepository(Self.kubernetesLike(seed: 10))
            let database = try await fetched(harness)
            let influx = try Integration.influxOrFail()
            let influxDatabase = InfluxDBTests.freshDatabase()
            let config = RepositoryRoot.path("config.yaml")
            let result = try await VelodromeProcess.run(["transform", "--once", "--repository", Self.repository, "--database", database, "--config", config,
                                                   "--influx-host", influx.absoluteString, "--influx-database", influxDatabase, "--create-database"])
            #expect(result.status == 0, "\(result.stderr)")
            let truth = try #require(harness.github.repository(Self.repository))
            let query = InfluxQuery(url: influx, database: influxDatabase)
            for metric in try ConfigurationLoader.load(path: config).metrics(for: try RepositoryName(parsing: Self.repository)) {
                let series = try await query.select("SELECT * FROM \(InfluxQL.identifier(metric.name))")
                #expect(series?.values.map { Int64($0[0])! } ?? [] == expected(truth, metric).map(\.time), "\(metric.name)")
            }
        }
    }

    @Test(arguments: [
        (["transform", "--name", "x", "count", "--no-issues", "--no-pull-requests", "--repository", "a/b"],
         "velodrome transform: --repository is an option of transform, not of count: put it before count"),
        (["transform", "--repository", "a/b", "--name", "x", "count", "--no-issues", "--no-pull-requests"],
         "velodrome transform: count: --no-issues and --no-pull-requests together would count nothing"),
        (["transform", "--repository", "a/b", "count", "--event=merged"],
         "velodrome transform: count needs --name METRIC, the name of the metric its arguments define"),
        (["transform", "--repository", "a/b", "--name", "x", "count", "--state=opened,commented"],
         "velodrome transform: count: --state: \"commented\" cannot be part of a state (comments do not change state): \"opened,commented\""),
        (["transform", "--project", "kubernetes", "--metric", "lgtmr"],
         "velodrome transform: no metric \"lgtmr\" for the selected repositories; did you mean lgtmer? (they have approved, approver, contributions, lgtm-to-merge, lgtmed, lgtmer, merge, needs-rebase, new-contributors, open, testthis, time-to-approve, time-to-first-response, time-to-lgtm, time-to-merge)"),
        (["transform", "--project", "kubernetes", "--influx-host", "http://a:1", "--influx-url", "http://b:2"],
         "velodrome transform: give --influx-host (InfluxDB 1.x) or --influx-url (InfluxDB 2/3), not both"),
        (["transform", "--project", "kubernetes", "--influx-url", "http://b:2", "--influx-org", "o", "--influx-bucket", "b"],
         "velodrome transform: --influx-url needs a token: --influx-token-file, or INFLUX_TOKEN"),
        (["transform", "--project", "kubernetes", "--output", "out.txt"],
         "velodrome transform: --output takes - (standard output), got \"out.txt\""),
    ])
    func badUsageExitsTwo(arguments: [String], message: String) async throws {
        let result = try await VelodromeProcess.run(["transform", "--config", RepositoryRoot.path("config.yaml"), "--database", "sqlite:/nonexistent/x.db"]
                                              + arguments.dropFirst())
        #expect(result.status == 2)
        #expect(result.stderr == message + "\n")
    }
}
