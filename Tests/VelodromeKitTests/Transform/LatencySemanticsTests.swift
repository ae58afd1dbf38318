import Testing
@testable import VelodromeKit

/// The latency plugin and `count --first-time`, rule by rule, on small histories whose points are
/// written out in full.
@Suite struct LatencySemanticsTests {
    func points(_ builder: MirrorBuilder, _ metric: MetricDefinition, watermark: Int64 = 10_000, backend: Backend) async throws -> [MetricPoint] {
        try await TransformRunner.with(backend) { runner in
            try await builder.store(into: runner.store, repository: runner.repository, watermark: watermark)
            let sink = RecordingSink()
            #expect(try await runner.run([metric], sink: sink) == .completed)
            return sink.all
        }
    }

    @Test(arguments: Backend.all) func theFirstResponseIsByAnotherPersonNotTheAuthorNorAnIgnoredRobot(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.comment(1, "also fixes #3", by: "alice", at: 60)
        mirror.comment(1, "CLA signed", by: "cla-bot", at: 120)
        mirror.comment(1, "nit: typo", by: "bob", at: 3_719, review: true)
        mirror.comment(1, "thanks", by: "carol", at: 4_000)
        let metric = try TransformRunner.latency("first-response", ["--no-issues", "--to=responded", "--ignore-responders=cla-bot", "--log-author"])
        #expect(try await points(mirror, metric, backend: backend) == [point("first-response", 3_719, 0, ["minutes": 61, "count": 1, "author": "alice"])])
    }

    @Test(arguments: Backend.all) func aStopBeforeAnyStartDoesNotCount(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.event(1, "labeled", by: "bob", label: "lgtm", at: 100)
        mirror.event(1, "labeled", by: "carol", label: "approved", at: 200)
        mirror.issue(2, by: "alice", at: 0)
        mirror.event(2, "labeled", by: "bob", label: "lgtm", at: 100)
        mirror.event(2, "labeled", by: "carol", label: "approved", at: 200)
        mirror.event(2, "unlabeled", by: "bot", label: "lgtm", at: 300)
        mirror.event(2, "labeled", by: "bob", label: "lgtm", at: 500)
        let metric = try TransformRunner.latency("approve-to-lgtm", ["--from=labeled:approved", "--to=labeled:lgtm"])
        #expect(try await points(mirror, metric, backend: backend) == [point("approve-to-lgtm", 500, 0, ["minutes": 5, "count": 1])])
    }

    @Test(arguments: Backend.all) func oneIssueStopsOnceAtItsFirstStopForEver(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.event(1, "closed", by: "alice", at: 600)
        mirror.event(1, "reopened", by: "alice", at: 700)
        mirror.event(1, "merged", by: "k8s-merge-robot", at: 1_000)
        mirror.event(1, "closed", by: "k8s-merge-robot", at: 1_000)
        let metric = try TransformRunner.latency("time-to-close", ["--to=closed,merged", "--ignore-authors=k8s-merge-robot"])
        #expect(try await points(mirror, metric, backend: backend) == [point("time-to-close", 600, 0, ["minutes": 10, "count": 1])])
    }

    @Test(arguments: Backend.all) func theFirstLgtmStartsTheClockEvenIfItIsRemovedAndAddedAgain(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.event(1, "labeled", by: "bob", label: "lgtm", at: 100)
        mirror.event(1, "unlabeled", by: "bot", label: "lgtm", at: 200)
        mirror.event(1, "labeled", by: "bob", label: "lgtm", at: 300)
        // A robot's merge is still the merge: actors are not filtered.
        mirror.event(1, "merged", by: "k8s-merge-robot", at: 819)
        let metric = try TransformRunner.latency("lgtm-to-merge", ["--from=labeled:lgtm", "--to=merged"])
        #expect(try await points(mirror, metric, backend: backend) == [point("lgtm-to-merge", 819, 0, ["minutes": 11, "count": 1])])
    }

    @Test(arguments: Backend.all) func tiesInOneSecondGetDistinctTimesAndAStartMayStopAtOnce(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.issue(2, by: "bob", at: 30)
        mirror.issue(3, by: "carol", at: 500)
        mirror.event(1, "merged", by: "robot", at: 500)
        mirror.event(2, "merged", by: "robot", at: 500)
        mirror.comment(3, "/lgtm", by: "dave", at: 500)
        let merged = try TransformRunner.latency("merged", ["--to=merged"])
        #expect(try await points(mirror, merged, backend: backend) == [point("merged", 500, 0, ["minutes": 8, "count": 1]), point("merged", 500, 1, ["minutes": 7, "count": 1])])
        let answered = try TransformRunner.latency("answered", ["--to=responded"])
        #expect(try await points(mirror, answered, backend: backend) == [point("answered", 500, 0, ["minutes": 0, "count": 1])])
    }

