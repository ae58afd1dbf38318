/// One metric over one repository's activity, whatever its plugin: resumed from its checkpoint,
/// fed every item in stream order, and saved again. A class, so that the hot loop mutates each
/// metric's state in place.
protocol ActivityMetric: AnyObject {
    var name: String { get }
    /// Items before this time are already in the resumed state (nil: computed from the start).
    var from: Int64? { get }

    /// Takes a checkpoint's state, through `through`; false when the bytes are not a state of
    /// this metric (another version, other options), and then it is computed from the start.
    func resume(_ state: [UInt8], through: Int64) -> Bool

    /// Makes room for the repository's issues and applies the resumed state to them.
    func prepare(issues: IssueTable)

    /// Feeds one item; appends the points it makes.
    func receive(_ item: ActivityItem, issues: IssueTable, into points: inout [MetricPoint])

    /// The state to save in the checkpoint, issues by number.
    func checkpoint(numbers: [Int64]) -> [UInt8]
}

extension MetricPlugin {
    func metric(name: String, repository: String, labels: Interner, users: Interner) -> any ActivityMetric {
        switch self {
        case .count(let options): CountMetric(name: name, repository: repository, options: options, labels: labels, users: users)
        case .latency(let options): LatencyMetric(name: name, repository: repository, options: options, labels: labels, users: users)
        }
    }
}
