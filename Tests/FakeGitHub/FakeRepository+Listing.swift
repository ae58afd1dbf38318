extension FakeRepository {
    /// What GitHub's lists show at `now` when a new event or comment appears in them only `lag`
    /// seconds after its creation time (edits show at once).
    func listed(asOf now: Int64, lag: Int64) -> FakeRepository {
        var copy = self
        copy.events.removeAll { $0.createdAt > now - lag }
        copy.issueComments.removeAll { $0.createdAt > now - lag }
        copy.reviewComments.removeAll { $0.createdAt > now - lag }
        return copy
    }
}
