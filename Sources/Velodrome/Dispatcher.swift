import Foundation
import VelodromeKit

/// Finds the subcommand, parses its options and runs it, turning errors into exit statuses:
/// 2 with one line on stderr for bad usage or configuration, 1 for runtime failures.
enum Dispatcher {
    static let commands: [Command] = [
        FetchCommand.command,
        TransformCommand.command,
        PlannedCommands.countTokens,
        PlannedCommands.genManifests,
        PlannedCommands.dashboards,
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
            let hint = Suggestion.closest(to: first, among: commands.map(\.name) + ["help", "version"]).map { "; did you mean \($0)?" } ?? ""
            let what = first.hasPrefix("-") ? "expected a command before option \(first)" : "unknown command \"\(first)\"\(hint)"
            Output.error("velodrome: \(what) (run 'velodrome help')")
            return .usage
        }
        return await run(command, Array(arguments.dropFirst()), environment: environment)
    }

    static func run(_ command: Command, _ arguments: [String], environment: [String: String]) async -> ExitStatus {
        do {
            let parsed = try command.parser.parse(arguments, environment: environment)
            let plugin = parsed.positionals.first { command.plugins.contains($0) }
            if plugin != nil, parsed.remainder.contains(where: { $0 == "--help" || $0 == "-h" }) {
                Output.print(CountOptions.help.render())
                return .success
            }
            if parsed.helpRequested {
                Output.print(command.help.render())
                return .success
            }
            if plugin == nil { try command.parser.rejectPositionals(parsed) }
            try OriginalSpellings.rejectMySQL(parsed)
            let takesLoopOptions = command.options.contains { $0.name == "once" }
            let invocation = Invocation(
                parsed: parsed,
                environment: environment,
                logger: try SharedOptions.logger(parsed, label: "velodrome.\(command.name)"),
                schedule: takesLoopOptions ? try SharedOptions.schedule(parsed) : nil
            )
            return try await command.run(invocation)
        } catch let error as UsageError {
            Output.error("velodrome \(command.name): \(error.message)")
            return .usage
        } catch let error as ConfigurationError {
            Output.error("velodrome \(command.name): \(error)")
            return .usage
        } catch let error as ConfigurationProblem {
            Output.error("velodrome \(command.name): \(error)")
            return .usage
        } catch {
            Output.error("velodrome \(command.name): \(error)")
            return .failure
        }
    }

    private static func help(_ topics: [String]) -> ExitStatus {
        guard let topic = topics.first else {
            Output.print(usage())
            return .success
        }
        if let command = commands.first(where: { $0.name == topic }) {
            if topics.count > 1, command.plugins.contains(topics[1]) {
                Output.print(CountOptions.help.render())
            } else {
                Output.print(command.help.render())
            }
            return .success
        }
        let hint = Suggestion.closest(to: topic, among: commands.map(\.name)).map { "; did you mean \($0)?" } ?? ""
        Output.error("velodrome help: unknown command \"\(topic)\"\(hint)")
        return .usage
    }

    static func usage() -> String {
        let width = (commands.map(\.name.count).max() ?? 0) + 2
        var lines = [
            "Usage: velodrome <command> [options]",
            "",
            "Velodrome measures developer productivity on GitHub: it mirrors issues, pull requests,",
            "events and comments into SQL and turns them into time-series metrics for Grafana.",
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
            "Every command takes --help. Exit status: 0 success, 1 runtime failure, 2 bad usage or configuration.",
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
