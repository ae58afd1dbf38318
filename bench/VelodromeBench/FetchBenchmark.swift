import FakeGitHub
import Foundation

/// Serves a synthetic repository from the fake GitHub and times a release `velodrome fetch --once`
/// against it: requests against the lower bound, items per second, peak memory, and what an
/// unchanged re-sync spends.
struct FetchBenchmark {
    let velodrome: String
    let issues: Int
    let events: Int
    let comments: Int
    /// A PostgreSQL server to run the same syncs against, beside SQLite.
    let postgres: String?
    /// Where the backfill benchmark's events list stops (pages of 100).
    let eventsPages: Int

    init(arguments: [String]) {
        let options = BenchOptions(arguments)
        velodrome = options.string("velodrome", ".build/release/velodrome")
        issues = options.int("issues", 10_000)
        events = options.int("events", 100_000)
        comments = options.int("comments", 50_000)
        postgres = options.string("postgres", "").isEmpty ? nil : options.string("postgres", "")
        eventsPages = options.int("events-pages", 10)
    }

    func run() async throws {
        let repository = SyntheticRepository.make(issues: issues, events: events, comments: comments)
        let github = FakeGitHub()
        github.addToken("bench-token", login: "bench")
        github.setQuota(login: "bench", limit: 1_000_000)
        github.addRepository(repository)
        try await github.start()
        defer { Task { try? await github.stop() } }

        let directory = NSTemporaryDirectory() + "velodrome-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lists = [repository.issues.count, repository.events.count, repository.issueComments.count, repository.reviewComments.count]
        print("""
        fetch benchmark: \(repository.issues.count) issues/PRs, \(repository.events.count) events, \
        \(repository.issueComments.count) issue comments, \(repository.reviewComments.count) review comments
        """)
        var databases = [BenchDatabase.sqlite(in: directory)]
        if let postgres { databases.append(try await .postgres(server: postgres)) }
        for database in databases {
            try sync(into: database, github: github, repository: repository, directory: directory, lists: lists)
        }
        try await BackfillBenchmark(velodrome: velodrome, repository: repository, eventsPages: eventsPages).run()
    }

    private func sync(into database: BenchDatabase, github: FakeGitHub, repository: FakeRepository, directory: String, lists: [Int]) throws {
        github.resetRequests()
        let arguments = ["fetch", "--once", "--repository", repository.fullName, "--github-url", github.baseURL.absoluteString,
                         "--database", database.url, "--log-format", "json"]
        let environment = ["GITHUB_TOKEN": "bench-token", "HOME": directory, "PATH": "/usr/bin:/bin"]

        let first = try MeasuredProcess.run(velodrome, arguments, environment: environment)
        guard first.status == 0 else { throw BenchError("fetch failed (\(first.status)):\n\(first.stderr)") }
        let firstRequests = github.requests
        github.resetRequests()
        let second = try MeasuredProcess.run(velodrome, arguments, environment: environment)
        guard second.status == 0 else { throw BenchError("re-sync failed (\(second.status)):\n\(second.stderr)") }
        let secondRequests = github.requests

        let lowerBound = lists.map { ($0 + 99) / 100 }.reduce(0, +)
        let items = lists.reduce(0, +)
        let spentOnResync = secondRequests.filter { $0.status != 304 }.count
        print("""
          \(database.label)
          first sync:     \(firstRequests.count) requests, lower bound \(lowerBound) (ratio \(String(format: "%.3f", Double(firstRequests.count) / Double(lowerBound))))
                          \(String(format: "%.2f", first.seconds)) s, \(Int(Double(items) / first.seconds)) items/s, peak memory \(String(format: "%.1f", first.peakMegabytes)) MB
          unchanged sync: \(secondRequests.count) requests, \(secondRequests.filter { $0.status == 304 }.count) answered 304, \
        \(spentOnResync) spent quota; \(String(format: "%.2f", second.seconds)) s, peak memory \(String(format: "%.1f", second.peakMegabytes)) MB
        """)
    }
}
