import Logging
import VelodromeKit

/// A subcommand: its option table (which drives parsing and help alike) and what it runs.
struct Command: Sendable {
    let name: String
    let summary: String
    let usage: String
    let details: String
    let sections: [CommandHelp.Section]
    /// Positionals at which parsing stops and the rest goes to a plugin (transform's `count`),
    /// with the plugin's help.
    var plugins: [String: PluginCommand] = [:]
    var footer = "Run 'velodrome help' for the list of commands."
    let run: @Sendable (Invocation) async throws -> ExitStatus

    var options: [OptionSpec] { sections.flatMap(\.options) }

    var help: CommandHelp {
        CommandHelp(usage: usage, summary: details, sections: sections, footer: footer)
    }

    func parser(elsewhere: [String: String]) -> ArgumentParser {
        ArgumentParser(options: options, stopAt: Set(plugins.keys), context: name, elsewhere: elsewhere)
    }
}

/// A plugin's own option table: it parses the arguments after the plugin's name.
struct PluginCommand: Sendable {
    let options: [OptionSpec]
    let help: CommandHelp
}

/// What every command gets once the dispatcher has parsed its options.
struct Invocation: Sendable {
    let parsed: ParsedArguments
    let environment: [String: String]
    let logger: Logger
}
