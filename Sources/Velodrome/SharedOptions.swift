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

    /// GitHub's address and the tokens; `tokenDefault` says what is used when no token is given.
    static func github(tokenDefault: String) -> [OptionSpec] { [
        OptionSpec("github-url", valueName: "URL", default: "https://api.github.com", environment: "GITHUB_API_URL",
                   help: "GitHub's REST API; for GitHub Enterprise, https://HOST/api/v3."),
        OptionSpec("token-file", aliases: ["token"], kind: .repeated, valueName: "PATH", environment: "GITHUB_TOKEN_FILE",
                   help: "A file holding a GitHub token; repeatable. Default: \(tokenDefault)."),
        OptionSpec("token-dir", valueName: "DIR", environment: "GITHUB_TOKEN_DIR",
                   help: "A directory whose every file holds a GitHub token, as Kubernetes mounts a Secret; beside any --token-file."),
    ] }

    /// The InfluxDB outputs, 1.x and 2/3; with none, points go to the embedded store.
    static func influx(defaultDatabase: String) -> [OptionSpec] { [
        OptionSpec("influx-host", valueName: "URL", environment: "INFLUX_HOST",
                   help: "InfluxDB 1.x to write to, e.g. http://influxdb:8086. Default: the embedded store in the database."),
        OptionSpec("influx-database", valueName: "NAME", default: defaultDatabase, environment: "INFLUX_DATABASE",
                   help: "InfluxDB 1.x database."),
        .flag("create-database", help: "Create the InfluxDB 1.x database if it does not exist."),
        OptionSpec("influx-url", valueName: "URL", environment: "INFLUX_URL",
                   help: "InfluxDB 2 or 3 to write to through /api/v2/write."),
        OptionSpec("influx-org", valueName: "ORG", environment: "INFLUX_ORG", help: "InfluxDB 2/3 organization."),
        OptionSpec("influx-bucket", valueName: "BUCKET", environment: "INFLUX_BUCKET", help: "InfluxDB 2/3 bucket."),
    ] }

    static let influxCredentials: [OptionSpec] = [
        OptionSpec("influx-user", valueName: "NAME", default: "root", environment: "INFLUX_USER",
                   help: "InfluxDB 1.x user, used with a password."),
        OptionSpec("influx-password", valueName: "PASSWORD", environment: "INFLUX_PASSWORD",
                   help: "InfluxDB 1.x password; prefer the variable or --influx-password-file."),
        OptionSpec("influx-password-file", valueName: "PATH", help: "A file holding the InfluxDB 1.x password."),
        OptionSpec("influx-token", valueName: "TOKEN", environment: "INFLUX_TOKEN",
                   help: "InfluxDB 2/3 API token; prefer the variable or --influx-token-file."),
        OptionSpec("influx-token-file", valueName: "PATH", help: "A file holding the InfluxDB 2/3 API token."),
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
