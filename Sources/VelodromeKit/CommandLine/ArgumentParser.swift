import Foundation

/// Parses `--name=value`, `--name value`, flags, repeatable and comma-list options,
/// `--` and (optionally) a positional that hands the rest of the arguments to a plugin.
package struct ArgumentParser: Sendable {
    package let options: [OptionSpec]
    /// Positionals at which parsing stops, leaving the rest in `remainder` (e.g. the `count` plugin).
    package let stopAt: Set<String>
    /// Names the command in error messages: "unexpected argument x for fetch".
    package let context: String
    /// Options of other commands, by name, with the command that takes them: a user who gives
    /// one here is told where it belongs.
    package let elsewhere: [String: String]

    package init(options: [OptionSpec], stopAt: Set<String> = [], context: String, elsewhere: [String: String] = [:]) {
        self.options = options
        self.stopAt = stopAt
        self.context = context
        self.elsewhere = elsewhere
    }

    package func parse(_ arguments: [String], environment: [String: String] = [:]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            var argument = arguments[index]
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
                if !optionsEnded, stopAt.contains(argument) {
                    parsed.positionals.append(argument)
                    parsed.remainder = Array(arguments[(index + 1)...])
                    break
                }
                parsed.positionals.append(argument)
                index += 1
                continue
            }
            if argument == "--" {
                optionsEnded = true
                index += 1
                continue
            }
            if argument == "-h" || argument == "--help" {
                parsed.helpRequested = true
                index += 1
                continue
            }
            // `-l VALUE`, `-l=VALUE` and `-lVALUE` are `--selector VALUE` where `l` is its short spelling.
            if !argument.hasPrefix("--"), argument.count >= 2, let spec = options.first(where: { $0.short == argument.dropFirst().first }) {
                let rest = argument.dropFirst(2)
                argument = "--\(spec.name)" + (rest.isEmpty ? "" : "=" + (rest.hasPrefix("=") ? rest.dropFirst() : rest))
            }
            guard argument.hasPrefix("--") else {
                throw UsageError("unknown option \(argument)\(suggestion(for: argument))", argumentIndex: index)
            }
            let body = argument.dropFirst(2)
            let name: String
            var inlineValue: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                inlineValue = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
            }
            guard let spec = spec(named: name) else {
                if let owner = elsewhere[name] {
                    throw UsageError("--\(name) is an option of \(owner), not of \(context)", argumentIndex: index)
                }
                throw UsageError("unknown option --\(name)\(suggestion(for: name))", argumentIndex: index)
            }
            switch spec.kind {
            case .flag:
                switch inlineValue {
                case nil, "true": parsed.flags.insert(spec.name)
                case "false": parsed.flags.remove(spec.name)
                case let other?:
                    throw UsageError("option --\(name) takes no value, got \"\(other)\" (use --\(name) or --\(name)=false)", argumentIndex: index)
                }
                parsed.sources[spec.name] = .commandLine(index: index)
                index += 1
            case .value, .list, .repeated:
                let value: String
                if let inlineValue {
                    value = inlineValue
                    index += 1
                } else {
                    guard index + 1 < arguments.count else {
                        throw UsageError("option --\(name) needs a value (\(spec.valueName))", argumentIndex: index)
                    }
                    value = arguments[index + 1]
                    index += 2
                }
                parsed.sources[spec.name] = .commandLine(index: index - 1)
                switch spec.kind {
                case .value: parsed.values[spec.name] = [value]
                case .list: parsed.values[spec.name, default: []] += Self.splitList(value)
                default: parsed.values[spec.name, default: []].append(value)
                }
            }
        }
        for spec in options where !parsed.has(spec.name) {
            guard let variable = spec.environment, let value = environment[variable], !value.isEmpty else { continue }
            switch spec.kind {
            case .flag:
                if ["1", "true", "yes"].contains(value.lowercased()) { parsed.flags.insert(spec.name) }
            case .list: parsed.values[spec.name] = Self.splitList(value)
            case .value, .repeated: parsed.values[spec.name] = [value]
            }
            parsed.sources[spec.name] = .environment(variable)
        }
        // Declared defaults are filled in here, once: commands read them like any given value.
        for spec in options where !parsed.has(spec.name) {
            guard let value = spec.defaultValue else { continue }
            parsed.values[spec.name] = spec.kind == .list ? Self.splitList(value) : [value]
            parsed.sources[spec.name] = .defaultValue
        }
        return parsed
    }

    /// Throws the usage error for a positional argument that nothing accepts.
    package func rejectPositionals(_ parsed: ParsedArguments) throws(UsageError) {
        if let first = parsed.positionals.first {
            throw UsageError("unexpected argument \"\(first)\" for \(context)")
        }
    }

    /// Throws for an argument after a plugin's name (`count`) that is an option of this command
    /// and not of the plugin: it was meant to go before the plugin's name.
    package func rejectOwnOptions(in remainder: [String], plugin: String, pluginOptions: [OptionSpec]) throws(UsageError) {
        let pluginNames = Set(pluginOptions.flatMap(\.spellings))
        for argument in remainder where argument.hasPrefix("--") {
            let name = String(argument.dropFirst(2).prefix { $0 != "=" })
            if !pluginNames.contains(name), spec(named: name) != nil {
                throw UsageError("--\(name) is an option of \(context), not of \(plugin): put it before \(plugin)")
            }
        }
    }

    func spec(named name: String) -> OptionSpec? {
        options.first { $0.spellings.contains(name) }
    }

    private func suggestion(for written: String) -> String {
        let bare = String(written.drop { $0 == "-" }.prefix { $0 != "=" })
        let candidates = options.filter { !$0.hidden }.flatMap(\.spellings) + ["help"]
        guard let best = Suggestion.closest(to: bare, among: candidates) else { return "" }
        return "; did you mean --\(best)?"
    }

    /// Splits a comma list, dropping empty items and surrounding spaces.
    package static func splitList(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
