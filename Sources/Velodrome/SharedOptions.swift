import Logging
import VelodromeKit

/// Options every subcommand takes.
enum SharedOptions {
    static let global: [OptionSpec] = [
        OptionSpec("config", valueName: "PATH", default: "config.yaml", environment: "VELODROME_CONFIG",
                   help: "The configuration file: projects, repositories and metrics."),
        OptionSpec("log-level", valueName: "LEVEL", default: "info", environment: "VELODROME_LOG_LEVEL",
                   help: "Least severe messages to log: debug, info, warning or error."),
        OptionSpec("log-format", valueName: "FORMAT", default: "text", environment: "VELODROME_LOG_FORMAT",
                   help: "text for people, json for one JSON object per line (containers)."),
    ]

    static let loop: [OptionSpec] = [
        .flag("once", help: "Run one iteration and exit (for cron jobs); otherwise loop until SIGTERM or SIGINT."),
        OptionSpec("frequency", valueName: "N", default: "2", environment: "VELODROME_FREQUENCY",
                   help: "Iterations per hour when looping."),
        OptionSpec("interval", valueName: "DURATION", environment: "VELODROME_INTERVAL",
                   help: "Time between iterations when looping, e.g. 30m; instead of --frequency."),
        OptionSpec("listen", valueName: "ADDR:PORT", environment: "VELODROME_LISTEN",
                   help: "When looping, serve /metrics, /healthz and /readyz here: :9090 on every interface, 127.0.0.1:9090 on loopback only. Default: no endpoint."),
        OptionSpec("stale-after", valueName: "DURATION",
                   help: "/healthz fails once iterations have failed for this long since the last success. Default: three intervals."),
    ]

    static let database: [OptionSpec] = [
        OptionSpec("database", valueName: "URL", default: "sqlite:velodrome.db", environment: "VELODROME_DATABASE_URL",
                   help: "Where the mirror lives: sqlite:PATH (a SQLite file), or postgres://USER@HOST:PORT/DATABASE for a server many processes share (?sslmode=disable, require or verify-full)."),
        OptionSpec("database-password-file", valueName: "PATH",
                   help: "A file holding the PostgreSQL password, when the URL has none. Default: the PGPASSWORD variable."),
    ]

    static let repositorySelection: [OptionSpec] = [
        OptionSpec("repository", kind: .list, valueName: "ORG/NAME",
                   help: "A repository to work on; repeatable or comma-separated. Default: every repository in the configuration."),
        OptionSpec("project", valueName: "NAME",
                   help: "Every repository of this project of the configuration."),
    ]

    static func database(_ parsed: ParsedArguments, environment: [String: String]) throws -> DatabaseLocation {
        try DatabaseLocation(parsing: try parsed.string("database"), passwordFile: parsed.value("database-password-file"), environment: environment)
    }

    /// Sets up swift-log from --log-level and --log-format; returns the command's logger.
    static func logger(_ parsed: ParsedArguments, label: String) throws(UsageError) -> Logger {
        let level = try parsed.choice("log-level", from: LogLevels.choices)
        let format = try parsed.choice("log-format", from: LogFormat.choices)
        StderrLogHandler.bootstrap(level: level, format: format)
        return Logger(label: label)
    }
}
