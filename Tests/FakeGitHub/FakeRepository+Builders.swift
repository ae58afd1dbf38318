/// Builders that change a repository the way GitHub does: new items get the next id,
/// and the touched issue's `updated_at` moves to the time of the change.
extension FakeRepository {
    /// Adds an issue (or pull request) numbered after every existing one, created and
    /// updated at `at`. (The optional fields follow `at`, in the order the brief gave.)
    @discardableResult
    public mutating func addIssue(
        title: String, user: FakeActor, isPullRequest: Bool = false, at: Int64, body: String? = nil,
        labels: [String] = [], assignees: [String] = []
    ) -> FakeIssue {
        let number = max(nextIssueNumber, (issues.last?.number ?? 0) + 1)
        nextIssueNumber = number + 1
        let issue = FakeIssue(
            number: number, id: nextIssueID, title: title, body: body, user: user,
            isPullRequest: isPullRequest, labels: labels, assignees: assignees, createdAt: at)
        nextIssueID += 1
        issues.append(issue)
        return issue
    }

    /// Records an event and applies its effect to the issue: `labeled`/`unlabeled` change the
    /// labels, `closed`/`reopened` the state and `closed_at`, `assigned`/`unassigned` the
    /// assignees; every event sets the issue's `updated_at` to `at`.
    @discardableResult
    public mutating func addEvent(
        issue number: Int, event: String, actor: FakeActor, label: String? = nil,
        assignee: String? = nil, at: Int64
    ) -> FakeEvent {
        guard let index = issueIndex(number) else {
            preconditionFailure("FakeRepository.addEvent: no issue #\(number) in \(fullName)")
        }
        let made = FakeEvent(
            id: nextEventID, issueNumber: number, event: event, actor: actor, label: label,
            assignee: assignee, createdAt: at)
        nextEventID += 1
        events.append(made)
        Self.apply(made, to: &issues[index])
        return made
    }

    /// Adds an issue comment (`review: false`) or a review comment (`review: true`).
    /// Both move the issue's `updated_at`; only issue comments count in its `comments`,
    /// as GitHub's issue `comments` field does not include review comments.
    @discardableResult
    public mutating func addComment(
        issue number: Int, body: String, user: FakeActor, at: Int64, review: Bool = false
    ) -> FakeComment {
        guard let index = issueIndex(number) else {
            preconditionFailure("FakeRepository.addComment: no issue #\(number) in \(fullName)")
        }
        let id = review ? nextReviewCommentID : nextCommentID
        let comment = FakeComment(id: id, issueNumber: number, body: body, user: user, createdAt: at)
        if review {
            nextReviewCommentID += 1
            reviewComments.append(comment)
        } else {
            nextCommentID += 1
            issueComments.append(comment)
            issues[index].comments += 1
        }
        issues[index].updatedAt = at
        return comment
    }

    /// Edits a comment's body and moves its `updated_at` (the issue's is left alone, as on GitHub).
    public mutating func editComment(id: Int64, review: Bool, body: String, at: Int64) {
        if review {
            Self.edit(&reviewComments, id: id, kind: "review comment", body: body, at: at)
        } else {
            Self.edit(&issueComments, id: id, kind: "issue comment", body: body, at: at)
        }
    }

    private static func edit(_ comments: inout [FakeComment], id: Int64, kind: String, body: String, at: Int64) {
        guard let index = commentIndex(id, in: comments) else {
            preconditionFailure("FakeRepository.editComment: no \(kind) \(id)")
        }
        comments[index].body = body
        comments[index].updatedAt = at
    }

    /// A change that only moves `updated_at` (a title or body edit, say).
    public mutating func touchIssue(_ number: Int, at: Int64) {
        guard let index = issueIndex(number) else {
            preconditionFailure("FakeRepository.touchIssue: no issue #\(number) in \(fullName)")
        }
        issues[index].updatedAt = at
    }

    // Static: a method on self taking &issues[i] would copy self, and so the whole array, per call.
    private static func apply(_ event: FakeEvent, to issue: inout FakeIssue) {
        issue.updatedAt = event.createdAt
        switch event.event {
        case "labeled":
            if let label = event.label, !issue.labels.contains(label) { issue.labels.append(label) }
        case "unlabeled":
            if let label = event.label { issue.labels.removeAll { $0 == label } }
        case "closed":
            issue.state = "closed"
            issue.closedAt = event.createdAt
        case "merged":
            issue.mergedAt = event.createdAt
        case "reopened":
            issue.state = "open"
            issue.closedAt = nil
        case "assigned":
            if let login = event.assignee, !issue.assignees.contains(login) {
                issue.assignees.append(login)
            }
        case "unassigned":
            if let login = event.assignee { issue.assignees.removeAll { $0 == login } }
        default:
            break
        }
    }

    /// Position of an issue. Builders keep issues in number order, usually with
    /// number == position + 1, so the lookup is O(1) or a binary search; a linear scan
    /// covers arrays a test arranged by hand. (Building 100,000 events must not be quadratic.)
    func issueIndex(_ number: Int) -> Int? {
        if number >= 1, number <= issues.count, issues[number - 1].number == number { return number - 1 }
        return Self.position(of: number, in: issues) { $0.number }
    }

    /// Position of a comment by id (builders append ids in increasing order).
    static func commentIndex(_ id: Int64, in comments: [FakeComment]) -> Int? {
        position(of: id, in: comments) { $0.id }
    }

    /// Binary search over elements kept in key order, then a linear scan for hand-arranged arrays.
    private static func position<Element, Key: Comparable>(of key: Key, in elements: [Element], by keyOf: (Element) -> Key) -> Int? {
        var low = 0
        var high = elements.count
        while low < high {
            let mid = (low + high) / 2
            if keyOf(elements[mid]) < key { low = mid + 1 } else { high = mid }
        }
        if low < elements.count, keyOf(elements[low]) == key { return low }
        return elements.firstIndex { keyOf($0) == key }
    }
}
