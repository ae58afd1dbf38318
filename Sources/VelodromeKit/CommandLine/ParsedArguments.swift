/// The result of parsing one argument list against an option table.
package struct ParsedArguments: Sendable, Equatable {
    /// Values by canonical option name, in command-line order; else the environment variable's;
    /// else the option's declared default.
    package internal(set) var values: [String: [String]] = [:]
    /// Where each option's values came from, for error messages.
    package internal(set) var sources: [String: ValueSource] = [:]
    package internal(set) var flags: Set<String> = []
    package internal(set) var positionals: [String] = []
    /// Arguments after a positional that stops parsing (a plugin name), untouched.
    package internal(set) var remainder: [String] = []
    package internal(set) var helpRequested = false

    package enum ValueSource: Sendable, Equatable {
        case commandLine(index: Int)
        case environment(String)
        /// The option's declared default, filled in by the parser when neither of the above gave it.
        case defaultValue
    }

    package func flag(_ name: String) -> Bool { flags.contains(name) }

    /// Whether the option has a value or is set, from any source, its default included.
    package func has(_ name: String) -> Bool { values[name] != nil || flags.contains(name) }

    /// Whether the user gave the option, on the command line or in its environment variable.
    package func isGiven(_ name: String) -> Bool {
        switch sources[name] {
        case .commandLine?, .environment?: true
        case .defaultValue?, nil: false
        }
    }

    /// The last value given, or nil.
    package func value(_ name: String) -> String? { values[name]?.last }

    /// Every value given, in order.
    package func all(_ name: String) -> [String] { values[name] ?? [] }

    /// Names the option as the user wrote it (`--frequency`, or `environment variable X`); a
    /// default is named by its option.
    package func culprit(_ name: String) -> String {
        switch sources[name] {
        case .environment(let variable): return "environment variable \(variable)"
        default: return "--\(name)"
        }
    }
}
