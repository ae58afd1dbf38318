import Foundation
import Testing
@testable import Velodrome
@testable import VelodromeKit

/// The `velodrome` binary as users meet it: output, messages and exit statuses.
@Suite struct CommandLineTests {
    func run(_ arguments: String...) async throws -> VelodromeProcess.Result {
        try await VelodromeProcess.run(arguments)
    }

    static let topLevelUsage = """
    Usage: velodrome <command> [options]

    Velodrome measures developer productivity on GitHub: it mirrors issues, pull
    requests, events and comments into SQL and turns them into time-series metrics
    for Grafana.

    Commands:
      fetch           Mirror issues, pull requests, events and comments into SQL
      transform       Turn the mirror into metrics in InfluxDB or the embedded store
      migrate         Create or upgrade the database's schema, then exit
      count-tokens    Record how much of each GitHub token's hourly quota is used
      gen-manifests   Print the Kubernetes manifests that run Velodrome per project
      dashboards      Build Grafana dashboards and datasources, or an HTML report
      help            Show a command's options: velodrome help fetch
      version         Print the version

    Every command takes --help. Exit status: 0 success, 1 runtime failure,
    2 bad usage or configuration.

    """

    @Test func topLevelHelp() async throws {
        for arguments in [["--help"], ["-h"], ["help"]] {
            let result = try await VelodromeProcess.run(arguments)
            #expect(result.status == 0)
            #expect(result.stdout == Self.topLevelUsage)
            #expect(result.stderr == "")
        }
    }

