import Testing
@testable import VelodromeKit

/// The activity cursor reads in chunks: across chunk boundaries the stream stays in
/// transform's order and holds every row once.
@Suite struct ActivityCursorTests {
    @Test(arguments: Backend.all) func chunksJoinInOrder(backend: Backend) async throws {
        let mirror = TransformDeterminismTests.randomHistory(seed: 3, issues: 30, events: 5000, comments: 2500)
        try await TransformRunner.with(backend) { runner in
            try await mirror.store(into: runner.store, repository: runner.repository, watermark: 100_000)
            let cursor = try await runner.store.activity(repository: runner.repository, from: nil, until: Timestamp(seconds: MirrorBuilder.t0 + 100_000))
            var rows: [ActivityRow] = []
            while true {
                let chunk = try await cursor.next(limit: 997)
                rows += chunk
                if chunk.count < 997 { break }
            }
            try await cursor.close()
            #expect(rows.count == 30 + 5000 + 2500)
            let times = rows.map(\.time.seconds)
            #expect(times == times.sorted())
        }
    }

    /// Metrics that look at no comment read none; those that look at no body read them empty,
    /// and the rest of the stream is the same.
    @Test(arguments: Backend.all) func onlyWhatTheMetricsNeedIsRead(backend: Backend) async throws {
        let mirror = TransformDeterminismTests.randomHistory(seed: 4, issues: 30, events: 3000, comments: 2500)
        try await TransformRunner.with(backend) { runner in
            try await mirror.store(into: runner.store, repository: runner.repository, watermark: 100_000)
            func read(_ needs: ActivityNeeds) async throws -> [ActivityRow] {
                let cursor = try await runner.store.activity(repository: runner.repository, from: nil,
                                                             until: Timestamp(seconds: MirrorBuilder.t0 + 100_000), needs: needs)
                let rows = try await cursor.next(limit: 100_000)
                try await cursor.close()
                return rows
            }
            func isComment(_ row: ActivityRow) -> Bool { if case .comment = row { true } else { false } }
            let all = try await read(.everything)
            let noComments = try await read(ActivityNeeds(comments: false, commentBodies: false))
            #expect(noComments == all.filter { !isComment($0) })
            let noBodies = try await read(ActivityNeeds(comments: true, commentBodies: false))
            #expect(noBodies == all.map { row in
                guard case .comment(let id, let review, let number, let user, _, let time) = row else { return row }
                return .comment(id: id, review: review, number: number, user: user, body: "", time: time)
            })
            #expect(all.contains { if case .comment(_, _, _, _, let body, _) = $0 { !body.isEmpty } else { false } })
        }
    }

    @Test func eachPluginSaysWhatItReads() throws {
        func needs(_ arguments: [String]) throws -> ActivityNeeds { MetricPlugin.count(try CountOptions(arguments: arguments)).needs }
        #expect(try needs(["--no-issues", "--state=opened,!merged", "--percentiles=50"]) == ActivityNeeds(comments: false, commentBodies: false))
        #expect(try needs(["--event=merged"]) == ActivityNeeds(comments: false, commentBodies: false))
        #expect(try needs(["--event=commented"]) == ActivityNeeds(comments: true, commentBodies: false))
        #expect(try needs(["--event=opened", "--comments=.*"]) == ActivityNeeds(comments: true, commentBodies: true))
    }
}
