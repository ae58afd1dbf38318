/// An `EventMatcher` resolved against the repository's label names: a match is two integer compares.
struct CompiledMatcher: Equatable {
    enum Kind: Equatable { case never, always, event(EventKind) }

    let kind: Kind
    /// Interned label for labeled/unlabeled matchers; -1 otherwise.
    let label: Int32

    init(_ matcher: EventMatcher, labels: Interner) {
        switch matcher {
        case .never: kind = .never; label = -1
        case .always: kind = .always; label = -1
        case .opened: kind = .event(.opened); label = -1
        case .commented: kind = .event(.commented); label = -1
        case .closed: kind = .event(.closed); label = -1
        case .reopened: kind = .event(.reopened); label = -1
        case .merged: kind = .event(.merged); label = -1
        case .labeled(let name): kind = .event(.labeled); label = labels.id(name)
        case .unlabeled(let name): kind = .event(.unlabeled); label = labels.id(name)
        }
    }

    func matches(_ event: EventKind, label: Int32) -> Bool {
        switch kind {
        case .never: false
        case .always: true
        case .event(let kind): kind == event && (self.label < 0 || self.label == label)
        }
    }
}