    @Test func noArgumentsIsUsage() async throws {
        let result = try await run()
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == Self.topLevelUsage)
    }

    @Test func version() async throws {
        for arguments in [["--version"], ["version"]] {
            let result = try await VelodromeProcess.run(arguments)
            #expect(result.status == 0)
            #expect(result.stdout == "velodrome \(Velodrome.version)\n")
        }
    }

    @Test func everyCommandHelpListsEveryOptionWithDefaultAndEnvironment() async throws {
        for command in Dispatcher.commands {
            let viaFlag = try await VelodromeProcess.run([command.name, "--help"])
            let viaHelp = try await VelodromeProcess.run(["help", command.name])
            #expect(viaFlag.status == 0, "\(command.name)")
            #expect(viaFlag.stdout == viaHelp.stdout, "\(command.name)")
            #expect(viaFlag.stdout.hasPrefix("Usage: velodrome \(command.name) "), "\(command.name)")
            let lines = viaFlag.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            for option in command.options where !option.hidden {
                let spelling = option.short.map { "  -\($0), --\(option.name)" } ?? "  --\(option.name)"
                let head = try #require(lines.firstIndex { $0.hasPrefix(spelling + " ") || $0 == spelling }, "\(command.name) --\(option.name)")
                // The option's own lines: up to the next option, blank line or section.
                let own = lines[head...].prefix { $0 == lines[head] || $0.hasPrefix(String(repeating: " ", count: CommandHelp.column)) }.joined(separator: " ")
                let notes = own.firstIndex(of: "[").map { String(own[$0...]) } ?? ""
                // Lines join with a space, except after a `/` where a long value was broken.
                let folded = notes.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ").replacingOccurrences(of: "/ ", with: "/")
                if let value = option.defaultValue { #expect(folded.contains("default: \(value)"), "\(command.name) --\(option.name): \(folded)") }
                if let variable = option.environment { #expect(folded.contains("env: \(variable)"), "\(command.name) --\(option.name): \(folded)") }
            }
        }
    }

    @Test func everyHelpFitsEightyColumns() async throws {
        var outputs = [try await run("help").stdout, try await run("help", "transform", "count").stdout, try await run("help", "transform", "latency").stdout]
        for command in Dispatcher.commands { outputs.append(try await VelodromeProcess.run(["help", command.name]).stdout) }
        for output in outputs {
            for line in output.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        }
    }

    /// The help's default is the value a run gets: the parser fills it in, and nothing else
    /// holds a default of its own.
    @Test func everyDeclaredDefaultIsTheValueARunReceives() throws {
        for command in Dispatcher.commands {
            let parsed = try command.parser(elsewhere: [:]).parse([], environment: [:])
            for option in command.options {
                #expect(parsed.value(option.name) == option.defaultValue, "\(command.name) --\(option.name)")
            }
        }
        let fetch = try FetchCommand.command.parser(elsewhere: [:]).parse(["--repository=a/b"])
        let schedule = try LoopSchedule(parsed: fetch)
        #expect(schedule == LoopSchedule(once: false, interval: .seconds(1800)))
        let settings = try FetchSettings(parsed: fetch, schedule: schedule, environment: [:])
        #expect(settings.githubURL.absoluteString == "https://api.github.com")
        #expect(settings.requestTimeout == .seconds(30))
        #expect(settings.settle == .seconds(300))
        #expect(settings.maxWait == nil)
        let once = try FetchCommand.command.parser(elsewhere: [:]).parse(["--repository=a/b", "--once"])
        #expect(try FetchSettings(parsed: once, schedule: LoopSchedule(parsed: once), environment: [:]).maxWait == .seconds(600))
        #expect(try SharedOptions.database(fetch, environment: [:]) == .sqlite(path: "velodrome.db"))
        #expect(try RepositorySelection(parsed: fetch).configurationPath == "config.yaml")
        let transform = try TransformCommand.command.parser(elsewhere: [:]).parse([])
        let sinks = try SinkSettings(parsed: transform)
        #expect(sinks.database == "github")
        #expect(sinks.user == "root")
        #expect(try transform.integer("batch-size", in: 1...1_000_000) == 5000)
        #expect(try transform.choice("log-level", from: LogLevels.choices) == .info)
        #expect(try transform.choice("log-format", from: LogFormat.choices) == .text)
        let counter = try CountTokensCommand.command.parser(elsewhere: [:]).parse([])
        #expect(try SinkSettings(parsed: counter).database == "monitoring")
        #expect(counter.value("output") == "table")
        #expect(counter.value("stale-after") == "5m")
    }

    /// Defaults live in the option tables only: no fallback of its own anywhere in the executable.
    @Test func theExecutableHoldsNoFallbackValues() throws {
        let folder = RepositoryRoot.path("Sources/Velodrome")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".swift") }
        #expect(files.count >= 6)
        for file in files {
            let text = try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)
            #expect(!text.contains("?? "), "\(file) falls back to a value of its own")
        }
    }

    @Test func fetchHelpIsExact() async throws {
        let result = try await run("fetch", "--help")
        #expect(result.stdout == """
        Usage: velodrome fetch [options]

        Mirror GitHub issues, pull requests, labels, assignees, issue events, issue
        comments and review comments into SQL, incrementally. Example:
          velodrome fetch --once --repository kubernetes/test-infra

        Fetch options:
          --repository ORG/NAME       A repository to work on; repeatable or
                                      comma-separated. Default: every repository in the
                                      configuration.
          --project NAME              Every repository of this project of the
                                      configuration.
          --organization ORG          With --project NAME, the original fetcher's way to
                                      name the one repository ORG/NAME.
          --github-url URL            GitHub's REST API; for GitHub Enterprise,
                                      https://HOST/api/v3.
                                      [default: https://api.github.com; env:
                                      GITHUB_API_URL]
          --token-file PATH           A file holding a GitHub token; repeatable.
                                      Default: the token in GITHUB_TOKEN, else anonymous
                                      (60 requests an hour).
                                      [env: GITHUB_TOKEN_FILE; also: --token]
          --token-dir DIR             A directory whose every file holds a GitHub token,
                                      as Kubernetes mounts a Secret; beside any
                                      --token-file.
                                      [env: GITHUB_TOKEN_DIR]
          --database URL              Where the mirror lives: sqlite:PATH (a SQLite
                                      file), or postgres://USER@HOST:PORT/DATABASE for a
                                      server many processes share (?sslmode=disable,
                                      require or verify-full).
                                      [default: sqlite:velodrome.db; env:
                                      VELODROME_DATABASE_URL]
          --database-password-file PATH
                                      A file holding the PostgreSQL password, when the
                                      URL has none. Default: the PGPASSWORD variable.
          --settle DURATION           How long GitHub may take to list an event or
                                      comment: the watermark stays this far behind the
                                      sync's start.
                                      [default: 5m; env: VELODROME_SETTLE]
          --max-wait DURATION         With --once, the longest wait for a rate limit to
                                      reset before a repository is given up.
                                      [default: 10m]
          --request-timeout DURATION  How long one GitHub request may take before it is
                                      retried.
                                      [default: 30s]
          --graphql WHEN              Read the histories of issues the events list does
                                      not reach through GraphQL, 100 issues a point
                                      instead of a request each: auto (with a token,
                                      where the server has GraphQL), never, or always.
                                      [default: auto; env: VELODROME_GRAPHQL]

        Estimate:
          --estimate                  Print how many requests a first sync of each
                                      repository needs (asking GitHub about five for
                                      each), against the quota left, and exit.
          --output FORMAT             With --estimate, how to print it: table, or json.
                                      [default: table]

        Loop options:
          --once                      Run one iteration and exit (for cron jobs);
                                      otherwise loop until SIGTERM or SIGINT.
          --frequency N               Iterations per hour when looping.
                                      [default: 2; env: VELODROME_FREQUENCY]
          --interval DURATION         Time between iterations when looping, e.g. 30m;
                                      instead of --frequency.
                                      [env: VELODROME_INTERVAL]
          --listen ADDR:PORT          When looping, serve /metrics, /healthz and /readyz
                                      here: :9090 on every interface, 127.0.0.1:9090 on
                                      loopback only. Default: no endpoint.
                                      [env: VELODROME_LISTEN]
          --stale-after DURATION      /healthz fails once iterations have failed for
                                      this long since the last success. Default: three
                                      intervals.

        Global options:
          --config PATH               The configuration file: projects, repositories and
                                      metrics.
                                      [default: config.yaml; env: VELODROME_CONFIG]
          --log-level LEVEL           Least severe messages to log: debug, info, warning
                                      or error.
                                      [default: info; env: VELODROME_LOG_LEVEL]
          --log-format FORMAT         text for people, json for one JSON object per line
                                      (containers).
                                      [default: text; env: VELODROME_LOG_FORMAT]

        Run 'velodrome help' for the list of commands.

        """)
    }

    @Test func countPluginHelp() async throws {
        let viaHelp = try await run("help", "transform", "count")
        let viaFlag = try await run("transform", "count", "--help")
        #expect(viaHelp.status == 0)
        #expect(viaHelp.stdout == CountOptions.help.render())
        #expect(viaFlag.stdout == viaHelp.stdout)
        #expect(viaHelp.stdout.contains("  --state PART[,PART]"))
    }

    @Test(arguments: [
        (["fecth"], "velodrome: unknown command \"fecth\"; did you mean fetch? (run 'velodrome help')"),
        (["--once"], "velodrome: expected a command before option --once (run 'velodrome help')"),
        (["help", "fetc"], "velodrome help: unknown command \"fetc\"; did you mean fetch?"),
        (["fetch", "--repositry", "a/b"], "velodrome fetch: unknown option --repositry; did you mean --repository?"),
        (["fetch", "--repository"], "velodrome fetch: option --repository needs a value (ORG/NAME)"),
        (["fetch", "--frequency=often"], "velodrome fetch: bad number \"often\" for --frequency: expected a whole number from 1 to 3600"),
        (["fetch", "--interval", "5x"], "velodrome fetch: bad duration \"5x\" for --interval: expected a number with a unit, such as 90s, 15m, 1h30m"),
        (["fetch", "--interval=1h", "--frequency=2"], "velodrome fetch: --interval and --frequency both set the loop period; give one"),
        (["fetch", "--log-level=verbose"], "velodrome fetch: bad value \"verbose\" for --log-level: expected one of debug, info, warning, error"),
        (["fetch", "--log-format=jsn"], "velodrome fetch: bad value \"jsn\" for --log-format: expected one of text, json; did you mean json?"),
        (["fetch", "--once=maybe"], "velodrome fetch: option --once takes no value, got \"maybe\" (use --once or --once=false)"),
        (["fetch", "--host=db"], "velodrome fetch: --host was the original's MySQL setting; Velodrome takes --database URL (sqlite:PATH)"),
        (["fetch", "stray"], "velodrome fetch: unexpected argument \"stray\" for fetch"),
        (["transform", "--influx-hots=x"], "velodrome transform: unknown option --influx-hots; did you mean --influx-host?"),
        (["fetch", "--influx-host", "http://influxdb:8086"], "velodrome fetch: --influx-host is an option of transform, not of fetch"),
        (["transform", "--token-file=/t"], "velodrome transform: --token-file is an option of fetch, not of transform"),
        (["transform", "--name=m", "count", "--event=merged", "--rebuild"], "velodrome transform: --rebuild is an option of transform, not of count: put it before count"),
        (["transform", "count", "--event=merged"], "velodrome transform: count needs --name METRIC, the name of the metric its arguments define"),
        (["transform", "latency", "--to=merged"], "velodrome transform: latency needs --name METRIC, the name of the metric its arguments define"),
        (["transform", "--repository=a/b", "--name=m", "latency", "--from=merged"], "velodrome transform: latency: latency needs --to=EVENT: where each issue's clock stops"),
        (["transform", "--repository=a/b", "--name=m", "latency", "--to=approved"], "velodrome transform: latency: --to: unknown event \"approved\" (expected one of opened, commented, closed, reopened, merged, labeled:NAME, unlabeled:NAME, responded)"),
        (["fetch", "--repository=a/b", "--output=json"], "velodrome fetch: --output says how --estimate prints; fetch itself writes to --database"),
        (["fetch", "--repository=a/b", "--estimate", "--output=yaml"], "velodrome fetch: bad value \"yaml\" for --output: expected one of table, json"),
        (["fetch", "--settle=soon"], "velodrome fetch: bad duration \"soon\" for --settle: expected a number with a unit, such as 90s, 15m, 1h30m"),
        (["count-tokens"], "velodrome count-tokens: count-tokens needs a token: --token-file PATH, --token-dir DIR, or GITHUB_TOKEN"),
        (["count-tokens", "--interval=1m"], "velodrome count-tokens: --interval is an option of fetch, not of count-tokens"),
        (["count-tokens", "--output=json"], "velodrome count-tokens: --output says how --once prints the quotas; a loop serves them on /metrics (--listen)"),
        (["count-tokens", "--output=yaml"], "velodrome count-tokens: bad value \"yaml\" for --output: expected one of table, json"),
        (["count-tokens", "--token=/nonexistent/bot"], "velodrome count-tokens: cannot read secret file /nonexistent/bot: No such file or directory"),
    ])
    func badUsageExitsTwoWithOneLine(arguments: [String], message: String) async throws {
        let result = try await VelodromeProcess.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr == message + "\n")
        #expect(result.stdout == "")
    }

    @Test func environmentValuesAreNamedInErrors() async throws {
        let result = try await VelodromeProcess.run(["fetch"], environment: VelodromeProcess.cleanEnvironment(["VELODROME_FREQUENCY": "0"]))
        #expect(result.status == 2)
        #expect(result.stderr == "velodrome fetch: bad number \"0\" for environment variable VELODROME_FREQUENCY: expected a whole number from 1 to 3600\n")
    }

    /// An output that cannot be reached fails before any work, naming its address, even when
    /// there is nothing to compute.
    @Test func unreachableInfluxDBFailsAtTheStartNamingItsAddress() async throws {
        let directory = try TemporaryDirectory()
        let result = try await run("transform", "--once", "--database", "sqlite:\(directory.path("empty.db"))", "--repository", "acme/widgets",
                                   "--influx-host", "http://127.0.0.1:1", "--name", "merged", "count", "--event=merged")
        #expect(result.status == 1)
        #expect(result.stderr.contains("transform iteration failed: cannot reach InfluxDB at http://127.0.0.1:1: cannot connect to 127.0.0.1:1 (GET /ping)\n"), "\(result.stderr)")
    }
}
