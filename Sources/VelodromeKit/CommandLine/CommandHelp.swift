import Foundation

/// Renders a command's usage from its option table, so help never drifts from what is parsed.
public struct CommandHelp: Sendable {
    public struct Section: Sendable {
        public let title: String
        public let options: [OptionSpec]
        public init(_ title: String, _ options: [OptionSpec]) {
            self.title = title
            self.options = options
        }
    }

    public let usage: String
    public let summary: String
    public let sections: [Section]
    public let footer: String?

    public init(usage: String, summary: String, sections: [Section], footer: String? = nil) {
        self.usage = usage
        self.summary = summary
        self.sections = sections
        self.footer = footer
    }

    public func render() -> String {
        var lines = ["Usage: \(usage)", "", summary]
        for section in sections {
            let visible = section.options.filter { !$0.hidden }
            guard !visible.isEmpty else { continue }
            lines += ["", "\(section.title):"]
            for option in visible {
                lines.append(contentsOf: Self.describe(option))
            }
        }
        if let footer { lines += ["", footer] }
        return lines.joined(separator: "\n") + "\n"
    }

    static func describe(_ option: OptionSpec) -> [String] {
        var head = "  --\(option.name)"
        if option.kind != .flag { head += " \(option.valueName)" }
        var notes: [String] = []
        if let value = option.defaultValue { notes.append("default: \(value)") }
        if let variable = option.environment { notes.append("env: \(variable)") }
        if !option.aliases.isEmpty { notes.append("also: " + option.aliases.map { "--\($0)" }.joined(separator: ", ")) }
        var text = option.help
        if !notes.isEmpty { text += " (" + notes.joined(separator: "; ") + ")" }
        let column = 30
        if head.count + 2 <= column {
            return [head.padding(toLength: column, withPad: " ", startingAt: 0) + text]
        }
        return [head, String(repeating: " ", count: column) + text]
    }
}
