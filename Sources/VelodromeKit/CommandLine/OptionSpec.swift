/// One command-line option, as a row of a command's option table.
///
/// Tables drive parsing, help and suggestions alike, so an option documented in
/// `--help` is exactly an option the parser accepts.
package struct OptionSpec: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// `--once`, `--once=true`, `--once=false`.
        case flag
        /// `--name VALUE` or `--name=VALUE`; the last occurrence wins.
        case value
        /// Repeatable, and each value may be a comma list: `--repository a/b,c/d --repository e/f`.
        case list
        /// Repeatable; values are kept whole (for regexes, which may contain commas).
        case repeated
    }

    package let name: String
    /// A one-letter spelling, `-l VALUE`, where a tool users know has one (kubectl's `-l`).
    package let short: Character?
    package let aliases: [String]
    package let kind: Kind
    package let valueName: String
    package let help: String
    /// Shown in help as `default: ...`, and filled in by the parser when the option is neither
    /// given nor in its environment variable: the one place a default is written. Never a secret.
    package let defaultValue: String?
    /// Read when the option is absent from the command line.
    package let environment: String?
    /// Kept out of help: spellings kept only so old deployments keep working.
    package let hidden: Bool

    package init(
        _ name: String,
        short: Character? = nil,
        aliases: [String] = [],
        kind: Kind = .value,
        valueName: String = "VALUE",
        default defaultValue: String? = nil,
        environment: String? = nil,
        hidden: Bool = false,
        help: String
    ) {
        self.name = name
        self.short = short
        self.aliases = aliases
        self.kind = kind
        self.valueName = valueName
        self.help = help
        self.defaultValue = defaultValue
        self.environment = environment
        self.hidden = hidden
    }

    package static func flag(_ name: String, aliases: [String] = [], hidden: Bool = false, help: String) -> OptionSpec {
        OptionSpec(name, aliases: aliases, kind: .flag, valueName: "", hidden: hidden, help: help)
    }

    var spellings: [String] { [name] + aliases }
}
