import Foundation
import Synchronization
@testable import VelodromeKit

/// Builds a mirror by hand: issues, events and comments at times given as offsets from `t0`.
struct MirrorBuilder {
    static let t0: Int64 = 1_600_000_000 // 2020-09-13T12:26:40Z

    var issues: [IssueRecord] = []
    var events: [EventRecord] = []
    var comments: [CommentRecord] = []
    var nextEventID: Int64 = 1000
    var nextCommentID: Int64 = 1000

    static func time(_ offset: Int64) -> Timestamp { Timestamp(seconds: t0 + offset) }

    mutating func issue(_ number: Int64, by user: String, pr: Bool = true, at offset: Int64) {
        issues.append(IssueRecord(number: number, githubID: 900 + number, title: "#\(number)", body: "", user: user, state: "open",
                                  comments: 0, isPullRequest: pr, closedAt: nil, createdAt: Self.time(offset), updatedAt: Self.time(offset),
                                  mergedAt: nil, labels: [], assignees: []))
    }

    mutating func event(_ number: Int64, _ name: String, by actor: String, label: String? = nil, at offset: Int64) {
        events.append(EventRecord(id: nextEventID, issueNumber: number, event: name, label: label, assignee: nil, actor: actor, createdAt: Self.time(offset)))
        nextEventID += 1
    }

    mutating func comment(_ number: Int64, _ body: String, by user: String, at offset: Int64, review: Bool = false) {
        comments.append(CommentRecord(id: nextCommentID, issueNumber: number, body: body, user: user, createdAt: Self.time(offset),
                                      updatedAt: Self.time(offset), isReviewComment: review))
        nextCommentID += 1
    }

    /// Writes what is not stored yet, and moves the watermark.
    func store(into store: any MirrorStore, repository: String, watermark offset: Int64) async throws {
        var batch = MirrorBatch()
        batch.issues = issues
        batch.events = events
        batch.comments = comments
        batch.watermark = Self.time(offset)
        try await store.apply(batch, repository: repository)
    }
}

/// Keeps what transform wrote, and what it dropped.
final class RecordingSink: PointSink {
    let points = Mutex<[MetricPoint]>([])
    let dropped = Mutex<[String]>([])
    let target: String
    let keepsCheckpoints: Bool

    init(target: String = "recording", keepsCheckpoints: Bool = true) {
        self.target = target
        self.keepsCheckpoints = keepsCheckpoints
    }

    func prepare() async throws {}
    func write(_ points: [MetricPoint]) async throws { self.points.withLock { $0 += points } }
    func dropSeries(measurement: String, repository: String) async throws {
        dropped.withLock { $0.append("\(measurement) \(repository)") }
        points.withLock { $0.removeAll { $0.measurement == measurement && $0.repository == repository } }
    }

    var all: [MetricPoint] { points.withLock { $0 } }
    func take() -> [MetricPoint] { points.withLock { let taken = $0; $0 = []; return taken } }
}

/// Runs transform over a mirror the way the stage does, on a fresh database of one backend.
struct TransformRunner {
    let database: TestDatabase
    let directory: TemporaryDirectory
    let repository = "acme/widgets"

    var store: SQLMirrorStore { database.store }

    static func with<T>(_ backend: Backend, _ body: (TransformRunner) async throws -> T) async throws -> T {
        let directory = try TemporaryDirectory()
        return try await TestDatabase.with(backend, in: directory) { database in
            try await body(TransformRunner(database: database, directory: directory))
        }
    }

    static func metric(_ name: String, _ arguments: [String]) throws -> MetricDefinition {
        try MetricDefinition(name: name, plugin: "count", arguments: arguments)
    }

    static func latency(_ name: String, _ arguments: [String]) throws -> MetricDefinition {
        try MetricDefinition(name: name, plugin: "latency", arguments: arguments)
    }

    @discardableResult
    func run(_ metrics: [MetricDefinition], sink: any PointSink, rebuild: Bool = false, batchSize: Int = 5000,
             registry: MetricsRegistry = MetricsRegistry()) async throws -> IterationOutcome {
        let stage = TransformStage(jobs: [TransformJob(repository: try RepositoryName(parsing: repository), metrics: metrics)],
                                   store: store, sink: sink, rebuild: rebuild, batchSize: batchSize, metrics: registry,
                                   logger: .init(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        return try await stage.runIteration(stop: .never)
    }
}

import Logging

/// A point as the tests write them: metric, offset from t0, place in its second, fields.
func point(_ measurement: String, _ offset: Int64, _ sequence: Int64 = 0, _ fields: KeyValuePairs<String, Any>, repository: String = "acme/widgets") -> MetricPoint {
    MetricPoint(measurement: measurement, repository: repository, time: (MirrorBuilder.t0 + offset) * 1_000_000_000 + sequence,
                fields: fields.map { name, value in
                    MetricField(name, value is String ? .string(value as! String) : .integer(Int64(value as! Int)))
                })
}
