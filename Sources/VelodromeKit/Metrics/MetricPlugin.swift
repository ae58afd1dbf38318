/// The plugins a metric can use, each with its parsed options.
package enum MetricPlugin: Sendable {
    /// Events, comments, and the number and age of issues in a state.
    case count(CountOptions)
    /// Time from one event of an issue to another, once per issue.
    case latency(LatencyOptions)

    package static let names = [CountOptions.pluginName, LatencyOptions.pluginName]

    /// Whether the metric looks at comments and their bodies. A count reads comments for
    /// `--comments` patterns (bodies too) or an `--event` that matches comments; its states never
    /// change on one. A latency may end at a first response, a comment.
    var needs: ActivityNeeds {
        switch self {
        case .count(let options):
            ActivityNeeds(comments: !options.comments.isEmpty || (options.event?.matches(event: "commented", label: nil) ?? false),
                          commentBodies: !options.comments.isEmpty)
        case .latency:
            ActivityNeeds(comments: true, commentBodies: false)
        }
    }

    /// `(plugins: count, latency)`, for errors.
    package static var listed: String { "(plugins: \(names.joined(separator: ", ")))" }

    package static func unknown(_ name: String) -> UsageError {
        UsageError("unknown plugin \"\(name)\"\(Suggestion.hint(for: name, among: names)) \(listed)")
    }

    package init(name: String, arguments: [String]) throws(UsageError) {
        switch name {
        case CountOptions.pluginName: self = .count(try CountOptions(arguments: arguments))
        case LatencyOptions.pluginName: self = .latency(try LatencyOptions(arguments: arguments))
        default: throw Self.unknown(name)
        }
    }

    package var name: String {
        switch self {
        case .count: CountOptions.pluginName
        case .latency: LatencyOptions.pluginName
        }
    }

    package var countOptions: CountOptions? {
        if case .count(let options) = self { return options }
        return nil
    }

    package var latencyOptions: LatencyOptions? {
        if case .latency(let options) = self { return options }
        return nil
    }
}

/// `--ignore-authors`, `--no-issues`, `--no-pull-requests`: issues dropped with everything on them.
package struct IssueSelection: Sendable, Equatable {
    package var ignoredAuthors: [String] = []
    package var noIssues = false
    package var noPullRequests = false

    init(parsed: ParsedArguments, index: (String) -> Int?) throws(UsageError) {
        ignoredAuthors = parsed.all("ignore-authors")
        noIssues = parsed.flag("no-issues")
        noPullRequests = parsed.flag("no-pull-requests")
        if noIssues, noPullRequests {
            throw UsageError("--no-issues and --no-pull-requests together would count nothing", argumentIndex: index("no-pull-requests"))
        }
    }

    package init() {}
}

/// An `IssueSelection` resolved against the repository's users: a check is a set lookup and two flags.
struct IssueFilter {
    let ignored: Set<Int32>
    let noIssues: Bool
    let noPullRequests: Bool

    init(_ selection: IssueSelection, users: Interner) {
        ignored = Set(selection.ignoredAuthors.map { users.id($0) })
        noIssues = selection.noIssues
        noPullRequests = selection.noPullRequests
    }

    func admits(_ issue: Int, _ issues: IssueTable) -> Bool {
        if ignored.contains(issues.authors[issue]) { return false }
        if noIssues, !issues.pullRequests[issue] { return false }
        if noPullRequests, issues.pullRequests[issue] { return false }
        return true
    }
}
