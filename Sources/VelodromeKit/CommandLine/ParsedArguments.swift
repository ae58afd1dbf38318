/// The result of parsing one argument list against an option table.
public struct ParsedArguments: Sendable, Equatable {
    /// Values by canonical option name, in command-line order (environment values last-resort).
    public internal(set) var values: [String: [String]] = [:]
    /// Where each option's values came from, for error messages.
    public internal(set) var sources: [String: ValueSource] = [:]
    public internal(set) var flags: Set<String> = []
    public internal(set) var positionals: [String] = []
    /// Arguments after a positional that stops parsing (a plugin name), untouched.
    public internal(set) var remainder: [String] = []
    public internal(set) var helpRequested = false

    public enum ValueSource: Sendable, Equatable {
        case commandLine(index: Int)
        case environment(String)
        case defaultValue
    }

    public func flag(_ name: String) -> Bool { flags.contains(name) }

    public func has(_ name: String) -> Bool { values[name] != nil || flags.contains(name) }

    /// The last value given, or nil.
    public func value(_ name: String) -> String? { values[name]?.last }

    /// Every value given, in order.
    public func all(_ name: String) -> [String] { values[name] ?? [] }

    /// Names the option as the user wrote it (`--frequency`, or `environment variable X`).
    public func culprit(_ name: String) -> String {
        switch sources[name] {
        case .environment(let variable): return "environment variable \(variable)"
        default: return "--\(name)"
        }
    }
}