    @Test(arguments: Backend.all) func issuesAreFilteredAsCountFiltersThem(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", pr: false, at: 0)
        mirror.issue(2, by: "dependabot", at: 0)
        mirror.issue(3, by: "bob", at: 0)
        for number in 1...3 as ClosedRange<Int64> { mirror.event(number, "closed", by: "carol", at: 120) }
        let metric = try TransformRunner.latency("closed-prs", ["--no-issues", "--ignore-authors=dependabot", "--to=closed"])
        #expect(try await points(mirror, metric, backend: backend) == [point("closed-prs", 120, 0, ["minutes": 2, "count": 1])])
        let issuesOnly = try TransformRunner.latency("closed-issues", ["--no-pull-requests", "--to=closed", "--log-author"])
        #expect(try await points(mirror, issuesOnly, backend: backend) == [point("closed-issues", 120, 0, ["minutes": 2, "count": 1, "author": "alice"])])
    }

    @Test(arguments: Backend.all) func aClockRunningAtACheckpointStopsAfterARestartAndAStoppedOneNeverAgain(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.event(1, "labeled", by: "bob", label: "lgtm", at: 100)
        mirror.issue(2, by: "alice", at: 0)
        mirror.event(2, "labeled", by: "bob", label: "lgtm", at: 150)
        mirror.event(2, "merged", by: "robot", at: 270)
        mirror.event(1, "merged", by: "robot", at: 460)
        mirror.event(2, "labeled", by: "bob", label: "lgtm", at: 600)
        let metric = try TransformRunner.latency("lgtm-to-merge", ["--from=labeled:lgtm", "--to=merged,closed"])
        try await TransformRunner.with(backend) { runner in
            let sink = RecordingSink()
            try await mirror.store(into: runner.store, repository: runner.repository, watermark: 300)
            try await runner.run([metric], sink: sink)
            #expect(sink.take() == [point("lgtm-to-merge", 270, 0, ["minutes": 2, "count": 1])])
            mirror.event(2, "closed", by: "robot", at: 700)
            try await mirror.store(into: runner.store, repository: runner.repository, watermark: 1_000)
            try await runner.run([metric], sink: sink)
            #expect(sink.take() == [point("lgtm-to-merge", 460, 0, ["minutes": 6, "count": 1])])
        }
    }

    @Test(arguments: Backend.all) func firstTimeCountsEachAuthorsFirstPullRequestOnly(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", pr: false, at: 0)
        mirror.issue(2, by: "alice", at: 100)
        mirror.issue(3, by: "alice", at: 200)
        mirror.issue(4, by: "bob", at: 200)
        let metric = try TransformRunner.metric("new-contributors", ["--no-issues", "--event=opened", "--first-time", "--log-author"])
        #expect(try await points(mirror, metric, backend: backend) == [
            point("new-contributors", 100, 0, ["event": 1, "author": "alice"]),
            point("new-contributors", 200, 0, ["event": 1, "author": "bob"]),
        ])
    }

    @Test(arguments: Backend.all) func firstTimeCommentersAreCountedPerRegexAndIgnoredAuthorsNever(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.comment(1, "hello", by: "bob", at: 10)
        mirror.comment(1, "/lgtm", by: "bob", at: 20)
        mirror.comment(1, "/lgtm", by: "bob", at: 30)
        mirror.comment(1, "/lgtm", by: "robot", at: 40)
        mirror.comment(1, "hi", by: "carol", at: 50, review: true)
        let metric = try TransformRunner.metric("first", ["--comments=.*,(?m)^/lgtm$", "--first-time", "--ignore-authors=robot"])
        #expect(try await points(mirror, metric, backend: backend) == [
            point("first", 10, 0, ["comment": 1]), point("first", 20, 0, ["comment": 1]), point("first", 50, 0, ["comment": 1]),
        ])
    }

    @Test(arguments: Backend.all) func aFirstTimeAuthorBeforeTheCheckpointIsNotNewAfterARestart(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        let metric = try TransformRunner.metric("new-contributors", ["--no-issues", "--event=opened", "--first-time", "--log-author"])
        try await TransformRunner.with(backend) { runner in
            let sink = RecordingSink()
            try await mirror.store(into: runner.store, repository: runner.repository, watermark: 100)
            try await runner.run([metric], sink: sink)
            #expect(sink.take() == [point("new-contributors", 0, 0, ["event": 1, "author": "alice"])])
            mirror.issue(2, by: "alice", at: 200)
            mirror.issue(3, by: "bob", at: 250)
            try await mirror.store(into: runner.store, repository: runner.repository, watermark: 300)
            try await runner.run([metric], sink: sink)
            #expect(sink.take() == [point("new-contributors", 250, 0, ["event": 1, "author": "bob"])])
            #expect(sink.dropped.withLock { $0 } == ["new-contributors acme/widgets"])  // computed from the start once only
        }
    }
}
