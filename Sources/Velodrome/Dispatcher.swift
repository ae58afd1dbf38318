import Foundation
import VelodromeKit

/// Finds the subcommand, parses its options and runs it, turning errors into exit statuses:
/// 2 with one line on stderr for bad usage or configuration, 1 for runtime failures.
enum Dispatcher {
    static let commands: [Command] = [
        FetchCommand.command,
        TransformCommand.command,
        MigrateCommand.command,
        CountTokensCommand.command,
        GenManifestsCommand.command,
        DashboardsCommand.command,
    ]

    static func run(_ arguments: [String], environment: [String: String]) async -> ExitStatus {
        guard let first = arguments.first else {
            Output.error(usage())
            return .usage
        }
        switch first {
        case "-h", "--help":
            Output.print(usage())
            return .success
        case "--version", "version":
            Output.print("velodrome \(Velodrome.version)")
            return .success
        case "help":
            return help(Array(arguments.dropFirst()))
        default:
            break
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            let hint = Suggestion.hint(for: first, among: commands.map(\.name) + ["help", "version"])
            let what = first.hasPrefix("-") ? "expected a command before option \(first)" : "unknown command \"\(first)\"\(hint)"
            Output.error("velodrome: \(what) (run 'velodrome help')")
            return .usage
        }
        return await run(command, Array(arguments.dropFirst()), environment: environment)
    }

    static func run(_ command: Command, _ arguments: [String], environment: [String: String]) async -> ExitStatus {
        do {
            let parser = command.parser(elsewhere: optionOwners(except: command))
            let parsed = try parser.parse(arguments, environment: environment)
            let plugin = parsed.positionals.first.flatMap { name in command.plugins[name].map { (name, $0) } }
            if let (_, plugin) = plugin, parsed.remainder.contains(where: { $0 == "--help" || $0 == "-h" }) {
                Output.print(plugin.help.render())
                return .success
            }
            if parsed.helpRequested {
                Output.print(command.help.render())
                return .success
            }
            if let (name, plugin) = plugin {
                try parser.rejectOwnOptions(in: parsed.remainder, plugin: name, pluginOptions: plugin.options)
            } else {
                try parser.rejectPositionals(parsed)
            }
            try OriginalSpellings.rejectMySQL(parsed)
            let invocation = Invocation(
                parsed: parsed,
                environment: environment,
                logger: try SharedOptions.logger(parsed, label: "velodrome.\(command.name)")
            )
            return try await command.run(invocation)
        } catch {
            Output.error("velodrome \(command.name): \(error)")
            return ExitStatus(for: error)
        }
    }

    /// Every other command's options by spelling, with the first command that takes each.
    private static func optionOwners(except command: Command) -> [String: String] {
        var owners: [String: String] = [:]
        for other in commands where other.name != command.name {
            for option in other.options where !option.hidden {
                for spelling in [option.name] + option.aliases where owners[spelling] == nil {
                    owners[spelling] = other.name
                }
            }
        }
        return owners
    }

    private static func help(_ topics: [String]) -> ExitStatus {
        guard let topic = topics.first else {
            Output.print(usage())
            return .success
        }
        if let command = commands.first(where: { $0.name == topic }) {
            if topics.count > 1, let plugin = command.plugins[topics[1]] {
                Output.print(plugin.help.render())
            } else {
                Output.print(command.help.render())
            }
            return .success
        }
        let hint = Suggestion.hint(for: topic, among: commands.map(\.name))
        Output.error("velodrome help: unknown command \"\(topic)\"\(hint)")
        return .usage
    }

    static func usage() -> String {
        let width = commands.reduce(0) { max($0, $1.name.count) } + 2
        var lines = [
            "Usage: velodrome <command> [options]",
            "",
            "Velodrome measures developer productivity on GitHub: it mirrors issues, pull",
            "requests, events and comments into SQL and turns them into time-series metrics",
            "for Grafana.",
            "",
            "Commands:",
        ]
        for command in commands {
            lines.append("  " + command.name.padding(toLength: width + 1, withPad: " ", startingAt: 0) + command.summary)
        }
        lines += [
            "  " + "help".padding(toLength: width + 1, withPad: " ", startingAt: 0) + "Show a command's options: velodrome help fetch",
            "  " + "version".padding(toLength: width + 1, withPad: " ", startingAt: 0) + "Print the version",
            "",
            "Every command takes --help. Exit status: 0 success, 1 runtime failure,",
            "2 bad usage or configuration.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}

enum Output {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
