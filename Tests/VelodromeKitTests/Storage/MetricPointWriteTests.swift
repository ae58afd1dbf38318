import Testing
@testable import VelodromeKit

/// The embedded store inserts points plainly, and upserts a batch that holds points it has already.
@Suite struct MetricPointWriteTests {
    static func points(_ times: Range<Int64>, value: Int64) -> [MetricPoint] {
        times.map { MetricPoint(measurement: "merge", repository: "o/r", time: $0, fields: [MetricField("count", .integer(value + $0))]) }
    }

    @Test(arguments: Backend.all) func aReSentBatchOverwritesWhatIsThere(backend: Backend) async throws {
        let directory = try TemporaryDirectory()
        try await TestDatabase.with(backend, in: directory, name: "points") { database in
            let store = database.store
            try await store.writePoints(Self.points(0..<1_200, value: 0))
            // Half of these are there already, with other values; the later ones win.
            try await store.writePoints(Self.points(600..<1_800, value: 10_000))
            try await store.writePoints(Self.points(1_800..<1_900, value: 0))
            let stored = try await store.points(measurement: "merge", repository: "o/r")
            #expect(stored == Self.points(0..<600, value: 0) + Self.points(600..<1_800, value: 10_000) + Self.points(1_800..<1_900, value: 0))
        }
    }

    @Test(arguments: Backend.all) func aPlainInsertOfAKeyThereIsRefusedAsADuplicate(backend: Backend) async throws {
        let directory = try TemporaryDirectory()
        try await TestDatabase.with(backend, in: directory, name: "duplicates") { database in
            let rows: [[SQLValue]] = [[.text("merge"), .text("o/r"), .integer(1), .text("{}")]]
            let sql = database.store.database
            try await sql.transaction { session in _ = try await MirrorSchema.insertPoint.run(rows, in: session) }
            let refusal = await #expect(throws: StorageError.self) {
                try await sql.transaction { session in _ = try await MirrorSchema.insertPoint.run(rows, in: session) }
            }
            #expect(refusal?.duplicateKey == true)
            #expect(refusal?.connectionLost == false)
            // Other failures are not duplicates.
            let other = await #expect(throws: StorageError.self) {
                try await sql.transaction { session in try await session.run("INSERT INTO metric_points (measurement) VALUES ($1)", [.text("x")]) }
            }
            #expect(other?.duplicateKey == false)
        }
    }
}
