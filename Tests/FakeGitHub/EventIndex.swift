/// Events sorted by id, for the whole repository and per issue.
struct EventIndex {
    let source: [FakeEvent]
    let all: SortedKeys
    let perIssue: [Int: SortedKeys]

    init(_ events: [FakeEvent]) {
        source = events
        all = SortedKeys.build(
            count: events.count, primary: { events[$0].id }, tie: { _ in 0 }, filter: { _ in 0 })
        var groups: [Int: SortedKeys] = [:]
        for raw in 0..<all.count {
            let position = all.positions[raw]
            let event = events[Int(position)]
            groups[event.issueNumber, default: SortedKeys()].append(
                primary: event.id, tie: 0, filter: 0, position: position)
        }
        perIssue = groups
    }
}
