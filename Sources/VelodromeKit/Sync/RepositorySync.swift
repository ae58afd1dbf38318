/// One repository's sync: issues first (the events fallback reads them), then events, issue
/// comments and review comments. When all four are mirrored to their end, the watermark moves
/// to the sync's start by GitHub's clock, less the settle margin: GitHub's lists show an event or
/// comment some time after its timestamp, and everything before the watermark must be in the
/// mirror.
///
/// A sync cut short (killed, stopped, failed) is resumed by the next; together they are one
/// series, whose start the first page records. The watermark is that start less the margin, so
/// what GitHub showed late while any attempt read past it is never behind the watermark. A
/// new series reaches back to the previous watermark in each list, for what GitHub showed
/// late after the last series read past it.
struct RepositorySync {
    let environment: SyncEnvironment

    func run() async throws {
        let state = try await environment.store.syncState(repository: environment.repository.key)
        let series = CursorCoding.decode(SyncSeries.self, state.cursors[SyncSeries.name])?.startedAt
        environment.series.begin(resuming: series)
        let reachBack = series == nil ? state.watermark : nil
        try await MirrorLists.issues.sync(environment, from: state.cursors[MirrorLists.issues.name], reachBack: reachBack)
        try await EventsWalker().sync(environment, from: state.cursors[EventsWalker.name]) {
            try await MirrorLists.issueComments.sync(environment, from: state.cursors[MirrorLists.issueComments.name], reachBack: reachBack)
            try await MirrorLists.reviewComments.sync(environment, from: state.cursors[MirrorLists.reviewComments.name], reachBack: reachBack)
        }
        var batch = MirrorBatch()
        let start = environment.series.startedAt ?? environment.progress.syncStart
        let watermark = start.adding(seconds: -environment.settleSeconds)
        batch.watermark = max(watermark, state.watermark ?? watermark)
        batch.cursors[SyncSeries.name] = CursorCoding.encode(SyncSeries(startedAt: nil))
        try await environment.commit(batch)
    }
}

/// The `sync` row of `sync_cursors`: when the series of attempts that has not finished yet
/// started, by GitHub's clock; nil once it finished.
struct SyncSeries: Codable {
    static let name = "sync"
    var startedAt: Timestamp?
}
