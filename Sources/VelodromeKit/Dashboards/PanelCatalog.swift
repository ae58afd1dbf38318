/// A chart: what it measures in words, its unit, and the series it draws.
package struct Panel: Sendable, Equatable {
    package var title: String
    package var description: String
    /// Grafana's unit: `short` for counts, `m` for minutes.
    package var unit: String
    package var queries: [PanelQuery]
}

/// The panels of one metric: a row of a project's dashboard, a section of the HTML report.
package struct PanelGroup: Sendable, Equatable {
    package var title: String
    package var panels: [Panel]
}

/// The one table from metric kinds to panels, which the Grafana dashboards and the HTML report
/// both draw, by what each metric writes (docs/metrics.md):
/// - event and comment counters: sums per day (as a 7-day average) and per week;
/// - `--log-author` counters: distinct authors per week;
/// - `--first-time` counters: first-timers per week;
/// - states: how many issues are in the state and their ages, per day, carried forward;
/// - latencies: the median and 85th percentile of `minutes` per week, and how many;
/// - count-tokens' `github_token_count`: each login's use per window, by resource.
package enum PanelCatalog {
    package static func group(for metric: MetricDefinition) -> PanelGroup {
        switch metric.plugin {
        case .count(let options): PanelGroup(title: metric.name, panels: countPanels(metric.name, options))
        case .latency(let options): PanelGroup(title: metric.name, panels: latencyPanels(metric.name, options))
        }
    }

    package static let tokenUsage = PanelGroup(title: "GitHub token usage", panels: [
        Panel(title: "GitHub requests used per window, by login and resource",
              description: "How much of each login's hourly quota (core, graphql, search) it used in each window, as count-tokens recorded at the window's reset.",
              unit: "short",
              queries: [PanelQuery(measurement: TokenCountStage.measurement, aggregate: .max("value"), interval: .hour,
                                   groupBy: ["login", "resource"], legend: "$tag_login $tag_resource")]),
    ])

    static func countPanels(_ name: String, _ options: CountOptions) -> [Panel] {
        let subject = Words.subject(options.issues)
        // Per counter: what it counts, and who does it (for --log-author and --first-time).
        var counters: [(field: String, what: String, people: String, firstTimers: String)] = []
        if let event = options.event {
            counters.append(("event", "\(subject.capitalizedFirst) \(Words.done(event))", "People who \(Words.did(event, subject)), per week",
                             "\(subject.capitalizedFirst) \(Words.done(event)) by first-time authors, per week"))
        }
        if !options.comments.isEmpty {
            let matching = options.comments.contains { $0.pattern == ".*" } ? "" : " matching " + options.comments.map { "/\($0.pattern)/" }.joined(separator: " or ")
            counters.append(("comment", "Comments\(matching) on \(subject)", "People who commented on \(subject)\(matching), per week",
                             "Comments\(matching) on \(subject) by first-time commenters, per week"))
        }
        var panels: [Panel] = []
        for counter in counters {
            let field = counter.field
            if options.firstTime {
                panels.append(Panel(title: counter.firstTimers,
                                    description: "Each author counts once in the repository's history: their first such \(field == "event" ? "event" : "comment") (\(name), --first-time).",
                                    unit: "short", queries: [PanelQuery(measurement: name, aggregate: .sum(field), interval: .week, legend: "$tag_repository")]))
                continue
            }
            let what = counter.what
            panels.append(Panel(title: "\(what) per day, 7-day average", description: "\(what), summed per day and averaged over the last 7 days (\(name)).",
                                unit: "short", queries: [PanelQuery(measurement: name, aggregate: .sum(field), interval: .day, movingAverage: 7, legend: "$tag_repository")]))
            panels.append(Panel(title: "\(what) per week", description: "\(what), summed per week (\(name)).",
                                unit: "short", queries: [PanelQuery(measurement: name, aggregate: .sum(field), interval: .week, legend: "$tag_repository")]))
            if options.logAuthor {
                panels.append(Panel(title: counter.people, description: "How many different people each week (\(name), --log-author).",
                                    unit: "short", queries: [PanelQuery(measurement: name, aggregate: .distinctAuthors(field: field), interval: .week, legend: "$tag_repository")]))
            }
        }
        if let state = options.state {
            let what = "\(subject.capitalizedFirst) \(Words.state(state))"
            panels.append(Panel(title: "\(what), per day", description: "How many \(subject) are \(Words.state(state)), at the end of each day (\(name)).",
                                unit: "short", queries: [PanelQuery(measurement: name, aggregate: .last("count"), interval: .day, legend: "$tag_repository")]))
            if !options.percentiles.isEmpty {
                panels.append(Panel(title: "Age of \(subject) \(Words.state(state)) (\(options.percentiles.map(Words.percentile).joined(separator: ", ")))",
                                    description: "How long \(subject) have been \(Words.state(state)), at the end of each day (\(name)).", unit: "m",
                                    queries: options.percentiles.map { p in
                                        PanelQuery(measurement: name, aggregate: .last("\(p)%"), interval: .day, legend: "$tag_repository \(Words.percentile(p))")
                                    }))
            }
        }
        return panels
    }

    static func latencyPanels(_ name: String, _ options: LatencyOptions) -> [Panel] {
        let subject = Words.subject(options.issues)
        let span = "from \(Words.moment(options.start)) to \(options.stops.map(Words.moment).joined(separator: " or "))"
        return [
            Panel(title: "Time \(span) for \(subject), per week (median, 85th percentile)",
                  description: "Per \(Words.one(options.issues)): the time \(span), counted in the week it ended (\(name)).", unit: "m",
                  queries: [50, 85].map { p in
                      PanelQuery(measurement: name, aggregate: .percentile("minutes", p), interval: .week, legend: "$tag_repository \(Words.percentile(p))")
                  }),
            Panel(title: "\(subject.capitalizedFirst) \(options.stops.map(Words.reached).joined(separator: " or ")), per week",
                  description: "How many \(subject) the times above are of (\(name)).", unit: "short",
                  queries: [PanelQuery(measurement: name, aggregate: .sum("count"), interval: .week, legend: "$tag_repository")]),
        ]
    }
}

