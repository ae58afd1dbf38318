import Logging
import VelodromeKit

/// A subcommand: its option table (which drives parsing and help alike) and what it runs.
struct Command: Sendable {
    let name: String
    let summary: String
    let usage: String
    let details: String
    let sections: [CommandHelp.Section]
    /// Positionals at which parsing stops and the rest goes to a plugin (transform's `count`).
    var plugins: Set<String> = []
    var footer: String? = nil
    let run: @Sendable (Invocation) async throws -> ExitStatus

    var options: [OptionSpec] { sections.flatMap(\.options) }

    var help: CommandHelp {
        CommandHelp(usage: usage, summary: details, sections: sections,
                    footer: footer ?? "Run 'velodrome help' for the list of commands.")
    }

    var parser: ArgumentParser {
        ArgumentParser(options: options, stopAt: plugins, context: name)
    }
}

/// What every command gets once the dispatcher has checked the shared options.
struct Invocation: Sendable {
    let parsed: ParsedArguments
    let environment: [String: String]
    let logger: Logger
    /// Present for commands that take the loop options.
    let schedule: LoopSchedule?
}
