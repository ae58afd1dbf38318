/// One issue event (`labeled`, `closed`, `assigned`, ...), as listed by the issue events endpoints.
public struct FakeEvent: Sendable, Equatable {
    public var id: Int64
    public var issueNumber: Int
    /// GitHub's event name, e.g. "labeled", "unlabeled", "closed", "reopened", "assigned".
    public var event: String
    public var actor: FakeActor
    /// Label name for `labeled`/`unlabeled` (rendered as `label: {name, color}`).
    public var label: String?
    /// Assignee login for `assigned`/`unassigned` (rendered as `assignee` plus `assigner` = actor).
    public var assignee: String?
    public var createdAt: Int64

    public init(
        id: Int64, issueNumber: Int, event: String, actor: FakeActor, label: String? = nil,
        assignee: String? = nil, createdAt: Int64
    ) {
        self.id = id
        self.issueNumber = issueNumber
        self.event = event
        self.actor = actor
        self.label = label
        self.assignee = assignee
        self.createdAt = createdAt
    }

    /// Its global node id: in REST answers' `node_id`, and GraphQL's `id` of the same event.
    public var nodeID: String { NodeID.make("IssueEvent", id) }
}
