import Foundation
import Synchronization

/// Counts one repository's sync for the live terminal line, the summary log line and `/metrics`,
/// and remembers when the sync started by GitHub's clock.
final class SyncProgress: Sendable {
    struct Snapshot: Sendable {
        var syncStart: Timestamp?
        var items: [String: Int] = [:]
        var pages = 0
        var written = 0
    }

    let repository: String
    private let live: Bool
    private let client: GitHubClient
    private let metrics: MetricsRegistry
    private let startCounters: GitHubCounters
    private let started = ContinuousClock.now
    private let state = Mutex(Snapshot())
    private let lastDraw = Mutex<ContinuousClock.Instant?>(nil)

    init(repository: String, client: GitHubClient, metrics: MetricsRegistry, live: Bool) {
        self.repository = repository
        self.client = client
        self.metrics = metrics
        self.live = live
        startCounters = client.counters
    }

    var snapshot: Snapshot { state.withLock { $0 } }

    /// GitHub's time at the first answer of this sync: the watermark once the sync finishes.
    var syncStart: Timestamp {
        state.withLock { $0.syncStart } ?? Timestamp(Date())
    }

    func saw(_ info: GitHubResponseInfo) {
        state.withLock { if $0.syncStart == nil { $0.syncStart = info.date ?? Timestamp(Date()) } }
    }

    func stored(_ count: Int, in list: String) {
        state.withLock {
            $0.items[list, default: 0] += count
            $0.pages += 1
        }
        metrics.counter("fetch", "items", help: "Items GitHub delivered and fetch stored, by kind (issues, events, issue_comments, review_comments); an item at a page boundary may come twice.",
                        labels: [("repository", repository), ("kind", list)]).increment(by: count)
        draw(force: false)
    }

    func wrote(_ rows: Int) {
        state.withLock { $0.written += rows }
        metrics.counter("fetch", "rows_written", help: "Mirror rows that were new or changed.", labels: [("repository", repository)])
            .increment(by: rows)
    }

    /// Requests, 304s and retries spent on this repository so far.
    var spent: GitHubCounters {
        let now = client.counters
        return GitHubCounters(requests: now.requests - startCounters.requests, notModified: now.notModified - startCounters.notModified,
                              retries: now.retries - startCounters.retries, quotaRemaining: now.quotaRemaining,
                              graphQLQueries: now.graphQLQueries - startCounters.graphQLQueries, graphQLPoints: now.graphQLPoints - startCounters.graphQLPoints)
    }

    var seconds: Double {
        (ContinuousClock.now - started).inSeconds
    }

    func finish() {
        guard live else { return }
        draw(force: true)
        LogSink.write("\n")
    }

    private func draw(force: Bool) {
        guard live else { return }
        let now = ContinuousClock.now
        let due = lastDraw.withLock { last in
            guard force || last.map({ now - $0 > .milliseconds(200) }) ?? true else { return false }
            last = now
            return true
        }
        guard due else { return }
        let snapshot = self.snapshot
        let spent = self.spent
        let items = ["issues", "events", "issue_comments", "review_comments"].map { "\($0.replacingOccurrences(of: "_", with: " ")) \(snapshot.items[$0] ?? 0)" }
        let quota = spent.quotaRemaining.map { ", quota \($0)" } ?? ""
        let graphQL = spent.graphQLQueries > 0 ? ", \(spent.graphQLPoints) GraphQL points" : ""
        LogSink.write("\r\u{1B}[2K\(repository): \(items.joined(separator: ", ")) | \(snapshot.pages) pages, \(spent.requests) requests, \(spent.notModified) not modified\(graphQL)\(quota)")
    }
}
