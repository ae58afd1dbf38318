/// One repository's sync: issues first (the events fallback reads them), then events, issue
/// comments and review comments. When all four are mirrored to their end, the watermark moves
/// to the sync's start by GitHub's clock: everything before it is in the mirror.
struct RepositorySync {
    let environment: SyncEnvironment

    func run() async throws {
        let state = try await environment.store.syncState(repository: environment.repository.key)
        try await MirrorLists.issues.sync(environment, from: state.cursors[MirrorLists.issues.name])
        try await EventsWalker().sync(environment, from: state.cursors[EventsWalker.name])
        try await MirrorLists.issueComments.sync(environment, from: state.cursors[MirrorLists.issueComments.name])
        try await MirrorLists.reviewComments.sync(environment, from: state.cursors[MirrorLists.reviewComments.name])
        var batch = MirrorBatch()
        batch.watermark = environment.progress.syncStart
        try await environment.commit(batch)
    }
}
