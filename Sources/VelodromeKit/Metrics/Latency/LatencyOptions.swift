/// One end of a latency: an event as `count --event` names it, or `responded`.
package enum LatencyEvent: Sendable, Hashable, CustomStringConvertible {
    case event(EventMatcher)
    /// A comment (issue or review comment) by someone other than the issue's author, and not
    /// by one of `--ignore-responders`.
    case responded

    package init(parsing text: String) throws(UsageError) {
        if text == "responded" {
            self = .responded
            return
        }
        guard !text.isEmpty else { throw UsageError("an empty event matches nothing") }
        self = .event(try EventMatcher(parsing: text, others: ["responded"]))
    }

    package var description: String {
        switch self {
        case .event(let matcher): matcher.description
        case .responded: "responded"
        }
    }
}

/// The `latency` plugin's options: per issue, the time from the first `--from` event to the first
/// `--to` event at or after it.
package struct LatencyOptions: Sendable {
    package var start: LatencyEvent = .event(.opened)
    package var stops: [LatencyEvent] = []
    package var ignoredResponders: [String] = []
    package var issues = IssueSelection()
    package var logAuthor = false

    package static let pluginName = "latency"

    package static let optionTable: [OptionSpec] = [
        OptionSpec("from", valueName: "EVENT", default: "opened",
                   help: "Start each issue's clock at its first such event: opened, commented, closed, reopened, merged, labeled:NAME, unlabeled:NAME, or responded."),
        OptionSpec("to", kind: .list, valueName: "EVENT[,EVENT]",
                   help: "Stop it at the first of these at or after the start, and emit minutes and count=1 then. responded: a comment by someone other than the author."),
        OptionSpec("ignore-responders", kind: .list, valueName: "LOGIN[,LOGIN]",
                   help: "Comments by these users are no response (robots that comment on every pull request); repeatable."),
        OptionSpec("ignore-authors", kind: .list, valueName: "LOGIN[,LOGIN]", help: "Drop issues by these users; repeatable."),
        .flag("no-issues", help: "Pull requests only."),
        .flag("no-pull-requests", help: "Issues only."),
        .flag("log-author", help: "Add the issue's author as an author field."),
    ]

    package static let help = CommandHelp(
        usage: "velodrome transform [options] --name METRIC latency --to=EVENT [options]",
        summary: """
        Time from one event of each issue to another, once per issue: opened to merged,
        lgtm to merge, opened to the first response (--to=responded).
        """,
        sections: [.init("Latency options", optionTable)]
    )

    package init() {}

    /// Parses and validates; a usage error names the argument (its index into `arguments`) at fault.
    package init(arguments: [String]) throws(UsageError) {
        let parser = ArgumentParser(options: Self.optionTable, context: Self.pluginName)
        let parsed = try parser.parse(arguments)
        try parser.rejectPositionals(parsed)
        func index(_ name: String) -> Int? {
            if case .commandLine(let index) = parsed.sources[name] { return index }
            return nil
        }
        func event(_ name: String, _ text: String) throws(UsageError) -> LatencyEvent {
            do { return try LatencyEvent(parsing: text) } catch {
                throw UsageError("--\(name): \(error.message)", argumentIndex: index(name))
            }
        }
        start = try event("from", try parsed.string("from"))
        for text in parsed.all("to") {
            let stop = try event("to", text)
            if !stops.contains(stop) { stops.append(stop) }
        }
        guard !stops.isEmpty else { throw UsageError("latency needs --to=EVENT: where each issue's clock stops") }
        ignoredResponders = parsed.all("ignore-responders")
        issues = try IssueSelection(parsed: parsed, index: index)
        logAuthor = parsed.flag("log-author")
    }
}
