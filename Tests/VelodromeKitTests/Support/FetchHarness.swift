import FakeGitHub
import Foundation
import Logging
import Synchronization
import TestSupport
import Testing
@testable import VelodromeKit

/// A fake GitHub on 127.0.0.1, a fresh mirror of one backend (a SQLite file in a temporary
/// directory, or a database of the test PostgreSQL server), and a fetch stage between them.
final class FetchHarness: Sendable {
    /// Scenario times start here (2023-11-14T22:13:20Z) ...
    static let start: Int64 = 1_700_000_000
    /// ... and GitHub's clock reads this when a test begins: later than any scenario time, and
    /// far from the local clock, so tests can tell which clock a value came from.
    static let githubNow: Int64 = start + 100_000
    static let token = "ghp_test_token_0123456789"

    let github: FakeGitHub
    let clock: FakeClock
    let directory: TemporaryDirectory
    let database: TestDatabase
    let sleeper: InstantSleeper

    var store: SQLMirrorStore { database.store }

    private init(clock: FakeClock, directory: TemporaryDirectory, database: TestDatabase) async throws {
        self.clock = clock
        self.directory = directory
        self.database = database
        sleeper = InstantSleeper(clock: clock)
        github = FakeGitHub(clock: { clock.now })
        try await github.start()
        github.addToken(Self.token, login: "tester")
    }

    /// Runs `body` with a started harness on `backend`, and always stops the server and closes the database.
    static func with(_ backend: Backend = .sqlite, _ body: (FetchHarness) async throws -> Void) async throws {
        try await ServerSlots.shared.with { try await run(backend, body) }
    }

    private static func run(_ backend: Backend, _ body: (FetchHarness) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        try await TestDatabase.with(backend, in: directory) { database in
            let harness = try await FetchHarness(clock: FakeClock(githubNow), directory: directory, database: database)
            do {
                try await body(harness)
                try await harness.github.stop()
            } catch {
                try? await harness.github.stop()
                throw error
            }
        }
    }

    var tokenFile: Secret { Secret(Self.token, origin: "token file /run/secrets/github") }

    /// fetch's default margin for items GitHub shows late.
    static let settle: Duration = .seconds(300)

    /// Jitter is fixed at half its range, and GitHub's clock moves only with the fake clock, so
    /// tests assert exact waits however slowly the machine runs.
    /// REST only unless `graphQL` says otherwise: most suites test the REST path.
    func stage(_ repositories: [String], tokens: [Secret]? = nil, maxWait: Duration? = nil, timeout: Duration = .seconds(5),
               settle: Duration = FetchHarness.settle, graphQL: GraphQLMode = .never, metrics: MetricsRegistry = MetricsRegistry(),
               logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })) throws -> FetchStage {
        let settings = FetchSettings(
            repositories: try repositories.map { try RepositoryName(parsing: $0) },
            githubURL: github.baseURL, tokens: tokens ?? [tokenFile], requestTimeout: timeout, maxWait: maxWait, settle: settle, graphQL: graphQL)
        return FetchStage(settings: settings, store: store, transport: URLSessionTransport(timeout: timeout), sleeper: sleeper,
                          jitter: .fixed(0.5), elapsed: { [clock] in .seconds(clock.now) }, metrics: metrics, logger: logger, liveProgress: false)
    }

    @discardableResult
    func fetch(_ repositories: [String], tokens: [Secret]? = nil, maxWait: Duration? = nil, timeout: Duration = .seconds(5),
               settle: Duration = FetchHarness.settle, graphQL: GraphQLMode = .never) async throws -> IterationOutcome {
        try await stage(repositories, tokens: tokens, maxWait: maxWait, timeout: timeout, settle: settle, graphQL: graphQL).runIteration(stop: .never)
    }

    /// The request targets since the last reset, in order.
    var targets: [String] { github.requests.map(\.target) }

    func expectMirrorEqualsTruth(_ fullName: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let truth = try #require(github.repository(fullName), sourceLocation: sourceLocation)
        let key = fullName.lowercased()
        #expect(try await store.issues(repository: key) == Truth.issues(truth), sourceLocation: sourceLocation)
        #expect(try await store.events(repository: key) == Truth.events(truth), sourceLocation: sourceLocation)
        #expect(try await store.comments(repository: key) == Truth.comments(truth), sourceLocation: sourceLocation)
    }

    /// As `expectMirrorEqualsTruth`, for a mirror whose older events came from GraphQL's
    /// timelines: those carry their node id and a surrogate id made from it instead of REST's,
    /// and are otherwise the same rows; no event is held twice.
    func expectMirrorEqualsTruthAcrossAPIs(_ fullName: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let truth = try #require(github.repository(fullName), sourceLocation: sourceLocation)
        let key = fullName.lowercased()
        #expect(try await store.issues(repository: key) == Truth.issues(truth), sourceLocation: sourceLocation)
        #expect(try await store.comments(repository: key) == Truth.comments(truth), sourceLocation: sourceLocation)
        let restIDs = Dictionary(uniqueKeysWithValues: truth.events.map { ($0.nodeID, $0.id) })
        var events = try await store.events(repository: key)
        for index in events.indices where events[index].id < 0 {
            let node = try #require(events[index].nodeID, sourceLocation: sourceLocation)
            #expect(events[index].id == EventRecord.surrogateID(nodeID: node), sourceLocation: sourceLocation)
            events[index].id = restIDs[node] ?? events[index].id
        }
        #expect(events.sorted { $0.id < $1.id } == Truth.events(truth), sourceLocation: sourceLocation)
    }

    func expectNoRateLimitPolling(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!targets.contains { $0.hasPrefix("/rate_limit") }, sourceLocation: sourceLocation)
    }
}

