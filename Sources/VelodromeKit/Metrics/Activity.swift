/// What the metrics read, in order: every issue's `opened`, its events, and its comments.
package enum EventKind: UInt8, Sendable {
    case opened, commented, closed, reopened, merged, labeled, unlabeled
    /// Any other event GitHub records (assigned, subscribed, ...): it can still create an issue's state entry.
    case other

    init(name: String) {
        switch name {
        case "opened": self = .opened
        case "commented": self = .commented
        case "closed": self = .closed
        case "reopened": self = .reopened
        case "merged": self = .merged
        case "labeled": self = .labeled
        case "unlabeled": self = .unlabeled
        default: self = .other
        }
    }
}

/// One item of a repository's activity stream, with names interned to small integers so that
/// every metric compares integers rather than strings.
struct ActivityItem {
    enum Source: UInt8 { case opened, event, comment }

    var source: Source
    var time: Int64
    /// Dense index into the repository's `IssueTable`.
    var issue: Int32
    var event: EventKind
    /// Interned label name, or -1.
    var label: Int32
    /// Interned login of the author (opened), actor (event) or commenter.
    var actor: Int32
    var body: String
}

/// Gives each distinct string a small integer, so hot loops compare integers.
final class Interner {
    private var ids: [String: Int32] = [:]
    private(set) var names: [String] = []

    func id(_ name: String) -> Int32 {
        if let id = ids[name] { return id }
        let id = Int32(names.count)
        ids[name] = id
        names.append(name)
        return id
    }

    /// The id of a name already seen, or nil.
    func existing(_ name: String) -> Int32? { ids[name] }

    func name(_ id: Int32) -> String { names[Int(id)] }
}

/// The issues of one repository: number, author and kind, by dense index.
struct IssueTable {
    private(set) var numbers: [Int64] = []
    private(set) var authors: [Int32] = []
    private(set) var pullRequests: [Bool] = []
    private var indexByNumber: [Int64: Int32] = [:]

    init(_ summaries: [IssueSummary], users: Interner) {
        for summary in summaries {
            indexByNumber[summary.number] = Int32(numbers.count)
            numbers.append(summary.number)
            authors.append(users.id(summary.author))
            pullRequests.append(summary.isPullRequest)
        }
    }

    var count: Int { numbers.count }

    func index(of number: Int64) -> Int32? { indexByNumber[number] }
}
