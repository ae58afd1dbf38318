import Testing
@testable import VelodromeKit

/// Both backends bind `$N` by its number, wherever it first appears in the text.
@Suite struct SQLParameterTests {
    @Test(arguments: Backend.all) func parametersBindByNumberNotByPosition(backend: Backend) async throws {
        let directory = try TemporaryDirectory()
        try await TestDatabase.with(backend, in: directory, name: "parameters") { database in
            let rows = try await database.store.database.read { session in
                try await session.rows("SELECT $2, $1, '$1', $2 || '$3'", [.integer(7), .text("seven")])
            }
            #expect(rows.map(\.values) == [[.text("seven"), .integer(7), .text("$1"), .text("seven$3")]])
        }
    }

    @Test func sqliteTextKeepsDollarsInsideQuotes() {
        #expect(SQLiteStatement.numberedParameters(#"SELECT "$1", '$2''$3', $4 FROM t WHERE a = $10"#)
            == #"SELECT "$1", '$2''$3', ?4 FROM t WHERE a = ?10"#)
    }
}
