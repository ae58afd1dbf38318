/// One part of a `--state` as a small state machine, following the original exactly:
/// an active part waiting for its exit becomes inactive waiting for the exit's opposite; an
/// inactive part waiting for its entry becomes active waiting for the entry's opposite.
/// A plain part starts inactive waiting for its event; a `!` part starts active (since the zero
/// time) waiting for its event.
struct PartMachine {
    struct Node {
        let active: Bool
        let waitsFor: CompiledMatcher
        /// The node after `waitsFor` happens.
        let next: UInt8
    }

    /// Node 0 is the start.
    let nodes: [Node]

    init(_ part: StateDescription.Part, labels: Interner) {
        var found: [(active: Bool, matcher: EventMatcher)] = [(part.negated, part.event)]
        var next: [Int] = []
        var index = 0
        while index < found.count {
            let (active, matcher) = found[index]
            let successor = (!active, matcher.opposite)
            if let existing = found.firstIndex(where: { $0 == successor }) {
                next.append(existing)
            } else {
                found.append(successor)
                next.append(found.count - 1)
            }
            index += 1
        }
        nodes = found.indices.map { Node(active: found[$0].active, waitsFor: CompiledMatcher(found[$0].matcher, labels: labels), next: UInt8(next[$0])) }
    }
}
