/// One metric of the `latency` plugin over one repository's activity: per issue, the clock starts
/// at its first `--from` event and stops at the first `--to` event at or after it, which emits one
/// point (`minutes`, `count=1`) at that event's time, once per issue for ever. Issues are filtered
/// as `count` filters them; the actors of the events are not (a robot's merge is still the merge).
final class LatencyMetric: ActivityMetric {
    let name: String
    let repository: String
    let options: LatencyOptions
    private(set) var from: Int64?
    private let start: End
    private let stops: [End]
    private let filter: IssueFilter
    private let ignoredResponders: Set<Int32>
    private let users: Interner
    private var clock = PointClock()
    /// Per issue (dense index): when its clock started (`notStarted`: not yet), and whether it
    /// has stopped, for ever.
    private var started: [Int64] = []
    private var stopped: [Bool] = []
    private var resumed: [LatencyEntry]?

    static let notStarted = Int64.min

    private enum End {
        case event(CompiledMatcher)
        case responded
    }

    init(name: String, repository: String, options: LatencyOptions, labels: Interner, users: Interner) {
        self.name = name
        self.repository = repository
        self.options = options
        self.users = users
        func compile(_ end: LatencyEvent) -> End {
            switch end {
            case .event(let matcher): .event(CompiledMatcher(matcher, labels: labels))
            case .responded: .responded
            }
        }
        start = compile(options.start)
        stops = options.stops.map(compile)
        filter = IssueFilter(options.issues, users: users)
        ignoredResponders = Set(options.ignoredResponders.map { users.id($0) })
    }

    func resume(_ bytes: [UInt8], through: Int64) -> Bool {
        guard let entries = LatencyCodec.decode(bytes) else { return false }
        resumed = entries
        from = through
        return true
    }

    func prepare(issues: IssueTable) {
        if issues.count > started.count {
            started += repeatElement(Self.notStarted, count: issues.count - started.count)
            stopped += repeatElement(false, count: issues.count - stopped.count)
        }
        for entry in resumed ?? [] {
            guard let index = issues.index(of: entry.number) else { continue }
            started[Int(index)] = entry.started
            stopped[Int(index)] = entry.stopped
        }
        resumed = nil
    }

    func checkpoint(numbers: [Int64]) -> [UInt8] {
        LatencyCodec.encode(started.indices.filter { started[$0] != Self.notStarted || stopped[$0] }.map {
            LatencyEntry(number: numbers[$0], started: started[$0], stopped: stopped[$0])
        })
    }

    func receive(_ item: ActivityItem, issues: IssueTable, into points: inout [MetricPoint]) {
        if let from, item.time < from { return }
        let issue = Int(item.issue)
        guard !stopped[issue], filter.admits(issue, issues) else { return }
        if started[issue] == Self.notStarted, matches(start, item, issue, issues) { started[issue] = item.time }
        guard started[issue] != Self.notStarted, stops.contains(where: { matches($0, item, issue, issues) }) else { return }
        stopped[issue] = true
        var fields = [MetricField("minutes", .integer((item.time - started[issue]) / 60)), MetricField("count", .integer(1))]
        if options.logAuthor { fields.append(MetricField("author", .string(users.name(issues.authors[issue])))) }
        points.append(MetricPoint(measurement: name, repository: repository, time: clock.time(forSecond: item.time), fields: fields))
    }

    private func matches(_ end: End, _ item: ActivityItem, _ issue: Int, _ issues: IssueTable) -> Bool {
        switch end {
        case .event(let matcher):
            matcher.matches(item.source == .comment ? .commented : item.event, label: item.label)
        case .responded:
            item.source == .comment && item.actor != issues.authors[issue] && !ignoredResponders.contains(item.actor)
        }
    }
}

/// One issue's latency state in a checkpoint.
struct LatencyEntry: Equatable {
    var number: Int64
    var started: Int64
    var stopped: Bool
}

/// A latency metric's state as bytes: version, entry count, then per issue its number, its start
/// (`LatencyMetric.notStarted` when none) and whether it stopped.
enum LatencyCodec {
    static let version: UInt8 = 1

    static func encode(_ entries: [LatencyEntry]) -> [UInt8] {
        var writer = CheckpointWriter()
        writer.reserve(5 + entries.count * 17)
        writer.byte(version)
        writer.integer(UInt32(entries.count))
        for entry in entries {
            writer.integer(UInt64(bitPattern: entry.number))
            writer.integer(UInt64(bitPattern: entry.started))
            writer.byte(entry.stopped ? 1 : 0)
        }
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8]) -> [LatencyEntry]? {
        var reader = CheckpointReader(bytes)
        guard reader.byte() == version, let count = reader.integer(UInt32.self) else { return nil }
        var entries: [LatencyEntry] = []
        for _ in 0..<count {
            guard let number = reader.integer(UInt64.self), let started = reader.integer(UInt64.self), let stopped = reader.byte() else { return nil }
            entries.append(LatencyEntry(number: Int64(bitPattern: number), started: Int64(bitPattern: started), stopped: stopped != 0))
        }
        return reader.atEnd ? entries : nil
    }
}
