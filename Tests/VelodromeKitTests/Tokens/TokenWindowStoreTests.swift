import Testing
@testable import VelodromeKit

/// count-tokens saves where each login's quota stood, so a restart goes on from its last reading.
@Suite struct TokenWindowStoreTests {
    @Test(arguments: Backend.all) func theStateOfEachSeriesIsSavedAndReplaced(backend: Backend) async throws {
        let directory = try TemporaryDirectory()
        try await TestDatabase.with(backend, in: directory, name: "token_quotas") { database in
            let store = database.store
            #expect(try await store.savedQuotaWindows().isEmpty)
            let core = TokenSeries(login: "bot", resource: "core"), graphql = TokenSeries(login: "bot", resource: "graphql")
            let first = QuotaWindows(current: QuotaReading(limit: 5000, remaining: 4000, reset: 3600))
            let refilled = QuotaWindows(current: QuotaReading(limit: 5000, remaining: 4990, used: 10, reset: 3600), refilled: true, lastRecorded: 3600)
            // A series never read yet is not saved.
            try await store.saveQuotaWindows([core: first, graphql: first, TokenSeries(login: "bot", resource: "search"): QuotaWindows()])
            try await store.saveQuotaWindows([core: refilled])
            #expect(try await store.savedQuotaWindows() == [core: refilled, graphql: first])
        }
    }
}
