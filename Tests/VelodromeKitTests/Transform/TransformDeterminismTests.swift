import TestSupport
import Testing
@testable import VelodromeKit

/// Random histories: the transform equals the plain reference model, whatever the increments;
/// rebuilding twice writes identical points; an incremental run equals a rebuild.
@Suite struct TransformDeterminismTests {
    static func metrics() throws -> [MetricDefinition] {
        let shipped = try ConfigurationLoader.load(path: RepositoryRoot.path("config.yaml"))
            .metrics(for: try RepositoryName(parsing: "kubernetes/kubernetes"))
        return shipped + [
            try TransformRunner.metric("issues-open", ["--no-pull-requests", "--state=opened", "--percentiles=50,90,99"]),
            try TransformRunner.metric("never-merged", ["--state=!merged,!labeled:lgtm", "--percentiles=10"]),
            try TransformRunner.metric("closers", ["--event=closed", "--ignore-authors=k8s-ci-robot", "--log-author"]),
            try TransformRunner.metric("first-reviews", ["--event=labeled:lgtm", "--comments=/lgtm,/approve", "--first-time", "--ignore-authors=k8s-merge-robot"]),
            try TransformRunner.latency("closed-or-merged", ["--to=closed,merged", "--ignore-authors=k8s-ci-robot", "--log-author"]),
            try TransformRunner.latency("comment-to-answer", ["--no-pull-requests", "--from=commented", "--to=responded", "--ignore-responders=k8s-ci-robot,k8s-reviewable"]),
            try TransformRunner.latency("reopened-to-lgtm", ["--from=reopened", "--to=labeled:lgtm,unlabeled:needs-rebase"]),
        ]
    }

