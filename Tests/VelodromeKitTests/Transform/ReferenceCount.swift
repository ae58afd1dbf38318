@testable import VelodromeKit

/// The original's count plugin, written the plain way (strings, a dictionary of part states per
/// issue, every age sorted for every point), with Velodrome's fixes: ignored actors still move
/// state, ages in minutes, distinct nanosecond times; and Velodrome's additions, `--first-time`
/// and the latency plugin, as docs/metrics.md defines them. Tests hold the real implementation to it.
enum ReferenceCount {
    struct Part { var active: Bool; var waitsFor: EventMatcher; var since: Int64 }

    struct Item {
        let time: Int64, rank: Int, id: Int64, review: Bool
        let number: Int64, event: String, label: String?, actor: String, body: String?
    }

    static func stream(issues: [IssueRecord], events: [EventRecord], comments: [CommentRecord], from: Int64?, until: Int64) -> [Item] {
        var items = issues.map { Item(time: $0.createdAt.seconds, rank: 0, id: $0.number, review: false, number: $0.number, event: "opened", label: nil, actor: $0.user, body: nil) }
        items += events.map { Item(time: $0.createdAt.seconds, rank: 1, id: $0.id, review: false, number: $0.issueNumber, event: $0.event, label: $0.label, actor: $0.actor, body: nil) }
        items += comments.map { Item(time: $0.createdAt.seconds, rank: 2, id: $0.id, review: $0.isReviewComment, number: $0.issueNumber, event: "commented", label: nil, actor: $0.user, body: $0.body) }
        return items.filter { $0.time >= (from ?? .min) && $0.time < until }
            .sorted { ($0.time, $0.rank, $0.id, $0.review ? 1 : 0) < ($1.time, $1.rank, $1.id, $1.review ? 1 : 0) }
    }

    /// Points of one series, each at its second plus its place among the series' points in it.
    struct Emitter {
        let measurement: String, repository: String
        var points: [MetricPoint] = []
        var lastSecond: Int64 = .min, sequence: Int64 = 0

        mutating func emit(_ time: Int64, _ fields: [MetricField]) {
            if time == lastSecond { sequence += 1 } else { lastSecond = time; sequence = 0 }
            points.append(MetricPoint(measurement: measurement, repository: repository, time: time * 1_000_000_000 + sequence, fields: fields))
        }
    }

    static func admits(_ issue: IssueRecord, _ selection: IssueSelection) -> Bool {
        !selection.ignoredAuthors.contains(issue.user) && !(selection.noIssues && !issue.isPullRequest) && !(selection.noPullRequests && issue.isPullRequest)
    }

    static func points(_ metric: MetricDefinition, repository: String, issues: [IssueRecord], events: [EventRecord], comments: [CommentRecord], until: Int64) -> [MetricPoint] {
        let stream = stream(issues: issues, events: events, comments: comments, from: nil, until: until)
        let byNumber = Dictionary(uniqueKeysWithValues: issues.map { ($0.number, $0) })
        var emitter = Emitter(measurement: metric.name, repository: repository)
        switch metric.plugin {
        case .count(let options): count(options, stream, byNumber, &emitter)
        case .latency(let options): latency(options, stream, byNumber, &emitter)
        }
        return emitter.points
    }

    /// Per issue, the first `--from` starts the clock; the first `--to` at or after it stops it,
    /// once for ever, with the whole minutes between.
    static func latency(_ options: LatencyOptions, _ stream: [Item], _ byNumber: [Int64: IssueRecord], _ emitter: inout Emitter) {
        var started: [Int64: Int64] = [:]
        var stopped: Set<Int64> = []
        for item in stream {
            guard let issue = byNumber[item.number], admits(issue, options.issues), !stopped.contains(item.number) else { continue }
            func matches(_ end: LatencyEvent) -> Bool {
                switch end {
                case .event(let matcher): matcher.matches(event: item.event, label: item.label)
                case .responded: item.body != nil && item.actor != issue.user && !options.ignoredResponders.contains(item.actor)
                }
            }
            if started[item.number] == nil, matches(options.start) { started[item.number] = item.time }
            guard let start = started[item.number], options.stops.contains(where: matches) else { continue }
            stopped.insert(item.number)
            let author: [MetricField] = options.logAuthor ? [MetricField("author", .string(issue.user))] : []
            emitter.emit(item.time, [MetricField("minutes", .integer((item.time - start) / 60)), MetricField("count", .integer(1))] + author)
        }
    }

    static func count(_ options: CountOptions, _ stream: [Item], _ byNumber: [Int64: IssueRecord], _ emitter: inout Emitter) {
        var states: [Int64: [Part]] = [:]
        // With --first-time: who each counter (the event's, then each regex's) has counted.
        var seen = Array(repeating: Set<String>(), count: 1 + options.comments.count)
        func first(_ counter: Int, _ actor: String) -> Bool { !options.firstTime || seen[counter].insert(actor).inserted }
        for item in stream {
            guard let issue = byNumber[item.number], admits(issue, options.issues) else { continue }
            let author: [MetricField] = options.logAuthor ? [MetricField("author", .string(item.actor))] : []
            if !options.issues.ignoredAuthors.contains(item.actor) {
                if let event = options.event, event.matches(event: item.event, label: item.label), first(0, item.actor) {
                    emitter.emit(item.time, [MetricField("event", .integer(1))] + author)
                }
                if let body = item.body {
                    for (index, regex) in options.comments.enumerated() where regex.matches(body) && first(1 + index, item.actor) {
                        emitter.emit(item.time, [MetricField("comment", .integer(1))] + author)
                    }
                }
            }
            guard item.body == nil, let state = options.state else { continue }
            var parts = states[item.number] ?? state.parts.map {
                Part(active: $0.negated, waitsFor: $0.event, since: Timestamp.goZero.seconds)
            }
            var changed = false
            for index in parts.indices where parts[index].waitsFor.matches(event: item.event, label: item.label) {
                parts[index].active.toggle()
                parts[index].waitsFor = parts[index].waitsFor.opposite
                if parts[index].active { parts[index].since = item.time }
                changed = true
            }
            states[item.number] = parts
            guard changed else { continue }
            let ages = states.values.filter { $0.allSatisfy(\.active) }.map { item.time - $0.map(\.since).max()! }.sorted()
            var fields = [MetricField("count", .integer(Int64(ages.count))), MetricField("sum", .integer(ages.map { floorMinutes($0) }.reduce(0, +)))]
            for percentile in options.percentiles {
                let value = ages.isEmpty ? 0 : floorMinutes(ages[(percentile * ages.count + 99) / 100 - 1])
                fields.append(MetricField("\(percentile)%", .integer(value)))
            }
            emitter.emit(item.time, fields)
        }
    }

    static func floorMinutes(_ seconds: Int64) -> Int64 { seconds >= 0 ? seconds / 60 : -((-seconds + 59) / 60) }
}
