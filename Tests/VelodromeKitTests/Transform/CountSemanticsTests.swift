import Testing
@testable import VelodromeKit

/// Each rule of the count plugin and each fix of the original, on a small history whose points
/// are written out in full.
@Suite struct CountSemanticsTests {
    func points(_ builder: MirrorBuilder, _ arguments: [String], name: String = "m", watermark: Int64 = 10_000, backend: Backend) async throws -> [MetricPoint] {
        try await TransformRunner.with(backend) { runner in
            try await builder.store(into: runner.store, repository: runner.repository, watermark: watermark)
            let sink = RecordingSink()
            #expect(try await runner.run([try TransformRunner.metric(name, arguments)], sink: sink) == .completed)
            return sink.all
        }
    }

    @Test(arguments: Backend.all) func mergesOfPullRequestsOnly(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.issue(2, by: "bob", pr: false, at: 10)
        mirror.event(1, "labeled", by: "carol", label: "lgtm", at: 50)
        mirror.event(1, "merged", by: "k8s-merge-robot", at: 100)
        mirror.event(1, "closed", by: "k8s-merge-robot", at: 100)
        mirror.event(2, "merged", by: "bob", at: 100)
        #expect(try await points(mirror, ["--no-issues", "--event=merged"], name: "merge", backend: backend) == [point("merge", 100, 0, ["event": 1])])
    }

    @Test(arguments: Backend.all) func pointsInOneSecondGetDistinctTimes(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.issue(2, by: "bob", at: 0)
        mirror.event(1, "merged", by: "robot", at: 200)
        mirror.event(2, "merged", by: "robot", at: 200)
        #expect(try await points(mirror, ["--event=merged"], backend: backend) == [point("m", 200, 0, ["event": 1]), point("m", 200, 1, ["event": 1])])
    }

    @Test(arguments: Backend.all) func openedIsCountedWithoutWaitingForALaterEvent(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.issue(2, by: "bob", at: 300)
        #expect(try await points(mirror, ["--event=opened"], watermark: 301, backend: backend) == [point("m", 0, 0, ["event": 1]), point("m", 300, 0, ["event": 1])])
    }

