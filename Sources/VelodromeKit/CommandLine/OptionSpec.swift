/// One command-line option, as a row of a command's option table.
///
/// Tables drive parsing, help and suggestions alike, so an option documented in
/// `--help` is exactly an option the parser accepts.
public struct OptionSpec: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `--once`, `--once=true`, `--once=false`.
        case flag
        /// `--name VALUE` or `--name=VALUE`; the last occurrence wins.
        case value
        /// Repeatable, and each value may be a comma list: `--repository a/b,c/d --repository e/f`.
        case list
        /// Repeatable; values are kept whole (for regexes, which may contain commas).
        case repeated
    }

    public let name: String
    public let aliases: [String]
    public let kind: Kind
    public let valueName: String
    public let help: String
    /// Shown in help as `(default: ...)`; never a secret.
    public let defaultValue: String?
    /// Read when the option is absent from the command line.
    public let environment: String?
    /// Kept out of help: spellings kept only so old deployments keep working.
    public let hidden: Bool

    public init(
        _ name: String,
        aliases: [String] = [],
        kind: Kind = .value,
        valueName: String = "VALUE",
        default defaultValue: String? = nil,
        environment: String? = nil,
        hidden: Bool = false,
        help: String
    ) {
        self.name = name
        self.aliases = aliases
        self.kind = kind
        self.valueName = valueName
        self.help = help
        self.defaultValue = defaultValue
        self.environment = environment
        self.hidden = hidden
    }

    public static func flag(_ name: String, aliases: [String] = [], hidden: Bool = false, help: String) -> OptionSpec {
        OptionSpec(name, aliases: aliases, kind: .flag, valueName: "", hidden: hidden, help: help)
    }

    var spellings: [String] { [name] + aliases }
}
