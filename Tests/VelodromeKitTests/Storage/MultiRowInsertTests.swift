import Testing
@testable import VelodromeKit

/// Writes of any size split into the few statement shapes, every row written once.
@Suite struct MultiRowInsertTests {
    static let insert = MultiRowInsert("INSERT INTO scratch (k, v)", columns: [.integer, .text], key: [0],
                                       then: "ON CONFLICT (k) DO UPDATE SET v = excluded.v WHERE scratch.v IS DISTINCT FROM excluded.v")

    @Test func shapesHalveFromTheLargest() {
        #expect(MultiRowInsert.shapes == [512, 256, 128, 64, 32, 16, 8, 4, 2, 1])
    }

    @Test(arguments: Backend.all) func everyRowOnceAndLastOfAKeyWins(backend: Backend) async throws {
        let directory = try TemporaryDirectory()
        try await TestDatabase.with(backend, in: directory, name: "multirow") { database in
            let sql = database.store.database
            try await sql.transaction { try await $0.run("CREATE TABLE scratch (k BIGINT PRIMARY KEY, v TEXT NOT NULL)", []) }
            // 1,299 distinct keys (512 + 512 + 256 + 16 + 2 + 1), key 5 given twice: the later value wins.
            let rows: [[SQLValue]] = (0..<1_299).map { [.integer(Int64($0)), .text("v\($0)")] } + [[.integer(5), .text("again")]]
            let written = try await sql.transaction { try await Self.insert.run(rows, in: $0, counting: true) }
            #expect(written == 1_299)
            let stored = try await sql.read { try await $0.rows("SELECT k, v FROM scratch ORDER BY k", []) }
            #expect(stored.count == 1_299)
            #expect(stored.map(\.values)[4...6] == [[.integer(4), .text("v4")], [.integer(5), .text("again")], [.integer(6), .text("v6")]])
            #expect(stored.last?.values == [.integer(1_298), .text("v1298")])
            // Unchanged rows are not counted again; one changed row is.
            let rewritten = try await sql.transaction { try await Self.insert.run(Array(rows.prefix(1_000)) + [[.integer(7), .text("changed")]], in: $0, counting: true) }
            #expect(rewritten == 2)
        }
    }

    @Test(arguments: Backend.all) func nullsBooleansAndBytesSurvive(backend: Backend) async throws {
        let directory = try TemporaryDirectory()
        try await TestDatabase.with(backend, in: directory, name: "multirow_types") { database in
            let sql = database.store.database
            let blob = sql.dialect.bytes
            try await sql.transaction { try await $0.run("CREATE TABLE typed (k BIGINT PRIMARY KEY, v TEXT, f BOOLEAN NOT NULL, b \(blob) NOT NULL)", []) }
            let insert = MultiRowInsert("INSERT INTO typed (k, v, f, b)", columns: [.integer, .text, .boolean, .bytes], key: [0], then: "")
            let rows: [[SQLValue]] = [[.integer(1), .null, .boolean(true), .blob([0, 255])], [.integer(2), .text("é\t\"x\""), .boolean(false), .blob([])]]
            try await sql.transaction { try await insert.run(rows, in: $0) }
            let stored = try await sql.read { try await $0.rows("SELECT k, v, f, b FROM typed ORDER BY k", []) }
            #expect(try stored.map { [try $0.int64(0)] } == [[1], [2]])
            #expect(try stored.map { try $0.optionalText(1) } == [nil, "é\t\"x\""])
            #expect(try stored.map { try $0.bool(2) } == [true, false])
            #expect(stored.map { $0.values[3] } == [.blob([0, 255]), .blob([])])
        }
    }
}
