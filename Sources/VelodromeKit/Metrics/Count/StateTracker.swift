/// The state of every issue under one `--state`, and the age index of those in it.
///
/// As in the original, an issue has an entry once any event reached it; it is in the state while
/// every part is active, and its age runs from the most recent activation among its parts.
struct StateTracker {
    let machines: [PartMachine]
    private var parts: Int { machines.count }
    /// Per issue (dense index): whether it has an entry, its slot in the age index (-1: not in the
    /// state) and its start; per issue and part: the machine node and when the part last became active.
    private var known: [Bool] = []
    private var slots: [Int32] = []
    private var starts: [Int64] = []
    private var nodes: [UInt8] = []
    private var since: [Int64] = []
    private(set) var ages = AgeIndex()

    init(_ description: StateDescription, labels: Interner) {
        machines = description.parts.map { PartMachine($0, labels: labels) }
    }

    mutating func reserve(issues count: Int) {
        guard count > known.count else { return }
        let added = count - known.count
        known += repeatElement(false, count: added)
        slots += repeatElement(-1, count: added)
        starts += repeatElement(0, count: added)
        nodes += repeatElement(0, count: added * parts)
        since += repeatElement(AgeIndex.zero, count: added * parts)
    }

    /// Feeds one event of issue `issue` at `time`; true when any part of its state changed.
    mutating func receive(issue: Int32, event: EventKind, label: Int32, at time: Int64) -> Bool {
        let issue = Int(issue)
        let base = issue * parts
        var changed = false
        for part in 0..<parts {
            let node = machines[part].nodes[Int(nodes[base + part])]
            guard node.waitsFor.matches(event, label: label) else { continue }
            nodes[base + part] = node.next
            if machines[part].nodes[Int(node.next)].active { since[base + part] = time }
            changed = true
        }
        if !known[issue] || changed {
            known[issue] = true
            update(issue)
        }
        return changed
    }

    /// Moves the issue in or out of the age index after its parts changed.
    private mutating func update(_ issue: Int) {
        if slots[issue] >= 0 {
            ages.remove(slots[issue], start: starts[issue])
            slots[issue] = -1
        }
        if let start = stateStart(of: issue) { enter(issue, at: start) }
    }

    /// When the issue's state began (its parts' latest activation), or nil when it is not in it.
    private func stateStart(of issue: Int) -> Int64? {
        let base = issue * parts
        var start = AgeIndex.zero
        for part in 0..<parts {
            guard machines[part].nodes[Int(nodes[base + part])].active else { return nil }
            start = max(start, since[base + part])
        }
        return start
    }

    private mutating func enter(_ issue: Int, at start: Int64) {
        starts[issue] = start
        slots[issue] = ages.insert(start)
    }

    // MARK: Checkpoints

    /// Issues with an entry, by number, for a checkpoint.
    func entries(numbers: [Int64]) -> [StateEntry] {
        known.indices.filter { known[$0] }.map { issue in
            let base = issue * parts
            return StateEntry(number: numbers[issue], nodes: Array(nodes[base..<(base + parts)]), since: Array(since[base..<(base + parts)]))
        }
    }

    /// Restores entries saved by `entries` (those of issues the table lacks are dropped); issues in
    /// the state are re-indexed oldest start first, as the age index needs.
    mutating func restore(_ entries: [StateEntry], issues: IssueTable) {
        var inState: [(issue: Int, start: Int64)] = []
        for entry in entries {
            guard let index = issues.index(of: entry.number) else { continue }
            let issue = Int(index), base = issue * parts
            known[issue] = true
            for part in 0..<parts {
                nodes[base + part] = entry.nodes[part]
                since[base + part] = entry.since[part]
            }
            if let start = stateStart(of: issue) { inState.append((issue, start)) }
        }
        for (issue, start) in inState.sorted(by: { ($0.start, $0.issue) < ($1.start, $1.issue) }) {
            enter(issue, at: start)
        }
    }
}

/// One issue's state in a checkpoint: its number, and per part its machine node and when the part
/// last became active.
struct StateEntry: Equatable {
    var number: Int64
    var nodes: [UInt8]
    var since: [Int64]
}