    @Test(arguments: Backend.all) func commentMatchingTwoRegexesCountsTwiceAndReviewCommentsCount(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.comment(1, "/lgtm", by: "bob", at: 60)
        mirror.comment(1, "looks good\n/lgtm", by: "carol", at: 70, review: true)
        mirror.comment(1, "/lgtm cancel", by: "dave", at: 80)
        #expect(try await points(mirror, ["--event=commented", "--comments=(?m)^/lgtm$,lgtm"], backend: backend) == [
            point("m", 60, 0, ["event": 1]), point("m", 60, 1, ["comment": 1]), point("m", 60, 2, ["comment": 1]),
            point("m", 70, 0, ["event": 1]), point("m", 70, 1, ["comment": 1]), point("m", 70, 2, ["comment": 1]),
            point("m", 80, 0, ["event": 1]), point("m", 80, 1, ["comment": 1]),
        ])
    }

    @Test(arguments: Backend.all) func ignoredRobotsStillMoveStateButAreNotCounted(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.issue(2, by: "robot", at: 60)
        mirror.issue(3, by: "bob", at: 120)
        mirror.comment(3, "/retest", by: "robot", at: 130)
        mirror.comment(2, "on the robot's own PR", by: "bob", at: 140)
        mirror.event(1, "merged", by: "robot", at: 600)
        mirror.event(1, "closed", by: "robot", at: 600)
        let arguments = ["--ignore-authors=robot", "--no-issues", "--state=opened,!merged", "--percentiles=50", "--event=merged", "--comments=.*"]
        #expect(try await points(mirror, arguments, backend: backend) == [
            point("m", 0, 0, ["count": 1, "sum": 0, "50%": 0]),
            point("m", 120, 0, ["count": 2, "sum": 2, "50%": 0]),
            point("m", 600, 0, ["count": 1, "sum": 8, "50%": 8]),
            point("m", 600, 1, ["count": 1, "sum": 8, "50%": 8]),
        ])
    }

    @Test(arguments: Backend.all) func authorOfOpenedEventsAndComments(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.event(1, "labeled", by: "carol", label: "lgtm", at: 30)
        mirror.comment(1, "nice", by: "bob", at: 60)
        #expect(try await points(mirror, ["--event=opened", "--comments=.*", "--log-author"], backend: backend) == [
            point("m", 0, 0, ["event": 1, "author": "alice"]),
            point("m", 60, 0, ["comment": 1, "author": "bob"]),
        ])
        #expect(try await points(mirror, ["--event=labeled:lgtm", "--log-author"], backend: backend) == [point("m", 30, 0, ["event": 1, "author": "carol"])])
    }

    @Test(arguments: Backend.all) func agesArePercentilesOfWholeMinutes(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        for (number, offset) in [(1, 0), (2, 60), (3, 180), (4, 600)] as [(Int64, Int64)] { mirror.issue(number, by: "u\(number)", pr: false, at: offset) }
        mirror.event(1, "closed", by: "u1", at: 630)
        #expect(try await points(mirror, ["--state=opened", "--percentiles=50,90"], backend: backend) == [
            point("m", 0, 0, ["count": 1, "sum": 0, "50%": 0, "90%": 0]),
            point("m", 60, 0, ["count": 2, "sum": 1, "50%": 0, "90%": 1]),
            point("m", 180, 0, ["count": 3, "sum": 5, "50%": 2, "90%": 3]),
            point("m", 600, 0, ["count": 4, "sum": 26, "50%": 7, "90%": 10]),
            // 570, 450 and 30 seconds: each age is floored to minutes before summing (16, not 17).
            point("m", 630, 0, ["count": 3, "sum": 16, "50%": 7, "90%": 9]),
        ])
    }

    @Test(arguments: Backend.all) func labelPartsToggleAndAgeFromTheLatestActivation(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.event(1, "labeled", by: "bob", label: "lgtm", at: 120)
        mirror.event(1, "unlabeled", by: "bob", label: "lgtm", at: 180)
        mirror.event(1, "labeled", by: "bob", label: "size/M", at: 200)
        mirror.event(1, "labeled", by: "bob", label: "lgtm", at: 300)
        mirror.event(1, "closed", by: "alice", at: 420)
        #expect(try await points(mirror, ["--state=opened,labeled:lgtm"], backend: backend) == [
            point("m", 0, 0, ["count": 0, "sum": 0]),
            point("m", 120, 0, ["count": 1, "sum": 0]),
            point("m", 180, 0, ["count": 0, "sum": 0]),
            point("m", 300, 0, ["count": 1, "sum": 0]),
            point("m", 420, 0, ["count": 0, "sum": 0]),
        ])
    }

    @Test(arguments: Backend.all) func negatedLabelComesBackOnUnlabel(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.event(1, "labeled", by: "bot", label: "needs-rebase", at: 60)
        mirror.event(1, "unlabeled", by: "bot", label: "needs-rebase", at: 180)
        mirror.event(1, "labeled", by: "bot", label: "lgtm", at: 240)
        #expect(try await points(mirror, ["--state=opened,!labeled:needs-rebase", "--percentiles=50"], backend: backend) == [
            point("m", 0, 0, ["count": 1, "sum": 0, "50%": 0]),
            point("m", 60, 0, ["count": 0, "sum": 0, "50%": 0]),
            point("m", 180, 0, ["count": 1, "sum": 0, "50%": 0]),
        ])
    }

    @Test(arguments: Backend.all) func openedComesBackOnReopened(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", pr: false, at: 0)
        mirror.event(1, "closed", by: "alice", at: 60)
        mirror.event(1, "reopened", by: "bob", at: 120)
        mirror.event(1, "closed", by: "bob", at: 240)
        #expect(try await points(mirror, ["--state=opened"], backend: backend) == [
            point("m", 0, 0, ["count": 1, "sum": 0]), point("m", 60, 0, ["count": 0, "sum": 0]),
            point("m", 120, 0, ["count": 1, "sum": 0]), point("m", 240, 0, ["count": 0, "sum": 0]),
        ])
    }

    @Test(arguments: Backend.all) func everyPartChangeEmitsEvenWhenTheCountStays(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.event(1, "closed", by: "robot", at: 60)
        mirror.event(1, "merged", by: "robot", at: 60)
        #expect(try await points(mirror, ["--state=opened,!merged"], backend: backend) == [
            point("m", 0, 0, ["count": 1, "sum": 0]),
            point("m", 60, 0, ["count": 0, "sum": 0]),
            point("m", 60, 1, ["count": 0, "sum": 0]),
        ])
    }

    @Test(arguments: Backend.all) func negatedOnlyStatesAgeFromTheZeroTime(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.issue(2, by: "bob", at: 30)
        mirror.event(1, "merged", by: "robot", at: 60)
        // Issue 2 is in the state (no part ever changed) from Go's zero time, 0001-01-01.
        let minutes: Int64 = (MirrorBuilder.t0 + 60 - Timestamp.goZero.seconds) / 60
        #expect(minutes == 1_062_259_947)
        #expect(try await points(mirror, ["--state=!merged", "--percentiles=50"], backend: backend) == [
            point("m", 60, 0, ["count": 1, "sum": 1_062_259_947, "50%": 1_062_259_947]),
        ])
    }

    @Test(arguments: Backend.all) func issuesAndPullRequestsFilters(backend: Backend) async throws {
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", pr: true, at: 0)
        mirror.issue(2, by: "bob", pr: false, at: 10)
        mirror.comment(2, "on an issue", by: "carol", at: 20)
        #expect(try await points(mirror, ["--no-pull-requests", "--event=opened", "--comments=.*"], backend: backend) == [
            point("m", 10, 0, ["event": 1]), point("m", 20, 0, ["comment": 1]),
        ])
        #expect(try await points(mirror, ["--no-issues", "--event=opened", "--comments=.*"], backend: backend) == [point("m", 0, 0, ["event": 1])])
    }

    @Test(arguments: Backend.all) func onlyActivityBeforeTheWatermarkAndLateArrivalsAreCounted(backend: Backend) async throws {
        try await TransformRunner.with(backend) { runner in
            var mirror = MirrorBuilder()
            mirror.issue(1, by: "alice", at: 0)
            mirror.event(1, "labeled", by: "bob", label: "lgtm", at: 50)
            mirror.event(1, "labeled", by: "bob", label: "lgtm", at: 150)
            try await mirror.store(into: runner.store, repository: runner.repository, watermark: 100)
            let sink = RecordingSink()
            let metric = try TransformRunner.metric("lgtm", ["--event=labeled:lgtm"])
            try await runner.run([metric], sink: sink)
            #expect(sink.take() == [point("lgtm", 50, 0, ["event": 1])])
            // An event at 120 arrives after the first transform, older than the one at 150: the
            // original counted 150 already and skipped 120 for ever.
            mirror.event(1, "labeled", by: "carol", label: "lgtm", at: 120)
            try await mirror.store(into: runner.store, repository: runner.repository, watermark: 200)
            try await runner.run([metric], sink: sink)
            #expect(sink.take() == [point("lgtm", 120, 0, ["event": 1]), point("lgtm", 150, 0, ["event": 1])])
        }
    }

    @Test(arguments: Backend.all) func labelsAndAuthorsWithAnyCharacters(backend: Backend) async throws {
        let label = "do not merge, \"yet\" = \\ ½ 🚫"
        let author = "we\"ird, user = \\ Ünïcode\nname"
        var mirror = MirrorBuilder()
        mirror.issue(1, by: "alice", at: 0)
        mirror.event(1, "labeled", by: author, label: label, at: 60)
        mirror.event(1, "labeled", by: "bob", label: "do not merge", at: 70)
        #expect(try await points(mirror, ["--event=labeled:\(label)", "--log-author"], backend: backend) == [point("m", 60, 0, ["event": 1, "author": author])])
    }
}
