import Foundation
import Logging
import Synchronization

/// What every walker of one repository's sync works with.
struct SyncEnvironment: Sendable {
    let client: GitHubClient
    let store: any MirrorStore
    let repository: RepositoryName
    let stop: StopSignal
    let progress: SyncProgress
    let logger: Logger
    /// `--settle`: how long after its timestamp GitHub may take to show an item in its lists.
    let settle: Duration
    /// Whether issues' histories are read through GraphQL.
    let graphQL: GraphQLUse
    let series = SeriesMarker()

    static let pageSize = 100

    var settleSeconds: Int64 { settle.components.seconds }

    var repositoryPath: String { repository.apiPath }

    /// Commits one page; the first page of a new series records when the series started.
    func commit(_ batch: MirrorBatch) async throws {
        var batch = batch
        if let started = series.markIfNew(at: progress.syncStart), batch.cursors[SyncSeries.name] == nil {
            batch.cursors[SyncSeries.name] = CursorCoding.encode(SyncSeries(startedAt: started))
        }
        let written = try await store.apply(batch, repository: repository.key)
        progress.wrote(written)
    }
}

/// Whether this sync resumes a series or starts one, and when that series started.
final class SeriesMarker: Sendable {
    private struct State { var startedAt: Timestamp?; var recorded = false }
    private let state = Mutex(State())

    func begin(resuming startedAt: Timestamp?) {
        state.withLock { $0 = State(startedAt: startedAt, recorded: startedAt != nil) }
    }

    var startedAt: Timestamp? { state.withLock { $0.startedAt } }

    /// The start to record, the first time it is asked in a new series.
    func markIfNew(at start: Timestamp) -> Timestamp? {
        state.withLock { state in
            guard !state.recorded else { return nil }
            state.recorded = true
            state.startedAt = start
            return start
        }
    }
}

/// Walker state is stored as JSON in `sync_cursors`, one row per list.
enum CursorCoding {
    static func decode<C: Decodable>(_ type: C.Type, _ text: String?) -> C? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }

    static func encode<C: Encodable>(_ cursor: C) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(cursor)) ?? Data(), as: UTF8.self)
    }
}
