/// Typed readers over parsed options: each names the option at fault. The readers that return
/// a value, not an optional, are for options whose table row declares a default, which the
/// parser always fills in.
extension ParsedArguments {
    /// The value of an option with a declared default.
    package func string(_ name: String) throws(UsageError) -> String {
        guard let text = value(name) else { throw UsageError("--\(name) needs a value") }
        return text
    }

    package func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        let text = try string(name)
        guard let number = Int(text), range.contains(number) else {
            throw UsageError("bad number \"\(text)\" for \(culprit(name)): expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    package func duration(_ name: String) throws(UsageError) -> Duration {
        guard let duration = try optionalDuration(name) else { throw UsageError("--\(name) needs a value") }
        return duration
    }

    /// A duration option without a default: nil when not given.
    package func optionalDuration(_ name: String) throws(UsageError) -> Duration? {
        guard let text = value(name) else { return nil }
        guard let duration = DurationText.parse(text) else {
            throw UsageError("bad duration \"\(text)\" for \(culprit(name)): expected a number with a unit, such as 90s, 15m, 1h30m")
        }
        return duration
    }

    /// One of a fixed set of words, as the value the word stands for.
    package func choice<Value>(_ name: String, from allowed: [(word: String, value: Value)]) throws(UsageError) -> Value {
        let text = try string(name)
        guard let match = allowed.first(where: { $0.word == text }) else {
            let words = allowed.map(\.word)
            let hint = Suggestion.hint(for: text, among: words)
            throw UsageError("bad value \"\(text)\" for \(culprit(name)): expected one of \(words.joined(separator: ", "))\(hint)")
        }
        return match.value
    }

    /// A secret from its file option, else from its value option (or that option's variable).
    package func secret(file: String, value name: String) throws(ConfigurationProblem) -> Secret? {
        if let path = value(file) { return try Secret.read(file: path, origin: "--\(file) \(path)") }
        return value(name).map { Secret($0, origin: culprit(name)) }
    }

    /// A secret from its file option, else from an environment variable no option carries.
    package func secret(file: String, environmentVariable variable: String, environment: [String: String]) throws(ConfigurationProblem) -> Secret? {
        if let path = value(file) { return try Secret.read(file: path, origin: "--\(file) \(path)") }
        guard let text = environment[variable], !text.isEmpty else { return nil }
        return Secret(text, origin: "the \(variable) variable")
    }
}
