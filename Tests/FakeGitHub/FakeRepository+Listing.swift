extension FakeRepository {
    /// What GitHub's lists show at `now` when a new event or comment appears in them only some
    /// time after its creation: none, half of `lag`, or all of it, by its id, so that a later
    /// item can show before an earlier one (edits show at once).
    func listed(asOf now: Int64, lag: Int64) -> FakeRepository {
        func hidden(_ id: Int64, _ created: Int64) -> Bool { created > now - lag * (id % 3) / 2 }
        var copy = self
        copy.events.removeAll { hidden($0.id, $0.createdAt) }
        copy.issueComments.removeAll { hidden($0.id, $0.createdAt) }
        copy.reviewComments.removeAll { hidden($0.id, $0.createdAt) }
        return copy
    }
}
