/// The `count` plugin's options, parsed from a metric's `args` or the command line after `count`.
package struct CountOptions: Sendable {
    package var event: EventMatcher?
    package var comments: [GoRegex] = []
    package var state: StateDescription?
    package var percentiles: [Int] = []
    package var issues = IssueSelection()
    package var logAuthor = false
    /// Only each author's first matching event, and first comment matching each regex.
    package var firstTime = false

    package init() {}

    /// The positional that starts the plugin's arguments on transform's command line.
    package static let pluginName = "count"

    package static let optionTable: [OptionSpec] = [
        OptionSpec("event", valueName: "EVENT", help: "Emit event=1 for each matching event: opened, commented, closed, reopened, merged, labeled:NAME, unlabeled:NAME."),
        OptionSpec("comments", kind: .repeated, valueName: "REGEX[,REGEX]", help: "Emit comment=1 for each regex (Go RE2 syntax) a comment body matches; repeatable."),
        OptionSpec("state", valueName: "PART[,PART]", help: "Track issues in a state: parts are events, !-prefixed parts start active (e.g. opened,!merged)."),
        OptionSpec("percentiles", kind: .list, valueName: "P[,P]", help: "Age percentiles (1-100) to emit with the state count."),
        OptionSpec("ignore-authors", kind: .list, valueName: "LOGIN[,LOGIN]", help: "Drop issues by these users and keep their events and comments out of the counters; repeatable."),
        .flag("no-issues", help: "Count pull requests only."),
        .flag("no-pull-requests", help: "Count issues only."),
        .flag("log-author", help: "Add an author field to event and comment points."),
        .flag("first-time", help: "Count only each author's first matching event, and first comment matching each regex, in the repository's history."),
    ]

    package static let help = CommandHelp(
        usage: "velodrome transform [options] --name METRIC count [count options]",
        summary: "Count events and comments, and the number and age of issues in a state.",
        sections: [.init("Count options", optionTable)]
    )

    /// Parses and validates; a usage error names the argument (its index into `arguments`) at fault.
    package init(arguments: [String]) throws(UsageError) {
        let parser = ArgumentParser(options: Self.optionTable, context: "count")
        let parsed = try parser.parse(arguments)
        try parser.rejectPositionals(parsed)
        func index(_ name: String) -> Int? {
            if case .commandLine(let index) = parsed.sources[name] { return index }
            return nil
        }
        func rethrow<T>(_ name: String, _ body: () throws(UsageError) -> T) throws(UsageError) -> T {
            do { return try body() } catch {
                throw UsageError("--\(name): \(error.message)", argumentIndex: index(name))
            }
        }
        if let text = parsed.value("event") {
            event = try rethrow("event") { () throws(UsageError) in try EventMatcher(parsing: text) }
        }
        if let text = parsed.value("state"), !text.isEmpty {
            state = try rethrow("state") { () throws(UsageError) in try StateDescription(parsing: text) }
        }
        for text in parsed.all("percentiles") {
            guard let percentile = Int(text), (1...100).contains(percentile) else {
                throw UsageError("--percentiles: \"\(text)\" is not a whole number from 1 to 100", argumentIndex: index("percentiles"))
            }
            if !percentiles.contains(percentile) { percentiles.append(percentile) }
        }
        if !percentiles.isEmpty, state == nil {
            throw UsageError("--percentiles needs --state", argumentIndex: index("percentiles"))
        }
        // Each --comments occurrence is located separately, so an error points at the right argument.
        for (position, argument) in arguments.enumerated() {
            guard let text = Self.commentsValue(arguments, at: position, argument) else { continue }
            for pattern in RegexList.split(text) {
                do {
                    comments.append(try GoRegex(pattern))
                } catch {
                    throw UsageError("--comments: \(error)", argumentIndex: argument.hasPrefix("--comments=") ? position : position + 1)
                }
            }
        }
        issues = try IssueSelection(parsed: parsed, index: index)
        logAuthor = parsed.flag("log-author")
        firstTime = parsed.flag("first-time")
        if firstTime, event == nil, comments.isEmpty {
            throw UsageError("--first-time needs --event or --comments: it picks each author's first of those", argumentIndex: index("first-time"))
        }
    }

    private static func commentsValue(_ arguments: [String], at position: Int, _ argument: String) -> String? {
        if argument.hasPrefix("--comments=") { return String(argument.dropFirst("--comments=".count)) }
        if argument == "--comments", position + 1 < arguments.count { return arguments[position + 1] }
        return nil
    }
}

/// Splits `--comments` values on commas outside brackets, braces and parentheses,
/// so `a{1,3}` stays one regex while `foo,bar` is two, as the original's list flag had them.
enum RegexList {
    static func split(_ text: String) -> [String] {
        var patterns: [String] = []
        var current = ""
        var depth = 0
        var inClass = false
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "[" where !inClass: inClass = true
            case "]" where inClass: inClass = false
            case "(", "{": if !inClass { depth += 1 }
            case ")", "}": if !inClass { depth = max(0, depth - 1) }
            case "," where depth == 0 && !inClass:
                patterns.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        patterns.append(current)
        return patterns.filter { !$0.isEmpty }
    }
}