/// The words panels are titled with.
enum Words {
    static func subject(_ issues: IssueSelection) -> String {
        if issues.noIssues { return "pull requests" }
        if issues.noPullRequests { return "issues" }
        return "issues and pull requests"
    }

    static func one(_ issues: IssueSelection) -> String {
        if issues.noIssues { return "pull request" }
        if issues.noPullRequests { return "issue" }
        return "issue or pull request"
    }

    /// What an event did to an issue: "merged", "labeled lgtm", "commented on".
    static func done(_ event: EventMatcher) -> String {
        switch event {
        case .never: "matching nothing"
        case .always: "with any event"
        case .opened: "opened"
        case .commented: "commented on"
        case .closed: "closed"
        case .reopened: "reopened"
        case .merged: "merged"
        case .labeled(let name): "labeled \(name)"
        case .unlabeled(let name): "unlabeled \(name)"
        }
    }

    /// Who did an event, with the subject in place: "opened pull requests", "labeled pull requests lgtm".
    static func did(_ event: EventMatcher, _ subject: String) -> String {
        switch event {
        case .labeled(let name): "labeled \(subject) \(name)"
        case .unlabeled(let name): "took \(name) off \(subject)"
        case .commented: "commented on \(subject)"
        default: "\(done(event)) \(subject)"
        }
    }

    /// What a latency's stop did: "merged", "labeled lgtm", "answered".
    static func reached(_ event: LatencyEvent) -> String {
        switch event {
        case .responded: "answered"
        case .event(let matcher): done(matcher)
        }
    }

    /// A state in words: `opened,!merged` is "open and not merged".
    static func state(_ state: StateDescription) -> String {
        state.parts.map { part in
            let words = part.event == .opened ? "open" : done(part.event)
            return part.negated ? "not \(words)" : words
        }.joined(separator: " and ")
    }

    /// An end of a latency: "opening", "merge", "the lgtm label", "the first response".
    static func moment(_ event: LatencyEvent) -> String {
        switch event {
        case .responded: "the first response"
        case .event(let matcher):
            switch matcher {
            case .opened: "opening"
            case .commented: "the first comment"
            case .closed: "close"
            case .reopened: "reopening"
            case .merged: "merge"
            case .labeled(let name): "the \(name) label"
            case .unlabeled(let name): "the \(name) label's removal"
            case .never, .always: matcher.description
            }
        }
    }

    static func percentile(_ p: Int) -> String {
        if p == 50 { return "median" }
        let suffix = (11...13).contains(p % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][p % 10] ?? "th"
        return "\(p)\(suffix) percentile"
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
