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
}
