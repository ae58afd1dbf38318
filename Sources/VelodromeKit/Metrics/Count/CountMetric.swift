import Foundation

/// One metric of the `count` plugin over one repository's activity, composed as the original:
/// issues by ignored authors and of the filtered-out kind are dropped with everything on them;
/// the event and comment counters skip ignored actors; the state counter does not (an ignored
/// robot's merge still ends a PR's open state, which the original got wrong).
final class CountMetric: ActivityMetric {
    let name: String
    let repository: String
    let options: CountOptions
    private(set) var from: Int64?
    private let event: CompiledMatcher?
    private let filter: IssueFilter
    private let users: Interner
    private var state: StateTracker?
    private var clock = PointClock()
    /// With `--first-time`: the authors each counter (the event's, then each regex's) has counted.
    private var seen: [Set<Int32>]?
    private var resumed: CountState?

    init(name: String, repository: String, options: CountOptions, labels: Interner, users: Interner) {
        self.name = name
        self.repository = repository
        self.options = options
        self.users = users
        event = options.event.map { CompiledMatcher($0, labels: labels) }
        filter = IssueFilter(options.issues, users: users)
        state = options.state.map { StateTracker($0, labels: labels) }
        if options.firstTime { seen = Array(repeating: [], count: 1 + options.comments.count) }
    }

    func resume(_ bytes: [UInt8], through: Int64) -> Bool {
        guard let decoded = StateCodec.decode(bytes, parts: options.state?.parts.count ?? 0, counters: seen?.count) else { return false }
        resumed = decoded
        from = through
        return true
    }

    func prepare(issues: IssueTable) {
        state?.reserve(issues: issues.count)
        guard let resumed else { return }
        state?.restore(resumed.entries, issues: issues)
        if let logins = resumed.seen { seen = logins.map { Set($0.map(users.id)) } }
        self.resumed = nil
    }

    func checkpoint(numbers: [Int64]) -> [UInt8] {
        let seenLogins = seen?.map { $0.map(users.name).sorted() }
        return StateCodec.encode(CountState(entries: state?.entries(numbers: numbers) ?? [], seen: seenLogins), parts: state?.machines.count ?? 0)
    }

    /// Feeds one item; appends the points it makes, in the original's order: the event or comment
    /// counters' points, then the state counter's.
    func receive(_ item: ActivityItem, issues: IssueTable, into points: inout [MetricPoint]) {
        if let from, item.time < from { return }
        let issue = Int(item.issue)
        guard filter.admits(issue, issues) else { return }
        if !filter.ignored.contains(item.actor) {
            let kind = item.source == .comment ? EventKind.commented : item.event
            if let event, event.matches(kind, label: item.label), firstOf(counter: 0, item.actor) {
                points.append(point(item, [MetricField("event", .integer(1))], author: true))
            }
            if item.source == .comment {
                for (index, regex) in options.comments.enumerated() where regex.matches(item.body) {
                    if firstOf(counter: 1 + index, item.actor) { points.append(point(item, [MetricField("comment", .integer(1))], author: true)) }
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

    /// Without `--first-time`, always; with it, only the first time this counter sees `author`.
    private func firstOf(counter: Int, _ author: Int32) -> Bool {
        guard seen != nil else { return true }
        return seen![counter].insert(author).inserted
    }

    private func point(_ item: ActivityItem, _ fields: [MetricField], author: Bool) -> MetricPoint {
        var fields = fields
        if author, options.logAuthor { fields.append(MetricField("author", .string(users.name(item.actor)))) }
        return MetricPoint(measurement: name, repository: repository, time: clock.time(forSecond: item.time), fields: fields)
    }
}
