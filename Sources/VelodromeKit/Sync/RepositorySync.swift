/// One repository's sync: issues first (the events fallback reads them), then events, issue
/// comments and review comments. When all four are mirrored to their end, the watermark moves
/// to the sync's start by GitHub's clock, less the settle margin: GitHub's lists show an event or
/// comment some time after its timestamp, and everything before the watermark must be in the
/// mirror. Each list reaches back to the previous watermark (or, on a first sync that resumes,
/// the margin) to pick up what GitHub showed late.
struct RepositorySync {
    let environment: SyncEnvironment

    func run() async throws {
        let state = try await environment.store.syncState(repository: environment.repository.key)
        let reachBack = state.watermark
        try await MirrorLists.issues.sync(environment, from: state.cursors[MirrorLists.issues.name], reachBack: reachBack)
        try await EventsWalker().sync(environment, from: state.cursors[EventsWalker.name])
        try await MirrorLists.issueComments.sync(environment, from: state.cursors[MirrorLists.issueComments.name], reachBack: reachBack)
        try await MirrorLists.reviewComments.sync(environment, from: state.cursors[MirrorLists.reviewComments.name], reachBack: reachBack)
        var batch = MirrorBatch()
        let watermark = environment.progress.syncStart.adding(seconds: -environment.settleSeconds)
        batch.watermark = max(watermark, state.watermark ?? watermark)
        try await environment.commit(batch)
    }
}
