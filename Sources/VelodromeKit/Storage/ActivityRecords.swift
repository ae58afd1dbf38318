/// What transform needs of an issue to filter its activity.
public struct IssueSummary: Sendable, Equatable {
    public var number: Int64
    public var author: String
    public var isPullRequest: Bool

    public init(number: Int64, author: String, isPullRequest: Bool) {
        self.number = number
        self.author = author
        self.isPullRequest = isPullRequest
    }
}

/// One row of a repository's activity, in the order transform reads it: by time; within a
/// second, `opened` (by issue number) first, then events by id, then comments by id.
public enum ActivityRow: Sendable, Equatable {
    case opened(number: Int64, author: String, time: Timestamp)
    case event(id: Int64, number: Int64, event: String, label: String?, actor: String, time: Timestamp)
    case comment(id: Int64, review: Bool, number: Int64, user: String, body: String, time: Timestamp)

    public var time: Timestamp {
        switch self {
        case .opened(_, _, let time), .event(_, _, _, _, _, let time), .comment(_, _, _, _, _, let time): time
        }
    }
}

/// Reads activity rows in order, a chunk at a time, from one consistent snapshot of the mirror.
public protocol ActivityCursor: AnyObject {
    /// Up to `limit` rows; fewer only at the end.
    func next(limit: Int) async throws -> [ActivityRow]
}

/// Where a metric's points stand in one output: everything before `through` was written there,
/// with the metric's state at that time.
public struct MetricCheckpoint: Sendable, Equatable {
    public var through: Timestamp
    /// The metric's arguments when it was computed: different arguments mean a rebuild.
    public var definition: String
    public var state: [UInt8]

    public init(through: Timestamp, definition: String, state: [UInt8]) {
        self.through = through
        self.definition = definition
        self.state = state
    }
}