/// What the mirror must hold for a fake repository, in the store's order.
enum Truth {
    static func login(_ actor: FakeActor) -> String { actor.login ?? "ghost" }

    static func issues(_ repository: FakeRepository) -> [IssueRecord] {
        repository.issues.sorted { $0.number < $1.number }.map { issue in
            IssueRecord(number: Int64(issue.number), githubID: issue.id, title: issue.title, body: issue.body ?? "",
                        user: login(issue.user), state: issue.state, comments: Int64(issue.comments),
                        isPullRequest: issue.isPullRequest, closedAt: issue.closedAt.map(Timestamp.init(seconds:)),
                        createdAt: Timestamp(seconds: issue.createdAt), updatedAt: Timestamp(seconds: issue.updatedAt),
                        mergedAt: issue.mergedAt.map(Timestamp.init(seconds:)),
                        labels: issue.labels.sorted(), assignees: issue.assignees.sorted())
        }
    }

    static func events(_ repository: FakeRepository) -> [EventRecord] {
        repository.events.sorted { $0.id < $1.id }.map { event in
            EventRecord(id: event.id, nodeID: event.nodeID, issueNumber: Int64(event.issueNumber), event: event.event, label: event.label,
                        assignee: event.assignee, actor: login(event.actor), createdAt: Timestamp(seconds: event.createdAt))
        }
    }

    static func comments(_ repository: FakeRepository) -> [CommentRecord] {
        func records(_ comments: [FakeComment], review: Bool) -> [CommentRecord] {
            comments.sorted { $0.id < $1.id }.map { comment in
                CommentRecord(id: comment.id, nodeID: comment.nodeID(review: review), issueNumber: Int64(comment.issueNumber), body: comment.body, user: login(comment.user),
                              createdAt: Timestamp(seconds: comment.createdAt), updatedAt: Timestamp(seconds: comment.updatedAt),
                              isReviewComment: review)
            }
        }
        return records(repository.issueComments, review: false) + records(repository.reviewComments, review: true)
    }
}

/// Small repositories with every shape the mirror must handle.
enum Scenarios {
    static let start = FetchHarness.start

    /// Issues and PRs, deleted accounts in both shapes, every event kind the metrics use plus an
    /// unknown one, issue comments and a review comment.
    static func small() -> FakeRepository {
        var repository = FakeRepository(owner: "Acme", name: "Widgets", id: 4242)
        repository.addIssue(title: "Crash on start", user: "alice", at: start, body: "It crashes", labels: ["bug"])
        repository.addIssue(title: "Add feature", user: "bob", isPullRequest: true, at: start + 10)
        repository.addIssue(title: "From a deleted account", user: .null, at: start + 20)
        repository.addIssue(title: "Ghost PR", user: .ghost, isPullRequest: true, at: start + 30)
        repository.addEvent(issue: 2, event: "labeled", actor: "carol", label: "lgtm", at: start + 100)
        repository.addEvent(issue: 2, event: "merged", actor: "k8s-merge-robot", at: start + 110)
        repository.addEvent(issue: 2, event: "closed", actor: "k8s-merge-robot", at: start + 110)
        repository.addEvent(issue: 1, event: "assigned", actor: "alice", assignee: "dave", at: start + 120)
        repository.addEvent(issue: 1, event: "some_future_event", actor: .null, at: start + 130)
        repository.addEvent(issue: 1, event: "unlabeled", actor: .ghost, label: "bug", at: start + 140)
        repository.addComment(issue: 1, body: "/lgtm", user: "carol", at: start + 200)
        repository.addComment(issue: 2, body: "review note", user: "dave", at: start + 210, review: true)
        repository.addComment(issue: 2, body: "thanks", user: .null, at: start + 220)
        return repository
    }

    /// `issues` issues updated a second apart, each with `eventsPerIssue` events and `commentsPerIssue` comments.
    static func sized(issues: Int, eventsPerIssue: Int = 0, commentsPerIssue: Int = 0, owner: String = "big", name: String = "repo",
                      id: Int64 = 777) -> FakeRepository {
        var repository = FakeRepository(owner: owner, name: name, id: id)
        var time = start
        for number in 1...issues {
            repository.addIssue(title: "Issue \(number)", user: "user\(number % 7)", isPullRequest: number % 2 == 0, at: time)
            time += 1
        }
        for round in 0..<max(eventsPerIssue, commentsPerIssue) {
            for number in 1...issues {
                if round < eventsPerIssue {
                    let label = "label-\(round % 3)"
                    repository.addEvent(issue: number, event: round % 2 == 0 ? "labeled" : "unlabeled", actor: "bot", label: label, at: time)
                    time += 1
                }
                if round < commentsPerIssue {
                    repository.addComment(issue: number, body: "comment \(round)", user: "user\(round % 5)", at: time, review: number % 4 == 0)
                    time += 1
                }
            }
        }
        return repository
    }
}
