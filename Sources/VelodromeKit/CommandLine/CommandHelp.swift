import Foundation

/// Renders a command's usage from its option table, so help never drifts from what is parsed.
package struct CommandHelp: Sendable {
    package struct Section: Sendable {
        package let title: String
        package let options: [OptionSpec]
        package init(_ title: String, _ options: [OptionSpec]) {
            self.title = title
            self.options = options
        }
    }

    package let usage: String
    package let summary: String
    package let sections: [Section]
    package let footer: String?

    package init(usage: String, summary: String, sections: [Section], footer: String? = nil) {
        self.usage = usage
        self.summary = summary
        self.sections = sections
        self.footer = footer
    }

    package func render() -> String {
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

    /// Help fits an 80-column terminal: descriptions wrap in a column of their own.
    static let width = 80
    static let column = 30

    static func describe(_ option: OptionSpec) -> [String] {
        var head = option.short.map { "  -\($0), --\(option.name)" } ?? "  --\(option.name)"
        if option.kind != .flag { head += " \(option.valueName)" }
        var notes: [String] = []
        if let value = option.defaultValue { notes.append("default: \(value)") }
        if let variable = option.environment { notes.append("env: \(variable)") }
        if !option.aliases.isEmpty { notes.append("also: " + option.aliases.map { "--\($0)" }.joined(separator: ", ")) }
        let indent = String(repeating: " ", count: column)
        var lines = wrap(option.help, width: width - column).map { indent + $0 }
        // Defaults and variables on lines of their own, where the eye looks for them.
        if !notes.isEmpty { lines += wrap("[" + notes.joined(separator: "; ") + "]", width: width - column).map { indent + $0 } }
        if head.count + 2 <= column {
            lines[0] = head.padding(toLength: column, withPad: " ", startingAt: 0) + lines[0].dropFirst(column)
        } else {
            lines.insert(head, at: 0)
        }
        return lines
    }

    /// Breaks `text` at spaces into lines of at most `width` characters (a longer word stands alone).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ").flatMap({ pieces(of: $0, width: width) }) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        return lines + [line]
    }

    /// A word wider than the column (an image reference) is broken after a `/` where it can be.
    private static func pieces(of word: Substring, width: Int) -> [Substring] {
        var pieces: [Substring] = []
        var rest = word
        while rest.count > width, let slash = rest.prefix(width).lastIndex(of: "/") {
            pieces.append(rest[...slash])
            rest = rest[rest.index(after: slash)...]
        }
        return pieces + [rest]
    }
}
