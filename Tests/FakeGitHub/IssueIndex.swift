/// Issues sorted by (created_at, number) and (updated_at, number), once per state filter,
/// so every issues-list request is a range of a prebuilt array.
struct IssueIndex {
    enum StateFilter: Int {
        case all = 0, open, closed

        init(_ text: String?) {
            switch text {
            case "all": self = .all
            case "closed": self = .closed
            default: self = .open  // GitHub's default, also for unknown values
            }
        }
    }

    let source: [FakeIssue]
    let positionByNumber: [Int: Int32]
    private let byCreated: [SortedKeys]
    private let byUpdated: [SortedKeys]

    init(_ issues: [FakeIssue]) {
        source = issues
        var numbers: [Int: Int32] = [:]
        numbers.reserveCapacity(issues.count)
        for (i, issue) in issues.enumerated() { numbers[issue.number] = Int32(i) }
        positionByNumber = numbers
        var created: [SortedKeys] = []
        var updated: [SortedKeys] = []
        for filter in [StateFilter.all, .open, .closed] {
            let include: (Int) -> Bool = { i in
                filter == .all || (issues[i].state == "closed") == (filter == .closed)
            }
            created.append(
                SortedKeys.build(
                    count: issues.count, include: include, primary: { issues[$0].createdAt },
                    tie: { Int64(issues[$0].number) }, filter: { issues[$0].updatedAt }))
            updated.append(
                SortedKeys.build(
                    count: issues.count, include: include, primary: { issues[$0].updatedAt },
                    tie: { Int64(issues[$0].number) }, filter: { issues[$0].updatedAt }))
        }
        byCreated = created
        byUpdated = updated
    }

    func keys(state: StateFilter, byUpdated sortUpdated: Bool) -> SortedKeys {
        sortUpdated ? byUpdated[state.rawValue] : byCreated[state.rawValue]
    }
}
