import FakeGitHub
import Foundation
import VelodromeKit

/// The first sync of a repository whose events list GitHub cuts short (`--events-pages`), once
/// with `--graphql never` (a REST request per issue for the older events) and once with `auto`
/// (GraphQL's timelines): REST requests, GraphQL points and wall time of each, and whether the
/// two mirrors hold the same events.
struct BackfillBenchmark {
    let velodrome: String
    let repository: FakeRepository
    let eventsPages: Int

    func run() async throws {
        let github = FakeGitHub()
        github.addToken("bench-token", login: "bench")
        github.setQuota(login: "bench", limit: 1_000_000)
        github.setQuota(login: "bench", resource: "graphql", limit: 1_000_000, remaining: 1_000_000, resetAt: Int64(Date().timeIntervalSince1970) + 3600)
        github.eventsPageLimit = eventsPages
        // Page numbers, so that the list is cut where GitHub cuts it (a cursor list is not).
        github.cursorThreshold = Int.max
        github.addRepository(repository)
        try await github.start()
        defer { Task { try? await github.stop() } }
        let directory = NSTemporaryDirectory() + "velodrome-backfill-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        print("backfill benchmark: the events list cut after \(eventsPages) pages (\(eventsPages * 100) of \(repository.events.count) events), SQLite")
        var mirrors: [Set<String>] = []
        var restOnly = 0
        for mode in ["never", "auto"] {
            let database = "sqlite:\(directory)/\(mode).db"
            github.resetRequests()
            let pointsBefore = github.quotaUsed(login: "bench", resource: "graphql")
            let arguments = ["fetch", "--once", "--repository", repository.fullName, "--github-url", github.baseURL.absoluteString,
                             "--database", database, "--graphql", mode, "--log-format", "json"]
            let run = try MeasuredProcess.run(velodrome, arguments, environment: ["GITHUB_TOKEN": "bench-token", "HOME": directory, "PATH": "/usr/bin:/bin"])
            guard run.status == 0 else { throw BenchError("fetch --graphql \(mode) failed (\(run.status)):\n\(run.stderr)") }
            let rest = github.requests.filter { $0.method == "GET" }.count
            let queries = github.requests.filter { $0.method == "POST" }.count
            let points = github.quotaUsed(login: "bench", resource: "graphql") - pointsBefore
            if mode == "never" { restOnly = rest }
            let spent = rest + points
            print("""
              --graphql \(mode): \(rest) REST requests + \(points) GraphQL points (\(queries) queries) = \(spent), \
            \(String(format: "%.3f", Double(spent) / Double(max(restOnly, 1)))) of REST only; \(String(format: "%.2f", run.seconds)) s, peak memory \(String(format: "%.1f", run.peakMegabytes)) MB
            """)
            let store = try SQLMirrorStore(sqlitePath: "\(directory)/\(mode).db")
            mirrors.append(Set(try await store.events(repository: repository.fullName).map {
                "\($0.nodeID ?? "?") \($0.issueNumber) \($0.event) \($0.label ?? "") \($0.assignee ?? "") \($0.actor) \($0.createdAt.seconds)"
            }))
        }
        print("  the two mirrors hold \(mirrors[0] == mirrors[1] ? "the same" : "DIFFERENT") \(mirrors[1].count) events (by node id and content)")
    }
}