    /// A history with many events in the same second, robots among the actors, and every kind of event.
    static func randomHistory(seed: UInt64, issues: Int, events: Int, comments: Int) -> MirrorBuilder {
        var random = SeededRandom(seed)
        var mirror = MirrorBuilder()
        let people = ["alice", "bob", "carol", "k8s-merge-robot", "k8s-ci-robot", "k8s-reviewable"]
        let labels = ["lgtm", "approved", "needs-rebase", "size/M"]
        let kinds = ["labeled", "unlabeled", "closed", "reopened", "merged", "assigned", "subscribed"]
        let bodies = ["/lgtm", "/approve", "hello", "looks good\n/lgtm", "@k8s-bot please test this", "/lgtm cancel", "/approve\r\n"]
        for number in 1...issues {
            mirror.issue(Int64(number), by: people[random.next(people.count)], pr: random.next(3) != 0, at: Int64(random.next(400)))
        }
        let created = Dictionary(uniqueKeysWithValues: mirror.issues.map { ($0.number, $0.createdAt.seconds - MirrorBuilder.t0) })
        for _ in 0..<events {
            let number = Int64(1 + random.next(issues))
            let kind = kinds[random.next(kinds.count)]
            mirror.event(number, kind, by: people[random.next(people.count)], label: kind.hasSuffix("labeled") ? labels[random.next(labels.count)] : nil,
                         at: created[number]! + Int64(random.next(600)))
        }
        for _ in 0..<comments {
            let number = Int64(1 + random.next(issues))
            mirror.comment(number, bodies[random.next(bodies.count)], by: people[random.next(people.count)],
                           at: created[number]! + Int64(random.next(600)), review: random.next(4) == 0)
        }
        return mirror
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64], Backend.all)
    func incrementalRunsEqualTheReference(seed: UInt64, backend: Backend) async throws {
        let mirror = Self.randomHistory(seed: seed, issues: 40, events: 400, comments: 200)
        let metrics = try Self.metrics()
        try await TransformRunner.with(backend) { runner in
            let sink = RecordingSink()
            var random = SeededRandom(seed &* 31)
            var watermark: Int64 = 0
            while watermark < 1100 {
                watermark += Int64(1 + random.next(250))
                try await mirror.store(into: runner.store, repository: runner.repository, watermark: watermark)
                #expect(try await runner.run(metrics, sink: sink, batchSize: 7) == .completed)
            }
            for metric in metrics {
                let expected = ReferenceCount.points(metric, repository: runner.repository, issues: mirror.issues, events: mirror.events,
                                                     comments: mirror.comments, until: MirrorBuilder.t0 + watermark)
                let actual = sink.all.filter { $0.measurement == metric.name }
                #expect(actual == expected, "\(metric.name): \(actual.count) points, reference \(expected.count)")
            }
            #expect(sink.all.count > 500)
        }
    }

    @Test(arguments: Backend.all) func rebuildTwiceIsIdenticalAndEqualsIncremental(backend: Backend) async throws {
        let mirror = Self.randomHistory(seed: 99, issues: 30, events: 300, comments: 150)
        let metrics = try Self.metrics()
        try await TransformRunner.with(backend) { runner in
            let embedded = EmbeddedSink(store: runner.store)
            for watermark in [300, 500, 800, 1200] as [Int64] {
                try await mirror.store(into: runner.store, repository: runner.repository, watermark: watermark)
                try await runner.run(metrics, sink: embedded)
            }
            func stored() async throws -> [MetricPoint] {
                var points: [MetricPoint] = []
                for metric in metrics { points += try await runner.store.points(measurement: metric.name, repository: runner.repository) }
                return points
            }
            let incremental = try await stored()
            try await runner.run(metrics, sink: embedded, rebuild: true)
            let rebuilt = try await stored()
            try await runner.run(metrics, sink: embedded, rebuild: true)
            let rebuiltAgain = try await stored()
            #expect(rebuilt == incremental)
            #expect(LineProtocol.lines(rebuiltAgain) == LineProtocol.lines(rebuilt))
            #expect(incremental.count > 300)
        }
    }

    @Test(arguments: Backend.all) func restartWritesOnlyNewPoints(backend: Backend) async throws {
        let mirror = Self.randomHistory(seed: 7, issues: 20, events: 200, comments: 100)
        try await TransformRunner.with(backend) { runner in
            let sink = RecordingSink()
            let metrics = try Self.metrics()
            try await mirror.store(into: runner.store, repository: runner.repository, watermark: 500)
            try await runner.run(metrics, sink: sink)
            let first = sink.take()
            try await runner.run(metrics, sink: sink)
            #expect(sink.take().isEmpty)
            try await mirror.store(into: runner.store, repository: runner.repository, watermark: 1100)
            try await runner.run(metrics, sink: sink)
            let second = sink.take()
            #expect(!first.isEmpty && !second.isEmpty)
            #expect(first.allSatisfy { $0.time < (MirrorBuilder.t0 + 500) * 1_000_000_000 })
            #expect(second.allSatisfy { $0.time >= (MirrorBuilder.t0 + 500) * 1_000_000_000 })
            #expect(sink.dropped.withLock { $0.count } == metrics.count) // each series once, on its first computation
        }
    }

    @Test(arguments: Backend.all) func changedDefinitionRebuildsThatMetricOnly(backend: Backend) async throws {
        let mirror = Self.randomHistory(seed: 11, issues: 10, events: 80, comments: 40)
        try await TransformRunner.with(backend) { runner in
            let sink = RecordingSink()
            try await mirror.store(into: runner.store, repository: runner.repository, watermark: 1100)
            let merge = try TransformRunner.metric("merge", ["--no-issues", "--event=merged"])
            try await runner.run([merge, try TransformRunner.metric("open", ["--state=opened"])], sink: sink)
            sink.dropped.withLock { $0 = [] }
            try await runner.run([merge, try TransformRunner.metric("open", ["--state=opened", "--percentiles=50"])], sink: sink)
            #expect(sink.dropped.withLock { $0 } == ["open acme/widgets"])
            let expected = ReferenceCount.points(try TransformRunner.metric("open", ["--state=opened", "--percentiles=50"]), repository: runner.repository,
                                                 issues: mirror.issues, events: mirror.events, comments: mirror.comments, until: MirrorBuilder.t0 + 1100)
            #expect(sink.all.filter { $0.measurement == "open" } == expected)
        }
    }
}
