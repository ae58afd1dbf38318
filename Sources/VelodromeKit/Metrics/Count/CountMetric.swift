import Foundation

/// One metric of the `count` plugin over one repository's activity, composed as the original:
/// issues by ignored authors and of the filtered-out kind are dropped with everything on them;
/// the event and comment counters skip ignored actors; the state counter does not (an ignored
/// robot's merge still ends a PR's open state, which the original got wrong).
struct CountMetric {
    let name: String
    let repository: String
    let options: CountOptions
    /// The metric's checkpoint: items before it are already in its restored state (nil: from the start).
    var from: Int64?
    private let event: CompiledMatcher?
    private let ignored: Set<Int32>
    private let users: Interner
    private(set) var state: StateTracker?
    private var clock = PointClock()

    init(name: String, repository: String, options: CountOptions, labels: Interner, users: Interner) {
        self.name = name
        self.repository = repository
        self.options = options
        self.users = users
        event = options.event.map { CompiledMatcher($0, labels: labels) }
        ignored = Set(options.ignoredAuthors.map { users.id($0) })
        state = options.state.map { StateTracker($0, labels: labels) }
    }

    mutating func reserve(issues count: Int) { state?.reserve(issues: count) }

    mutating func restoreState(_ entries: [StateEntry], issues: IssueTable) {
        state?.restore(entries, issues: issues)
    }

    /// Feeds one item; appends the points it makes, in the original's order: the event or comment
    /// counters' points, then the state counter's.
    mutating func receive(_ item: ActivityItem, issues: IssueTable, into points: inout [MetricPoint]) {
        if let from, item.time < from { return }
        let issue = Int(item.issue)
        if ignored.contains(issues.authors[issue]) { return }
        if options.noIssues, !issues.pullRequests[issue] { return }
        if options.noPullRequests, issues.pullRequests[issue] { return }
        if !ignored.contains(item.actor) {
            let kind = item.source == .comment ? EventKind.commented : item.event
            if let event, event.matches(kind, label: item.label) {
                points.append(point(item, [MetricField("event", .integer(1))], author: true))
            }
            if item.source == .comment {
                for regex in options.comments where regex.matches(item.body) {
                    points.append(point(item, [MetricField("comment", .integer(1))], author: true))
                }
            }
        }
        guard item.source != .comment, state != nil else { return }
        let changed = state!.receive(issue: item.issue, event: item.event, label: item.label, at: item.time)
        guard changed else { return }
        let ages = state!.ages
        var fields = [MetricField("count", .integer(Int64(ages.count))), MetricField("sum", .integer(ages.totalMinutes(at: item.time)))]
        for percentile in options.percentiles {
            fields.append(MetricField("\(percentile)%", .integer(ages.percentileMinutes(percentile, at: item.time))))
        }
        points.append(point(item, fields, author: false))
    }

    private mutating func point(_ item: ActivityItem, _ fields: [MetricField], author: Bool) -> MetricPoint {
        var fields = fields
        if author, options.logAuthor { fields.append(MetricField("author", .string(users.name(item.actor)))) }
        return MetricPoint(measurement: name, repository: repository, time: clock.time(forSecond: item.time), fields: fields)
    }
}
